import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyse, parseDocDate, type Analysis } from '../../server/src/core/analysis/facts';
import type { Value } from '../../server/src/core/analysis/values';
import { sentencesOf } from '../../server/src/core/analysis/nlp';
import { compare } from '../../server/src/core/verdict/compare';
import type { Comparison } from '../../server/src/core/verdict/comparators/comparison';

/** Analyses the first sentence of `text`, optionally against a document date (YYYY-MM-DD). */
export function analyseSentence(text: string, docDate?: string): Analysis {
  const sentences = sentencesOf(text);
  if (sentences.length === 0) throw new Error(`no sentence in ${JSON.stringify(text)}`);
  return analyse(sentences[0].tokens, text, parseDocDate(docDate));
}

/** A claim sentence compared with one source sentence, with no neighbouring sentences. */
export function compareSentences(claim: string, source: string): Comparison {
  return compare(analyseSentence(claim), analyseSentence(source), []);
}

/** The kinds of the conflicts {@link compareSentences} finds. */
export function conflictKinds(claim: string, source: string): string[] {
  return compareSentences(claim, source).conflicts.map((x) => x.kind);
}

/** The conflicts {@link compareSentences} finds, as [kind, found, expected]. */
export function conflictsFound(claim: string, source: string): (string | undefined)[][] {
  return compareSentences(claim, source).conflicts.map((x) => [x.kind, x.found, x.expected]);
}

/** The conflicts {@link compareSentences} finds, as [found, expected]. */
export function conflictPairs(claim: string, source: string): (string | undefined)[][] {
  return compareSentences(claim, source).conflicts.map((x) => [x.found, x.expected]);
}

/** The values of the first sentence of `text`. */
export function valuesOf(text: string, docDate?: string): Value[] {
  return analyseSentence(text, docDate).values;
}

/** The single value of `type` in `text`; fails when there is not exactly one. */
export function onlyValue(text: string, type: Value['type'], docDate?: string): Value {
  const vs = valuesOf(text, docDate).filter((v) => v.type === type);
  if (vs.length !== 1) {
    throw new Error(`expected one ${type} in ${JSON.stringify(text)}, got ${JSON.stringify(valuesOf(text, docDate).map((v) => [v.type, v.text]))}`);
  }
  return vs[0];
}

/** A fresh temporary folder, removed by the returned cleanup function. */
export function tempDir(prefix = 'fact-check-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
