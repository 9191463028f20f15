/**
 * Database connections. The app always speaks the PostgreSQL wire protocol through `pg`: to a real server
 * when DATABASE_URL is set, otherwise to PGlite (PostgreSQL in WASM) served on a loopback socket that runs one
 * connection's unit of work at a time (store/embedded.ts, store/embeddedServer.ts).
 */
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";

export interface Store {
  db: Kysely<Database>;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface ConnectOptions {
  url: string;
  ssl: "disable" | "require" | "verify-full";
  poolMax: number;
  /** A password for each new connection (an Entra token with managed identity); else the URL's. */
  password?: () => Promise<string>;
}

/**
 * Where to connect. With a password function the URL is taken apart here: `pg` lets a connection string's
 * (empty) password win over the function, so host, port, user and database are passed on their own.
 */
export function connectionTarget(url: string, password: (() => Promise<string>) | undefined): { connectionString: string } | { host: string; port: number; user: string; database: string; password: () => Promise<string> } {
  if (!password) return { connectionString: url };
  const u = new URL(url);
  if (u.password) throw new Error("DATABASE_URL must not carry a password when the database password comes from the managed identity");
  return {
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
    password,
  };
}

/** TLS for `pg` (the app's pool and pg-boss alike): off, encrypted only, or encrypted with a verified certificate. */
export function pgSsl(mode: ConnectOptions["ssl"]): false | { rejectUnauthorized: boolean } {
  return mode === "disable" ? false : { rejectUnauthorized: mode === "verify-full" };
}

/** A Kysely database over a `pg` pool. `onError` hears about idle connections the server dropped. */
export function connect(options: ConnectOptions & { onError?: (err: Error) => void }): Store {
  const pool = new pg.Pool({
    ...connectionTarget(options.url, options.password),
    ssl: pgSsl(options.ssl),
    max: options.poolMax,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    application_name: "guildhall",
  });
  // An idle connection the server ends (a restart, an idle timeout) must not crash the process: the pool drops it.
  pool.on("error", (err) => options.onError?.(err));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    async close() {
      await db.destroy();
    },
  };
}

export { startEmbedded, EmbeddedLockedError, type Embedded } from "./embedded.js";
