/**
 * Database connections. The app always speaks the PostgreSQL wire protocol through `pg`: to a real server
 * when DATABASE_URL is set, otherwise to PGlite (PostgreSQL in WASM) served on a loopback socket.
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

export function connect(options: ConnectOptions): Store {
  const pool = new pg.Pool({
    ...connectionTarget(options.url, options.password),
    ssl: pgSsl(options.ssl),
    max: options.poolMax,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    application_name: "guildhall",
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    async close() {
      await db.destroy();
    },
  };
}

export interface Embedded {
  url: string;
  stop(): Promise<void>;
}

/** Start PGlite on a data folder (or in memory) and serve it on 127.0.0.1 at a free port. */
export async function startEmbedded(dataDir: string | "memory"): Promise<Embedded> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const { mkdir } = await import("node:fs/promises");
  if (dataDir !== "memory") await mkdir(dataDir, { recursive: true });
  const pglite = dataDir === "memory" ? new PGlite() : new PGlite(dataDir);
  await pglite.waitReady;
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0, maxConnections: 64 });
  await server.start();
  const conn = server.getServerConn();
  return {
    url: `postgres://postgres@${conn}/postgres`,
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}
