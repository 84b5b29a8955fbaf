import { run } from '../../server/src/cli/main';

/** What one CLI run printed and returned. */
export interface Outcome {
  code: number;
  out: string;
  err: string;
}

/** Calls the CLI in-process from `cwd`, capturing its output. */
export function cli(argv: string[], cwd: string): Outcome {
  let out = '';
  let err = '';
  const here = process.cwd();
  process.chdir(cwd);
  try {
    const code = run(
      argv,
      (s) => (out += s),
      (s) => (err += s),
    );
    return { code, out, err };
  } finally {
    process.chdir(here);
  }
}
