import type { Value } from './facts';

/**
 * Keys of values, for asking the whole corpus whether any source states a
 * value ("No source mentions May 2." must be true of every source, not only
 * of the sentences retrieved for one claim). A source value is filed under
 * every key a claim value it equals could ask for (see sameValue in
 * compare.ts): a date in 2019 under its date, its month and the year 2019.
 */

/** A number in a canonical form (six significant digits), so that 6e8 from "$600m" and "$600 million" agree. */
function canon(n: number): string {
  return String(Number(n.toPrecision(6)));
}

function weekdayOf(v: Value): number | undefined {
  if (v.weekday !== undefined) return v.weekday;
  if (v.year !== undefined && v.month !== undefined && v.day !== undefined) return new Date(Date.UTC(v.year, v.month - 1, v.day)).getUTCDay();
  return undefined;
}

/** The keys a source value is filed under. */
export function valueKeys(v: Value): string[] {
  switch (v.type) {
    case 'year':
      return [`v:y:${v.num}`, `v:dec:${Math.floor(v.num! / 10) * 10}`];
    case 'yearRange':
      return [`v:r:${v.from!.num}-${v.to!.num}`, `v:y:${v.from!.num}`, `v:y:${v.to!.num}`];
    case 'decade':
      return [`v:dec:${v.num}`];
    case 'month':
    case 'date':
    case 'weekday': {
      const out: string[] = [];
      if (v.month !== undefined) out.push(`v:m:${v.month}`);
      if (v.month !== undefined && v.day !== undefined) out.push(`v:d:${v.month}-${v.day}`);
      if (v.year !== undefined && !v.relative && !v.yearInferred) out.push(`v:y:${v.year}`);
      const wd = weekdayOf(v);
      if (wd !== undefined) out.push(`v:w:${wd}`);
      return out;
    }
    case 'number':
      return [`v:n:${canon(v.num!)}`];
    case 'money':
      return [`v:$:${canon(v.num!)}`];
    case 'percent':
      return [`v:%:${canon(v.num!)}`];
    case 'ordinal':
      return [`v:o:${v.num}`];
  }
}

/** The key under which a source value equal to claim value `v` is filed. */
export function queryKey(v: Value): string {
  switch (v.type) {
    case 'year':
      return `v:y:${v.num}`;
    case 'yearRange':
      return `v:r:${v.from!.num}-${v.to!.num}`;
    case 'decade':
      return `v:dec:${v.num}`;
    case 'month':
      return `v:m:${v.month}`;
    case 'date':
      return `v:d:${v.month}-${v.day}`;
    case 'weekday':
      return `v:w:${v.weekday}`;
    case 'number':
      return `v:n:${canon(v.num!)}`;
    case 'money':
      return `v:$:${canon(v.num!)}`;
    case 'percent':
      return `v:%:${canon(v.num!)}`;
    case 'ordinal':
      return `v:o:${v.num}`;
  }
}
