import type { CheckResult, ClaimResult } from '../../server/src/core/types';
import type { ClaimRow, PairRow } from './datasets';

/**
 * The figures the engine is judged by, computed from check results. Kept
 * apart from the code that produces the results, so `npm run eval` and the
 * tests measure the same way.
 */

/** A claim's support: the engine's `support`, or a stand-in from its verdict for results without one. */
export function supportOf(c: ClaimResult): number {
  if (c.support !== undefined) return c.support;
  return c.verdict === 'supported' ? 1 : c.verdict === 'unverified' ? 0.5 : 0;
}

/** A draft's support: that of its weakest claim (1 for a draft with no claim). */
export function draftSupport(r: CheckResult): number {
  return r.claims.reduce((m, c) => Math.min(m, supportOf(c)), 1);
}

/** Whether a draft is flagged: some claim is contradicted or unverified. */
export function flagged(r: CheckResult): boolean {
  return r.claims.some((c) => c.verdict !== 'supported');
}

export function contradicted(r: CheckResult): boolean {
  return r.claims.some((c) => c.verdict === 'contradicted');
}

export interface PairFigures {
  pairs: number;
  docs: number;
  inconsistent: number;
  consistent: number;
  /** Inconsistent drafts flagged. */
  tp: number;
  /** Consistent drafts not flagged. */
  tn: number;
  /** Consistent drafts with a contradiction. */
  falseContradictions: number;
  /** Inconsistent drafts with a contradiction. */
  trueContradictions: number;
  balancedAccuracy: number;
}

export function pairFigures(rows: PairRow[], results: CheckResult[]): PairFigures {
  let tp = 0,
    tn = 0,
    inc = 0,
    con = 0,
    fc = 0,
    trc = 0;
  rows.forEach((r, i) => {
    const res = results[i];
    if (r.label === 'inconsistent') {
      inc++;
      if (flagged(res)) tp++;
      if (contradicted(res)) trc++;
    } else {
      con++;
      if (!flagged(res)) tn++;
      if (contradicted(res)) fc++;
    }
  });
  const tpr = inc ? tp / inc : 0;
  const tnr = con ? tn / con : 0;
  return {
    pairs: rows.length,
    docs: new Set(rows.map((r) => r.doc)).size,
    inconsistent: inc,
    consistent: con,
    tp,
    tn,
    falseContradictions: fc,
    trueContradictions: trc,
    balancedAccuracy: (tpr + tnr) / 2,
  };
}

export interface MinimalPairFigures {
  pairs: number;
  /** Pairs whose edited copy has a lower draft support than its faithful reference. */
  ranked: number;
  /** Pairs where the two supports are equal. */
  ties: number;
  referencesContradicted: number;
  referencesFlagged: number;
  editedFlagged: number;
  editedContradicted: number;
}

/** BUMP-style minimal pairs: each `pair` id has one consistent reference and one inconsistent copy. */
export function minimalPairFigures(rows: PairRow[], results: CheckResult[]): MinimalPairFigures {
  const byPair = new Map<string, { ref?: CheckResult; edit?: CheckResult }>();
  rows.forEach((r, i) => {
    const key = r.pair ?? r.id;
    const e = byPair.get(key) ?? {};
    if (r.label === 'consistent') e.ref = results[i];
    else e.edit = results[i];
    byPair.set(key, e);
  });
  const f: MinimalPairFigures = { pairs: 0, ranked: 0, ties: 0, referencesContradicted: 0, referencesFlagged: 0, editedFlagged: 0, editedContradicted: 0 };
  for (const { ref, edit } of byPair.values()) {
    if (!ref || !edit) continue;
    f.pairs++;
    const a = draftSupport(ref);
    const b = draftSupport(edit);
    if (b < a) f.ranked++;
    else if (b === a) f.ties++;
    if (contradicted(ref)) f.referencesContradicted++;
    if (flagged(ref)) f.referencesFlagged++;
    if (flagged(edit)) f.editedFlagged++;
    if (contradicted(edit)) f.editedContradicted++;
  }
  return f;
}

export interface ClaimFigures {
  claims: number;
  contradictions: number;
  caught: number;
  withExpected: number;
  rightExpected: number;
  nonContradictions: number;
  falseAlarms: number;
  supported: number;
  supportedOk: number;
  unverified: number;
  unverifiedOk: number;
  misses: string[];
}

/** A draft's overall verdict: contradicted if any claim is, else unverified if any claim is (or none was found). */
export function overall(r: CheckResult): 'supported' | 'contradicted' | 'unverified' {
  if (r.claims.some((c) => c.verdict === 'contradicted')) return 'contradicted';
  if (r.claims.length === 0 || r.claims.some((c) => c.verdict === 'unverified')) return 'unverified';
  return 'supported';
}

/** Labelled claims about a corpus: contradiction recall, right `expected` values, false alarms. */
export function claimFigures(rows: ClaimRow[], results: CheckResult[]): ClaimFigures {
  const f: ClaimFigures = {
    claims: rows.length,
    contradictions: 0,
    caught: 0,
    withExpected: 0,
    rightExpected: 0,
    nonContradictions: 0,
    falseAlarms: 0,
    supported: 0,
    supportedOk: 0,
    unverified: 0,
    unverifiedOk: 0,
    misses: [],
  };
  rows.forEach((s, i) => {
    const r = results[i];
    const verdict = overall(r);
    const mismatches = r.claims.flatMap((c) => c.mismatches);
    const reason = r.claims.find((c) => c.reason)?.reason;
    if (s.verdict === 'contradicted') {
      f.contradictions++;
      if (s.expected) f.withExpected++;
      const hit = mismatches.find((m) => !s.found || m.found.includes(s.found));
      if (verdict === 'contradicted' && hit) {
        f.caught++;
        if (s.expected) {
          if (s.expected.split('|').some((e) => hit.expected?.includes(e))) f.rightExpected++;
          else f.misses.push(`${s.id} wrong expected: ${hit.expected} (want ${s.expected}) — ${s.draft}`);
        }
      } else {
        f.misses.push(
          `${s.id} missed contradiction (${s.kind ?? '?'}, got ${verdict}${mismatches.length ? ` on ${mismatches.map((m) => m.found).join(', ')}` : reason ? `: ${reason}` : ''}) — ${s.draft}`,
        );
      }
      return;
    }
    f.nonContradictions++;
    if (verdict === 'contradicted') {
      f.falseAlarms++;
      f.misses.push(`${s.id} false alarm (${s.verdict}): ${mismatches.map((m) => `${m.found}→${m.expected}`).join(', ')} — ${s.draft}`);
    }
    if (s.verdict === 'supported') {
      f.supported++;
      if (verdict === 'supported') f.supportedOk++;
      else if (verdict !== 'contradicted') f.misses.push(`${s.id} supported claim not recognised (${verdict}: ${reason ?? 'no claim'}) — ${s.draft}`);
    } else {
      f.unverified++;
      if (verdict === 'unverified') f.unverifiedOk++;
      else if (verdict !== 'contradicted') f.misses.push(`${s.id} unverified claim called ${verdict} — ${s.draft}`);
    }
  });
  return f;
}

/** `a/b` as a share with its counts: `0.750 (3/4)`. */
export function share(a: number, b: number): string {
  return (b ? (a / b).toFixed(3) : 'n/a') + ` (${a}/${b})`;
}
