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
}

export function connect(options: ConnectOptions): Store {
  const ssl =
    options.ssl === "disable" ? false : options.ssl === "require" ? { rejectUnauthorized: false } : { rejectUnauthorized: true };
  const pool = new pg.Pool({
    connectionString: options.url,
    ssl,
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
