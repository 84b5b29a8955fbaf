import { Pool, type PoolConfig } from 'pg';

/**
 * Connection strings for the shared corpus database. A setting or flag may
 * name an environment variable instead of holding the URL (and its password):
 * `env:NAME` reads `$NAME`, and `env` alone reads `$FACT_CHECK_DATABASE_URL`.
 */

export const DEFAULT_DATABASE_ENV = 'FACT_CHECK_DATABASE_URL';

export class DatabaseConfigError extends Error {}

/** The connection string `spec` stands for; throws {@link DatabaseConfigError} when an env variable is not set. */
export function resolveDatabaseUrl(spec: string, env: NodeJS.ProcessEnv = process.env): string {
  const s = spec.trim();
  const m = /^env(?::([A-Za-z_][A-Za-z0-9_]*))?$/.exec(s);
  if (m) {
    const name = m[1] ?? DEFAULT_DATABASE_ENV;
    const v = env[name]?.trim();
    if (!v) throw new DatabaseConfigError(`the environment variable ${name} (named by "${s}") is not set`);
    return v;
  }
  if (/^env:/i.test(s))
    throw new DatabaseConfigError(`"${s.slice(0, 40)}" does not name an environment variable (letters, digits and _, not starting with a digit)`);
  if (!s) throw new DatabaseConfigError('the database connection string is empty');
  return s;
}

/** The parts of a connection string that messages may show. */
interface Parsed {
  /** The string with every password replaced by `***`. */
  redacted: string;
  host?: string;
  port?: string;
  database?: string;
}

/** Keys whose values are secrets, in URLs' queries and in key/value strings. */
const SECRET_KEYS = new Set(['password', 'sslpassword']);

const URL_RE = /^(postgres(?:ql)?:\/\/)(?:([^@/?#]*)@)?([^/?#]*)(\/[^?#]*)?(\?[^#]*)?(#.*)?$/i;
/** One `key = value` of libpq's key/value form: a bare value, or a single-quoted one with backslash escapes. */
const PAIR_RE = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*('(?:[^'\\]|\\.)*'|(?:[^\s'\\]|\\.)+)\s*/y;

/**
 * Reads a connection string in the forms libpq and `pg` accept: a
 * `postgres://` or `postgresql://` URL (also with an empty host and the
 * socket folder in `?host=`), or `key=value` pairs (values quoted with '...'
 * and backslash escapes). Undefined when it is neither, so that nothing of it
 * is ever echoed.
 */
function parseConnection(s: string): Parsed | undefined {
  const t = s.trim();
  const m = URL_RE.exec(t);
  if (m) {
    const [, scheme, userinfo, hostport, path = '', query = '', fragment = ''] = m;
    const user = userinfo === undefined ? '' : `${userinfo.includes(':') ? `${userinfo.slice(0, userinfo.indexOf(':'))}:***` : userinfo}@`;
    const params = query ? query.slice(1).split('&') : [];
    const shown = params.map((kv) => {
      const k = decodeSafe(kv.split('=')[0]).toLowerCase();
      return SECRET_KEYS.has(k) ? `${kv.split('=')[0]}=***` : kv;
    });
    const param = (name: string): string | undefined => {
      const kv = params.find((x) => decodeSafe(x.split('=')[0]).toLowerCase() === name);
      return kv === undefined ? undefined : decodeSafe(kv.slice(kv.indexOf('=') + 1));
    };
    const hp = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostport);
    return {
      redacted: `${scheme}${user}${hostport}${path}${shown.length ? `?${shown.join('&')}` : ''}${fragment ? '#…' : ''}`,
      host: decodeSafe(hp?.[1] ?? '') || param('host'),
      port: hp?.[2] || param('port'),
      database: path.length > 1 ? decodeSafe(path.slice(1)) : param('dbname'),
    };
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(t)) return undefined;
  const out: string[] = [];
  const values = new Map<string, string>();
  PAIR_RE.lastIndex = 0;
  while (PAIR_RE.lastIndex < t.length) {
    const at = PAIR_RE.lastIndex;
    const p = PAIR_RE.exec(t);
    // Anything that is not a pair (an unterminated quote, a stray word) makes the whole string unreadable.
    if (!p || p.index !== at) return undefined;
    const key = p[1].toLowerCase();
    const raw = p[2];
    values.set(key, (raw.startsWith("'") ? raw.slice(1, -1) : raw).replace(/\\(.)/g, '$1'));
    out.push(`${p[1]}=${SECRET_KEYS.has(key) ? '***' : raw}`);
  }
  return { redacted: out.join(' '), host: values.get('host') ?? values.get('hostaddr'), port: values.get('port'), database: values.get('dbname') };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Said instead of a connection string that could not be read. */
const UNREADABLE = 'the configured connection string (not shown: it is neither a postgres:// URL nor key=value pairs)';

/** A connection string fit for messages: every password is hidden; one that cannot be read is not shown at all. */
export function redact(url: string): string {
  return parseConnection(url)?.redacted ?? UNREADABLE;
}

/** Where a connection string points, for messages ("host:port/db"); never a password. */
export function describeTarget(url: string): string {
  const p = parseConnection(url);
  if (!p) return UNREADABLE;
  return `${p.host || 'localhost'}${p.port ? ':' + p.port : ''}${p.database ? '/' + p.database : ''}`;
}

/** A connection pool that never takes the process down when the server goes away. */
export function makePool(url: string, options: PoolConfig = {}): Pool {
  const pool = new Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30000,
    // A check should never hang an editor: queries that take this long are abandoned.
    statement_timeout: 30000,
    query_timeout: 35000,
    application_name: 'fact-check',
    ...options,
  });
  // Idle clients get an error when the server restarts or the network drops;
  // the pool discards them and the next query connects again.
  pool.on('error', () => undefined);
  // A client in use whose connection drops emits 'error' too; the query in
  // flight rejects with it, so the event itself needs no handling.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** A one-line reason for a database failure, without the password. */
export function dbErrorMessage(e: unknown, url?: string): string {
  const err = e as { code?: string; message?: string; errors?: unknown[] };
  const where = url ? ` at ${describeTarget(url)}` : '';
  const code = err?.code ?? '';
  // ENOENT: the unix socket of a server that is not running (or not there).
  if (
    ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE', 'ENOENT', '57P01', '57P02', '57P03'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/i.test(err?.message ?? '')
  ) {
    return `cannot reach the corpus database${where} (${code || (err?.message ?? 'connection failed').split('\n')[0]})`;
  }
  if (code === '28P01' || code === '28000') return `the corpus database${where} refused the login (${code})`;
  if (code === '3D000') return `the corpus database${where} does not exist`;
  const msg = (err?.message ?? String(e)).split('\n')[0];
  return `corpus database error${where}: ${url ? msg.split(url).join(redact(url)) : msg}${code ? ` (${code})` : ''}`;
}

/** Whether an error means the database could not be reached (as opposed to a bad query). */
export function isConnectionError(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ENOTFOUND',
      'EHOSTUNREACH',
      'ETIMEDOUT',
      'EPIPE',
      'ENOENT',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08003',
      '08006',
      '08001',
      '08004',
    ].includes(err?.code ?? '') ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(err?.message ?? '')
  );
}

/** Whether an error is a statement cancelled for running past `statement_timeout` (57014). */
export function isStatementTimeout(e: unknown): boolean {
  return (e as { code?: string } | undefined)?.code === '57014';
}
