/**
 * The direction of a change verb, read from WordNet: +1 for a verb whose
 * first sense is a kind of increasing, intensifying or strengthening, -1 for
 * one that is a kind of decreasing, weakening or reducing ("wane", "shrink"),
 * within two hypernym steps; 0 otherwise. Improving and worsening are left
 * out: they judge rather than measure ("reduce energy use" improves it). Two
 * verbs of opposite direction in the same slot say opposite things ("the
 * friendship strengthens" / "the friendship wanes") where WordNet has no
 * antonym link between them.
 */
import { hypernymLevels, sensesOf } from './wordnet';

/** How many hypernym steps above a verb's first sense are searched. */
const DEPTH = 2;

let roots: { up: Set<number>; down: Set<number> } | undefined;
const memo = new Map<string, -1 | 0 | 1>();

function rootsOf(): { up: Set<number>; down: Set<number> } {
  roots ??= {
    up: new Set(['increase', 'intensify', 'strengthen'].flatMap((w) => sensesOf(w, 'v').slice(0, 2))),
    down: new Set(['decrease', 'weaken', 'reduce'].flatMap((w) => sensesOf(w, 'v').slice(0, 2))),
  };
  return roots;
}

/** The direction of verb lemma `lemma` (see the module comment). */
export function directionOf(lemma: string): -1 | 0 | 1 {
  const hit = memo.get(lemma);
  if (hit !== undefined) return hit;
  const { up, down } = rootsOf();
  let d: -1 | 0 | 1 = 0;
  for (const level of hypernymLevels(sensesOf(lemma, 'v').slice(0, 1), DEPTH)) {
    const u = level.some((s) => up.has(s));
    const w = level.some((s) => down.has(s));
    if (u !== w) {
      d = u ? 1 : -1;
      break;
    }
  }
  if (memo.size > 20000) memo.clear();
  memo.set(lemma, d);
  return d;
}
