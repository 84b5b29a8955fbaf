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
  if (!s) throw new DatabaseConfigError('the database connection string is empty');
  return s;
}

/** A connection string fit for messages: the password is hidden. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const k of ['password', 'sslpassword']) if (u.searchParams.has(k)) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    return url.replace(/(password\s*=\s*)(\S+)/gi, '$1***');
  }
}

/** Where a connection string points, for messages ("host:port/db"). */
export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}${u.port ? ':' + u.port : ''}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return redact(url);
  }
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
  if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03'].includes(code) ||
      /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/i.test(err?.message ?? '')) {
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
  return ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004'].includes(err?.code ?? '') ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(err?.message ?? '');
}
