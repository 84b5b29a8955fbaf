import * as net from 'node:net';
import { Client } from 'pg';

/** The server the PostgreSQL tests use (tools/pg-test.sh sets it); undefined skips them. */
export const TEST_URL = process.env.FACT_CHECK_TEST_DATABASE_URL?.trim() || undefined;

export const SKIP_MESSAGE = 'PostgreSQL tests skipped: FACT_CHECK_TEST_DATABASE_URL is not set (run `npm run test:pg` to run them against a throwaway cluster)';

/** Skips the suite, once with a clear message, when there is no test database. */
export function requireDatabase(ctx: Mocha.Context): string {
  if (!TEST_URL) {
    if (!reported) console.log(`      ${SKIP_MESSAGE}`);
    reported = true;
    ctx.skip();
  }
  return TEST_URL;
}
let reported = false;

/** A new, empty database on the test server; `drop` removes it. */
export async function freshDatabase(prefix = 'fc_test'): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new Client({ connectionString: TEST_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(TEST_URL!);
  u.pathname = '/' + name;
  return {
    url: u.toString(),
    name,
    drop: async () => {
      const c = new Client({ connectionString: TEST_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** The same URL pointing at another host and port. */
export function viaPort(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}

/**
 * A TCP proxy in front of the database, so a test can make the database "go
 * away" (every connection cut, the port closed) and come back on the same port.
 */
export class Proxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  static forUrl(url: string): Proxy {
    const u = new URL(url);
    return new Proxy({ host: u.hostname || '127.0.0.1', port: Number(u.port || 5432) });
  }

  async start(): Promise<number> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      this.sockets.add(client);
      this.sockets.add(upstream);
      const drop = (): void => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
    return this.port;
  }

  /** Cuts every connection and stops listening. */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
