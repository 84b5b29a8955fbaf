import type { Analysis } from '../../analysis/facts';
import { CONTRASTS, DENYING_VERBS, NEGATIONS, STOP, closesContrast, deniesVerb } from '../../analysis/lexicon';
import type { Tally } from './comparison';
import type { Token } from '../../analysis/nlp';
import { stemWord } from '../../analysis/words';
import { wnPos } from '../../analysis/wordnet';

/**
 * Negation on the word it bears on: one sentence denies what the other states
 * plainly.
 */

/** Whether "until" or "before" follows negation `n` within a few words ("not ... until"). */
function untilAfter(a: Analysis, n: Analysis['negations'][number]): boolean {
  const at = a.tokens.indexOf(n);
  for (let k = at + 1; k < Math.min(a.tokens.length, at + 6); k++) {
    const w = a.tokens[k].lower;
    if (w === 'until' || w === 'till' || w === 'before') return true;
    if (a.tokens[k].pos === 'PUNCT') return false;
  }
  return false;
}

/** How many tokens after a negation it can bear on. */
const NEGATION_SCOPE = 4;

/** Whether token `t` is a boundary a negation does not reach across (punctuation, "but"). */
function clauseBreak(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  // A hyphen between two words without a space ("U.S.-led", "anti-tank") joins them: it ends no clause.
  if (t.text === '-' && tokens[k - 1]?.end === t.start && tokens[k + 1]?.start === t.end) return false;
  return (t.pos === 'PUNCT' && /^[,;:()[\]—–-]$/.test(t.text)) || t.lower === 'but';
}

/** Whether negation `n` denies anything: "not until 2006" states 2006, "no. 1" and "no 1" are numbers. */
function denies(a: Analysis, n: Token): boolean {
  const next = a.tokens[a.tokens.indexOf(n) + 1];
  if (n.lower === 'no' && next && (next.pos === 'NUM' || next.text === '.')) return false;
  return !untilAfter(a, n);
}

/** The index of the content word negation `n` bears on, or -1. */
function scopeOf(a: Analysis, n: Token): number {
  if (!denies(a, n)) return -1;
  const at = a.tokens.indexOf(n);
  // "None of the companies they approached have taken" quantifies the
  // companies: it denies the predicate, the first verb after the phrase that
  // is not a relative clause's (a pronoun before it other than the phrase's own, "they approached").
  if ((n.lower === 'none' || n.lower === 'neither') && a.tokens[at + 1]?.lower === 'of') {
    for (let k = at + 3; k < Math.min(a.tokens.length, at + 12); k++) {
      const t = a.tokens[k];
      if (/^[.;:!?]$/.test(t.text)) return -1;
      if (t.pos === 'VERB' && !(a.tokens[k - 1].pos === 'PRON' && k - 1 > at + 2)) return k;
    }
    return -1;
  }
  for (let k = at + 1; k < Math.min(a.tokens.length, at + 1 + NEGATION_SCOPE); k++) {
    const t = a.tokens[k];
    if (clauseBreak(a.tokens, k)) return -1;
    if (NEGATIONS.has(t.lower)) continue;
    // "no longer has" and "not any more" deny the verb, not the time word.
    if ((t.lower === 'longer' || t.lower === 'more' || t.lower === 'any') && k <= at + 2) continue;
    if (/\p{L}/u.test(t.text) && !STOP.has(t.lower) && !STOP.has(t.lemma) && t.pos !== 'ADP' && t.pos !== 'DET' && t.pos !== 'PRON' && t.pos !== 'AUX') {
      // "No" and "without" deny a thing: the head of the noun phrase they
      // open ("without model permission" denies the permission, not the model).
      if (n.lower === 'no' || n.lower === 'without') {
        let head = k;
        while (head + 1 < a.tokens.length && head < k + 3 && (a.tokens[head + 1].pos === 'NOUN' || a.tokens[head + 1].pos === 'PROPN')) head++;
        return head;
      }
      return k;
    }
  }
  return -1;
}

/**
 * The verb a negation passes over to reach the word it bears on, when that
 * verb carries no content of its own ("don't have the model", "was not the
 * plan"): the negation denies the having, so only a sentence that has the
 * same verb before the word states what it denies.
 */
function lightVerb(a: Analysis, n: Token, k: number): string | undefined {
  // Before a verb, auxiliaries passed over are its own ("has not been
  // confirmed"): the negation denies that verb. With an object between
  // ("don't have it represented"), the having is denied.
  const at = a.tokens.indexOf(n);
  if (a.tokens[k].pos === 'VERB' && a.tokens.slice(at + 1, k).every((t) => t.pos === 'AUX' || t.pos === 'ADV' || t.pos === 'PART' || NEGATIONS.has(t.lower)))
    return undefined;
  for (let j = at + 1; j < k; j++) {
    const t = a.tokens[j];
    if ((t.pos === 'VERB' || t.pos === 'AUX') && /\p{L}/u.test(t.text) && !NEGATIONS.has(t.lower)) return t.lemma;
  }
  return undefined;
}

/** Whether verb `lemma` stands among the few words before token `k` of `a`, in its clause. */
function verbBefore(a: Analysis, k: number, lemma: string): boolean {
  for (let j = k - 1; j >= Math.max(0, k - NEGATION_SCOPE); j--) {
    const t = a.tokens[j];
    if (clauseBreak(a.tokens, j)) return false;
    if (t.lemma === lemma) return true;
  }
  return false;
}

/**
 * The claim word a negation conflict is about: the word a claim negation bears
 * on, or (for a source negation) the claim word at the conflict itself.
 */
export function negatedWord(c: Analysis, x: { start: number; end: number }): Token | undefined {
  const t = c.tokens.find((u) => u.start === x.start && u.end === x.end);
  if (!t) return undefined;
  if (!c.negations.includes(t)) return t;
  const k = scopeOf(c, t);
  return k < 0 ? undefined : c.tokens[k];
}

/**
 * Whether token `k` of `a` is in the scope of a negation (quoted or not), of
 * a verb that denies it ("failed to make"), of a contrast that denies it
 * ("talking the talk rather than walking the walk", "instead of walking"), or
 * of the suffix "-free" ("a risk-free trial" has no risk).
 */
function negatedAt(a: Analysis, k: number): boolean {
  if (/^[-‐]$/.test(a.tokens[k + 1]?.text ?? '') && a.tokens[k + 2]?.lower === 'free') return true;
  for (let j = k - 1; j >= Math.max(0, k - NEGATION_SCOPE); j--) {
    const t = a.tokens[j];
    if (clauseBreak(a.tokens, j)) return false;
    // Quoted negations count here: a sentence that quotes "will not handle" says it.
    if (NEGATIONS.has(t.lower) && denies(a, t)) return true;
    if (closesContrast(a.tokens, j) || deniesVerb(a.tokens[j], a.tokens[j + 1])) return true;
  }
  return false;
}

/** How many content words either side of a negated word make its slot. */
const SLOT_WORDS = 4;

/**
 * Whether a sentence's text may hold a negation, tested before it is
 * analysed: the negation words, the contrasts ("rather than") and the
 * negative implicatives before "to" in any inflection ("refused to"). It may
 * match more than the analysis finds, never less.
 */
export const NEGATION_RE = new RegExp(
  `(?<!\\p{L})(?:${[
    ...[...NEGATIONS].map((w) => w.replace(/'/g, "['’]")),
    ...CONTRASTS.map(([a, b]) => `${a}\\s+${b}`),
    ...[...DENYING_VERBS].map((v) => `${v.replace(/e$/, '')}\\p{L}*\\s+to`),
  ].join('|')})(?!\\p{L})|n['’]t(?!\\p{L})`,
  'iu',
);

/** Words that open a clause which asserts nothing: a condition or an indirect question. */
const UNASSERTED = new Set(['if', 'whether', 'unless']);

/**
 * Whether token `k` of `a` stands in a clause that asserts nothing ("whether a
 * person wants to go", "if you don't want to go"): neither its negation nor
 * its plain word says what is the case.
 */
function unasserted(a: Analysis, k: number): boolean {
  for (let j = k - 1; j >= 0; j--) {
    const t = a.tokens[j];
    if (UNASSERTED.has(t.lower)) return true;
    if (/^[.;:!?]$/.test(t.text)) return false;
  }
  return false;
}

/** A negation of a word the other sentence states plainly, in the same part of speech and slot. */
export function compareNegation(t: Tally, c: Analysis, s: Analysis): void {
  // A negation bears on the first content word after it in its clause ("was
  // not reliant", "never met"). The claim and the source disagree when one
  // negates a word the other states plainly; a negation elsewhere in either
  // sentence says nothing about that word, and two negations of one word
  // ("not, it's not expensive") are one.
  // The word must also play the same part in both: the same part of speech
  // ("features like speech" is no denial of "I don't like it") and a word in
  // common around it ("not using the voice feature" says nothing of
  // "materials being used").
  const sameWord = (x: Analysis, i: number, y: Analysis, j: number): boolean => {
    const a = x.tokens[i];
    const b = y.tokens[j];
    if (a.lemma !== b.lemma || a.pos === 'ADP' || b.pos === 'ADP' || wnPos(a.pos) !== wnPos(b.pos)) return false;
    // The slot is the word's clause: a word in common among the few content
    // words after it ("reliant on Soviet aid", "confirmed ... KCNA") or before
    // it ("Pyongyang has confirmed"), not across a clause break ("Carly teases
    // Steve about getting kicked out" and "Carly: I never get that" share a
    // speaker, not a predicate).
    const side = (z: Analysis, t: Token, step: 1 | -1): Set<string> => {
      const out = new Set<string>();
      for (let k = z.tokens.indexOf(t) + step, n = 0; k >= 0 && k < z.tokens.length && n < SLOT_WORDS; k += step) {
        const u = z.tokens[k];
        // A one-word aside (", though,", ", however,") does not end the clause.
        if (u.text === ',' && z.tokens[k + 2 * step]?.text === ',') {
          k += 2 * step;
          continue;
        }
        if (clauseBreak(z.tokens, k) || (step === -1 && u.text === '.')) break;
        if (STOP.has(u.lower) || STOP.has(u.lemma)) continue;
        const w = stemWord(u.lemma);
        if (STOP.has(w) || NEGATIONS.has(u.lower) || !/\p{L}/u.test(w)) continue;
        out.add(w);
        n++;
      }
      return out;
    };
    for (const step of [1, -1] as const) {
      const there = side(y, b, step);
      for (const w of side(x, a, step)) if (there.has(w)) return true;
    }
    return false;
  };
  // Whether sentence `y` negates word `w` anywhere, in whatever slot ("very
  // little help, or no help at all" denies help as well as granting a little).
  // A verb whose object is denied ("made no progress") is denied as much as by "did not make progress" or "failed to make progress".
  const negatesAnywhere = (y: Analysis, w: Token): boolean =>
    y.tokens.some(
      (t, j) =>
        t.lemma === w.lemma &&
        wnPos(t.pos) === wnPos(w.pos) &&
        (negatedAt(y, j) || (t.pos === 'VERB' && NEGATIONS.has(y.tokens[j + 1]?.lower ?? '') && denies(y, y.tokens[j + 1]))),
    );
  const negConflict = (() => {
    // The other sentence may say the word twice ("very little help, or no
    // help at all"): it disagrees only if it never negates it as well.
    const matches = (x: Analysis, k: number, y: Analysis): number[] => y.tokens.flatMap((_, j) => (sameWord(x, k, y, j) ? [j] : []));
    for (const n of c.negations) {
      const k = scopeOf(c, n);
      if (k < 0 || unasserted(c, k)) continue;
      const light = lightVerb(c, n, k);
      const js = matches(c, k, s).filter((j) => !unasserted(s, j) && (light === undefined || verbBefore(s, j, light)));
      if (js.length && !negatesAnywhere(s, c.tokens[k])) return { kind: 'negation' as const, start: n.start, end: n.end, found: n.text };
    }
    for (const n of s.negations) {
      const k = scopeOf(s, n);
      if (k < 0 || unasserted(s, k)) continue;
      const light = lightVerb(s, n, k);
      const is = matches(s, k, c).filter((i) => !unasserted(c, i) && (light === undefined || verbBefore(c, i, light)));
      if (is.length && !negatesAnywhere(c, s.tokens[k]))
        return { kind: 'negation' as const, start: c.tokens[is[0]].start, end: c.tokens[is[0]].end, found: c.tokens[is[0]].text };
    }
    return undefined;
  })();
  if (negConflict) t.conflicts.push(negConflict);
}
