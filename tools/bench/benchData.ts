/**
 * Deterministic inputs for `npm run bench`: a seeded PRNG, synthetic news-like
 * corpora of any size, drafts sampled from a corpus, and perturbed queries.
 */

/** mulberry32: a small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(xs.length * r() ** 1.4)];
const uniform = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(xs.length * r())];
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const cap = (s: string): string => s[0].toUpperCase() + s.slice(1);

const FIRST =
  'Anna Ben Carla David Elena Farid Grace Hiro Ines Jonas Karin Liam Maria Nadia Omar Paula Quentin Rosa Samir Tanya Umar Vera Walter Xenia Yusuf Zofia Aidan Bianca Chen Dmitri Esther Felix Greta Hassan Irene Jamal Katya Lucas Mina Nils Olga Pedro Rania Sven Talia Viktor Wanda'.split(
    ' ',
  );
const SYL1 = 'ka ro mi ta ve lo su ne ba di fa go he ja mo'.split(' ');
const SYL2 = 'ran vel tor mis bar len dor sak pel rin gul fen hal mur zet'.split(' ');
const SYL3 = 'ov ski ez son berg ani ier dal ura ek man ell ola ido ard'.split(' ');
const SURNAMES: string[] = [];
for (const a of SYL1) for (const b of SYL2) for (const c of SYL3) SURNAMES.push(cap(a + b + c));
const TOWNS: string[] = [];
for (const a of SYL2) for (const b of SYL1) for (const c of ['ton', 'ville', 'burg', 'ford', 'mouth', 'field', 'stad', 'haven']) TOWNS.push(cap(a + b + c));
const COUNTRIES =
  'France Germany Kenya Brazil Japan Canada India Mexico Norway Egypt Chile Vietnam Poland Ghana Peru Spain Italy Turkey Nigeria Australia'.split(' ');
const ROLES = 'chief executive,finance director,mayor,spokeswoman,chairman,head,founder,deputy leader,treasurer,lead engineer'.split(',');
const ORG_KINDS = 'Group,Holdings,Institute,Council,Bank,Foundation,Partners,Authority,Trust,Energy'.split(',');
const VERBS =
  'announced approved rejected opened closed launched signed completed delayed expanded reduced cancelled confirmed proposed criticised defended acquired funded suspended renewed'.split(
    ' ',
  );
const NOUNS =
  'plan bridge hospital budget contract project election inquiry agreement school factory festival museum railway tax policy report trial deal strike merger programme stadium airport harbour pipeline reform library clinic tunnel'.split(
    ' ',
  );
const PLURALS = 'workers nurses teachers farmers students residents drivers patients voters engineers families shops homes jobs flights'.split(' ');
const ADJ = 'new controversial national regional local public private major joint temporary annual ambitious costly popular delayed'.split(' ');
const MONTHS = 'January February March April May June July August September October November December'.split(' ');

function person(r: Rand): string {
  return `${pick(r, FIRST)} ${pick(r, SURNAMES)}`;
}
function org(r: Rand): string {
  return `${pick(r, SURNAMES)} ${uniform(r, ORG_KINDS)}`;
}
function place(r: Rand): string {
  return r() < 0.3 ? pick(r, COUNTRIES) : pick(r, TOWNS);
}

/** One synthetic news sentence (names, places, years, numbers). */
export function newsSentence(r: Rand): string {
  const y = int(r, 1950, 2024);
  switch (int(r, 0, 5)) {
    case 0:
      return `${person(r)}, the ${uniform(r, ROLES)} of ${org(r)}, ${uniform(r, VERBS)} a ${uniform(r, ADJ)} ${uniform(r, NOUNS)} in ${place(r)} in ${uniform(r, MONTHS)} ${y}.`;
    case 1:
      return `In ${y}, ${org(r)} ${uniform(r, VERBS)} ${int(r, 2, 90)} ${uniform(r, NOUNS)}s worth $${int(r, 2, 900)} million across ${place(r)}.`;
    case 2:
      return `The ${uniform(r, ADJ)} ${uniform(r, NOUNS)} in ${pick(r, TOWNS)} was ${uniform(r, VERBS)} by ${person(r)} after ${int(r, 20, 5000)} ${uniform(r, PLURALS)} signed a petition.`;
    case 3:
      return `${person(r)} said the ${uniform(r, NOUNS)} would cost ${int(r, 2, 700)} million euros and employ ${int(r, 50, 9000)} ${uniform(r, PLURALS)} in ${place(r)} by ${y}.`;
    case 4:
      return `About ${int(r, 2, 95)} percent of ${uniform(r, PLURALS)} in ${place(r)} backed the ${uniform(r, ADJ)} ${uniform(r, NOUNS)}, according to ${org(r)}.`;
    default:
      return `${org(r)} was founded in ${pick(r, TOWNS)} in ${y} by ${person(r)} and now has ${int(r, 3, 400)} ${uniform(r, PLURALS)}.`;
  }
}

/** A synthetic corpus of about `sentences` sentences in documents of ~20, paragraphs of 1–3 sentences. */
export function syntheticCorpus(sentences: number, seed = 1): { path: string; text: string }[] {
  const r = prng(seed);
  const docs: { path: string; text: string }[] = [];
  let made = 0;
  while (made < sentences) {
    const n = Math.min(sentences - made, int(r, 12, 28));
    const lines: string[] = [];
    if (r() < 0.5) lines.push(` date ${int(r, 2015, 2024)}-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}`);
    let k = 0;
    while (k < n) {
      const m = Math.min(n - k, int(r, 1, 3));
      const para: string[] = [];
      for (let j = 0; j < m; j++) para.push(newsSentence(r));
      lines.push(para.join(' '));
      k += m;
    }
    docs.push({ path: `synthetic/${String(docs.length).padStart(6, '0')}.txt`, text: lines.join('\n') + '\n' });
    made += n;
  }
  return docs;
}

/** Changes one number of a sentence (a year by 1–3, other numbers by a few); undefined when it has none. */
export function alterNumber(r: Rand, s: string): string | undefined {
  const nums = [...s.matchAll(/\b\d{1,4}\b/g)];
  if (nums.length === 0) return undefined;
  const m = uniform(r, nums);
  const v = +m[0];
  const nv = m[0].length === 4 && v >= 1900 && v <= 2100 ? v + (r() < 0.5 ? -1 : 1) * int(r, 1, 3) : v + int(r, 1, 9);
  return s.slice(0, m.index) + String(nv) + s.slice(m.index + m[0].length);
}

/** Drops one lower-case word of four letters or more. */
export function dropWord(r: Rand, s: string): string {
  const words = [...s.matchAll(/(?<=\s)[a-z]{4,}(?=[\s,.])/g)];
  if (words.length === 0) return s;
  const m = uniform(r, words);
  return (s.slice(0, m.index) + s.slice(m.index + m[0].length)).replace(/\s{2,}/g, ' ');
}

/** A perturbed copy of a corpus sentence: a number altered, or a word dropped. */
export function perturb(r: Rand, s: string, k: number): string {
  if (k % 2 === 0) return alterNumber(r, s) ?? dropWord(r, s);
  return dropWord(r, s);
}

/**
 * A markdown draft of about `words` words: paragraphs of 3–5 sentences, half
 * copied from the corpus, a quarter with a year or number altered, a quarter invented.
 */
export function draftOf(corpusSentences: string[], words: number, seed: number): string {
  const r = prng(seed);
  const pool = corpusSentences.filter((s) => s.length >= 40 && s.length <= 400 && !s.includes('\n'));
  const paras: string[] = ['# Draft', ''];
  let count = 0;
  while (count < words) {
    const para: string[] = [];
    const n = int(r, 3, 5);
    for (let i = 0; i < n; i++) {
      const x = r();
      let s: string;
      if (x < 0.5) s = uniform(r, pool);
      else if (x < 0.75) {
        const base = uniform(r, pool);
        s = alterNumber(r, base) ?? base;
      } else s = newsSentence(r);
      para.push(s);
      count += s.split(/\s+/).length;
    }
    paras.push(para.join(' '), '');
  }
  return paras.join('\n');
}
