/**
 * The `factCheck.*` settings: their types, defaults, bounds and descriptions
 * in one place, shared by the server (which reads them per document, see
 * `lsp/state/settingsStore.ts`), the client, and `package.json`, whose
 * `contributes.configuration` is generated from {@link SETTINGS_SCHEMA} by
 * `npm run settings` (a unit test fails when the two differ).
 */

/** Severity names as written in settings; `off` hides the finding. */
export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** The resolved settings of one document. */
export interface Settings {
  corpus: {
    /** Source folders, workspace-relative or absolute. */
    folders: string[];
    /** Whether the corpus shipped with the extension is checked too. */
    includeBundled: boolean;
    /** At most this many source files are read. */
    maxFiles: number;
    /** At most this many megabytes of sources are read. */
    maxMegabytes: number;
    /**
     * A shared corpus in PostgreSQL: a connection string, or `env:NAME` (`env`
     * alone: `$FACT_CHECK_DATABASE_URL`) so that no password sits in settings.
     * When set, it replaces the folders and the bundled corpus. Empty: off.
     */
    database: string;
    /**
     * The entries of {@link folders} that the user set in their own (user)
     * settings, as opposed to the workspace's settings; undefined when the
     * client does not say (then every entry counts as the workspace's).
     * Only user folders may lie outside an untrusted workspace.
     */
    userFolders?: string[];
  };
  severity: {
    contradicted: SeveritySetting;
    unverified: SeveritySetting;
    conflict: SeveritySetting;
  };
  /** Language ids of the documents to check. */
  languages: string[];
  /** Minimum similarity, 0..1, for a source sentence to count as evidence. */
  minScore: number;
  /** Drafts longer than this (characters) are not checked. */
  maxDraftSize: number;
  /**
   * Milliseconds the findings of an unfinished sentence being typed wait for a
   * pause in typing (a finished sentence shows them at once); 0: no wait.
   */
  typingPause: number;
}

/** Defaults; package.json's `contributes.configuration` must say the same. */
export const DEFAULT_SETTINGS: Settings = {
  corpus: { folders: [], includeBundled: true, maxFiles: 20_000, maxMegabytes: 200, database: '' },
  severity: { contradicted: 'warning', unverified: 'information', conflict: 'information' },
  languages: ['markdown', 'plaintext'],
  minScore: 0.1,
  maxDraftSize: 1_000_000,
  typingPause: 1000,
};

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/**
 * Turns whatever the client sent (possibly partial, possibly wrong) into
 * complete settings. Each bad value falls back to its default and is reported
 * in `problems`, so a typo in settings.json never stops the server.
 */
export function normaliseSettings(raw: unknown, problems: string[] = []): Settings {
  if (raw !== undefined && raw !== null && !isObject(raw)) problems.push(`factCheck settings must be an object (got ${describe(raw)})`);
  const r = isObject(raw) ? raw : {};
  const section = (name: string): Record<string, unknown> => {
    const v = r[name];
    if (v === undefined || v === null) return {};
    if (isObject(v)) return v;
    problems.push(`factCheck.${name} must be an object of settings (got ${describe(v)})`);
    return {};
  };
  const corpus = section('corpus');
  const severity = section('severity');
  const d = DEFAULT_SETTINGS;

  const folders = (() => {
    const v = corpus.folders;
    if (v === undefined || v === null) return d.corpus.folders;
    // A single string is a common slip; take it as a one-folder list.
    if (typeof v === 'string') return v.trim() ? [v] : [];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.filter((x) => x.trim());
    problems.push(`factCheck.corpus.folders must be a list of folder paths (got ${describe(v)})`);
    return d.corpus.folders;
  })();

  const sev = (name: keyof Settings['severity']): SeveritySetting => {
    const v = severity[name];
    if (v === undefined || v === null) return d.severity[name];
    const s = typeof v === 'string' ? v.toLowerCase() : '';
    // "info" and "none" are what people type from other tools.
    const alias = s === 'info' ? 'information' : s === 'none' ? 'off' : s;
    if ((SEVERITIES as string[]).includes(alias)) return alias as SeveritySetting;
    problems.push(`factCheck.severity.${name} must be one of ${SEVERITIES.join(', ')} (got ${describe(v)})`);
    return d.severity[name];
  };

  const languages = (() => {
    const v = r.languages;
    if (v === undefined || v === null) return d.languages;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
    problems.push(`factCheck.languages must be a list of language ids (got ${describe(v)})`);
    return d.languages;
  })();

  const number = (name: string, v: unknown, fallback: number, min: number, max: number, integer = false): number => {
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v))) return v;
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    problems.push(`factCheck.${name} must be ${integer ? 'a whole number' : 'a number'} ${range} (got ${describe(v)})`);
    return fallback;
  };
  const num = (name: 'minScore' | 'maxDraftSize' | 'typingPause', min: number, max: number, integer = false): number =>
    number(name, r[name], d[name], min, max, integer);

  const includeBundled = (() => {
    const v = corpus.includeBundled;
    if (v === undefined || v === null) return d.corpus.includeBundled;
    if (typeof v === 'boolean') return v;
    problems.push(`factCheck.corpus.includeBundled must be true or false (got ${describe(v)})`);
    return d.corpus.includeBundled;
  })();

  // Which folders the user set in their own settings: told by the VS Code client (see client/src/extension.ts).
  const scopes = isObject(r._scopes) ? r._scopes : {};
  const userFolders = Array.isArray(scopes.userFolders) ? scopes.userFolders.filter((x): x is string => typeof x === 'string') : undefined;

  return {
    corpus: {
      folders,
      includeBundled,
      maxFiles: number('corpus.maxFiles', corpus.maxFiles, d.corpus.maxFiles, 1, 1_000_000, true),
      maxMegabytes: number('corpus.maxMegabytes', corpus.maxMegabytes, d.corpus.maxMegabytes, 1, 100_000),
      database: (() => {
        const v = corpus.database;
        if (v === undefined || v === null) return d.corpus.database;
        if (typeof v === 'string') return v.trim();
        problems.push(`factCheck.corpus.database must be a connection string or env:NAME (got ${describe(v)})`);
        return d.corpus.database;
      })(),
      ...(userFolders ? { userFolders } : {}),
    },
    severity: { contradicted: sev('contradicted'), unverified: sev('unverified'), conflict: sev('conflict') },
    languages,
    minScore: num('minScore', 0, 1),
    maxDraftSize: num('maxDraftSize', 0, Number.MAX_SAFE_INTEGER),
    typingPause: num('typingPause', 0, 10_000, true),
  };
}

/**
 * Whether `languageId` is one of `languages`. Editors name plain text
 * differently (VS Code `plaintext`, Neovim and Helix `text`), so those are one.
 */
export function languageEnabled(languageId: string, languages: readonly string[]): boolean {
  const norm = (id: string) => (id === 'text' || id === 'txt' || id === 'plain' ? 'plaintext' : id);
  const id = norm(languageId);
  return languages.some((l) => norm(l) === id);
}

/** The engine's language for a document: markdown, or plain text for everything else. */
export function engineLanguage(languageId: string): 'markdown' | 'plaintext' {
  return languageId === 'markdown' || languageId === 'mdx' ? 'markdown' : 'plaintext';
}

/** A setting's value as shown in a message, shortened. */
function describe(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    // Too deep or circular to print (String() of nested arrays recurses too):
    // name the kind of value instead.
    s = Array.isArray(v) ? 'a list nested too deep to show' : typeof v === 'object' && v !== null ? 'an object nested too deep to show' : typeof v;
  }
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
