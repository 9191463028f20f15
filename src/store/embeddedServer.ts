/**
 * A PostgreSQL wire-protocol server in front of one PGlite instance that gives each client connection the
 * single PGlite session exclusively for a whole unit of work: from its first message until the backend is
 * idle again after a Sync or a simple Query (so a whole extended-protocol batch, and a whole transaction,
 * run without anyone else's statements in between). Other connections wait their turn, first come first
 * served. pglite-socket 0.2.17 serialises single messages instead, which mixes concurrent batches
 * (electric-sql/pglite issue 1046); this replaces it.
 *
 * A connection that keeps a transaction open without sending anything for `idleInTransactionMs` is ended
 * the way PostgreSQL's idle_in_transaction_session_timeout does it (FATAL 25P03, rolled back), so a stalled
 * client or a transaction waiting on another connection can never freeze the database for everyone.
 */
import { createServer, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const MAX_MESSAGE = 256 * 1024 * 1024;

export interface EmbeddedServerOptions {
  host?: string;
  port?: number;
  /** End a connection idle inside a transaction for this long (default 15 s). */
  idleInTransactionMs?: number;
}

export interface EmbeddedServer {
  host: string;
  port: number;
  /** Connections now open, and how many wait for the session. */
  stats(): { connections: number; waiting: number };
  stop(): Promise<void>;
}

/** One FIFO lock over the PGlite session; the holder is the connection whose unit of work is running. */
class SessionLock {
  private holder: Connection | null = null;
  private readonly waiting: Connection[] = [];

  get waitingCount(): number {
    return this.waiting.length;
  }

  isHeldBy(c: Connection): boolean {
    return this.holder === c;
  }

  request(c: Connection): void {
    if (this.holder === c || this.waiting.includes(c)) return;
    if (this.holder === null) {
      this.holder = c;
      c.granted();
    } else this.waiting.push(c);
  }

  release(c: Connection): void {
    const i = this.waiting.indexOf(c);
    if (i >= 0) this.waiting.splice(i, 1);
    if (this.holder !== c) return;
    this.holder = this.waiting.shift() ?? null;
    this.holder?.granted();
  }
}

function errorResponse(severity: string, code: string, message: string): Buffer {
  const fields = Buffer.concat([`S${severity}`, `V${severity}`, `C${code}`, `M${message}`].map((f) => Buffer.from(`${f}\0`, "utf8")));
  const body = Buffer.concat([fields, Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head.write("E", 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: Buffer[] = [];
  private started = false;
  private running = false;
  private closed = false;
  /** Whether the last unit ended with Sync or Query: only then may the session be handed on. */
  private atBoundary = true;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly db: PGlite,
    private readonly lock: SessionLock,
    private readonly idleInTransactionMs: number,
    private readonly onClose: (c: Connection) => void,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("error", () => void this.close());
    socket.on("close", () => void this.close());
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        if (length < 8 || length > 10_000) return this.fail("invalid startup packet length");
        if (this.buffer.length < length) return;
        const code = this.buffer.readInt32BE(4);
        const packet = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) this.socket.write("N");
        else if (code === CANCEL_REQUEST) return void this.close();
        else if (code === PROTOCOL_3) {
          this.started = true;
          this.pending.push(Buffer.from(packet));
        } else return this.fail("unsupported frontend protocol");
        continue;
      }
      if (this.buffer.length < 5) break;
      const length = this.buffer.readInt32BE(1);
      if (length < 4 || length > MAX_MESSAGE) return this.fail("invalid message length");
      if (this.buffer.length < length + 1) break;
      const message = this.buffer.subarray(0, length + 1);
      this.buffer = this.buffer.subarray(length + 1);
      if (message[0] === 0x58 /* X: Terminate */) return void this.close();
      this.pending.push(Buffer.from(message));
    }
    if (this.pending.length > 0) {
      if (this.lock.isHeldBy(this)) void this.run();
      else this.lock.request(this);
    }
  }

  /** The lock is ours: run what is pending. */
  granted(): void {
    void this.run();
  }

  private async run(): Promise<void> {
    if (this.running || this.closed) return;
    this.running = true;
    clearTimeout(this.idleTimer);
    try {
      while (this.pending.length > 0 && !this.closed) {
        const batch = this.pending;
        this.pending = [];
        const last = batch[batch.length - 1]!;
        await this.db.execProtocolRawStream(batch.length === 1 ? batch[0]! : Buffer.concat(batch), {
          onRawData: (data) => {
            if (!this.closed && data.length > 0) this.socket.write(Buffer.from(data));
          },
        });
        // 0: the startup packet (its first byte is the length's); S: Sync; Q: simple Query.
        this.atBoundary = last[0] === 0 || last[0] === 0x53 || last[0] === 0x51;
      }
    } catch (err) {
      this.fail(`embedded database error: ${(err as Error).message}`);
    } finally {
      this.running = false;
    }
    if (this.closed) return;
    if (this.atBoundary && !this.db.isInTransaction()) this.lock.release(this);
    else if (this.pending.length === 0) {
      this.idleTimer = setTimeout(() => this.fail("terminating connection due to idle-in-transaction timeout (embedded database)", "25P03"), this.idleInTransactionMs);
    }
  }

  private fail(message: string, code = "08P01"): void {
    if (this.closed) return;
    if (this.socket.writable) this.socket.write(errorResponse("FATAL", code, message));
    void this.close();
  }

  /** Close the client; if it held the session, put the session back to idle (roll back) and hand it on. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.pending = [];
    this.socket.end();
    this.socket.destroy();
    while (this.running) await new Promise((r) => setTimeout(r, 5));
    if (this.lock.isHeldBy(this)) {
      try {
        if (!this.atBoundary) await this.db.execProtocolRaw(SYNC);
        if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
      } finally {
        this.lock.release(this);
      }
    } else this.lock.release(this);
    this.onClose(this);
  }
}

/** Serve one PGlite to many `pg` connections on a loopback TCP port, one unit of work at a time. */
export async function serveEmbedded(db: PGlite, options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const lock = new SessionLock();
  const connections = new Set<Connection>();
  const idle = options.idleInTransactionMs ?? 15_000;
  const server: Server = createServer((socket) => {
    connections.add(new Connection(socket, db, lock, idle, (c) => connections.delete(c)));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    host,
    port,
    stats: () => ({ connections: connections.size, waiting: lock.waitingCount }),
    async stop() {
      const closed = new Promise<void>((r) => server.close(() => r()));
      await Promise.all([...connections].map((c) => c.close()));
      await closed;
    },
  };
}
