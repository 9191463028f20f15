/**
 * How the HTTP server treats the wire: how long a client may take to send a request, which responses are
 * compressed, and which built files are never served. Kept apart from app.ts so the numbers and their reasons
 * sit in one place.
 */
import compress from "@fastify/compress";
import type { ServerOptions } from "node:http";
import type { FastifyInstance } from "fastify";
import type { Config } from "./config.js";

export interface TransportTimeouts {
  /** The whole request line and headers (Node `headersTimeout`). */
  headersMs: number;
  /** The whole request, body included (Node `requestTimeout`): a body trickled byte by byte is cut off here. */
  requestMs: number;
  /** A socket with no traffic at all, in either direction (Fastify `connectionTimeout`). */
  idleMs: number;
  /** An idle keep-alive connection between requests (Fastify `keepAliveTimeout`). */
  keepAliveMs: number;
  /** How often Node looks for requests past headersMs/requestMs (`connectionsCheckingInterval`, default 30 s). */
  checkIntervalMs: number;
}

/**
 * Requests are small (256 KiB API bodies, 1 MiB bot activities) and come from the App Service front end or
 * the Bot Connector over a fast link, so 10 s for headers and 30 s for a whole request are generous; a
 * client slower than that is holding a connection open on purpose. Keep-alive stays at Fastify's 72 s,
 * longer than the front end's idle reuse, so the proxy never reuses a socket Node is closing. Node checks
 * the deadlines every 2 s instead of every 30 s, so a slow client is cut off near its deadline.
 */
export const TRANSPORT_TIMEOUTS: Readonly<TransportTimeouts> = {
  headersMs: 10_000,
  requestMs: 30_000,
  idleMs: 60_000,
  keepAliveMs: 72_000,
  checkIntervalMs: 2_000,
};

/** The Fastify constructor options that apply the timeouts (Node requires headers ≤ request). */
export function timeoutOptions(t: TransportTimeouts): { connectionTimeout: number; keepAliveTimeout: number; requestTimeout: number; http: ServerOptions } {
  return {
    connectionTimeout: t.idleMs,
    keepAliveTimeout: t.keepAliveMs,
    requestTimeout: t.requestMs,
    http: { headersTimeout: Math.min(t.headersMs, t.requestMs), requestTimeout: t.requestMs, connectionsCheckingInterval: t.checkIntervalMs },
  };
}

/** Text worth compressing: HTML, CSS, JavaScript, JSON, SVG/XML. Images and fonts are compressed already. */
const COMPRESSIBLE = /^text\/(?!event-stream)|[/+](?:json|xml)(?:;|$)|\/javascript(?:;|$)/;

/**
 * Compress text responses above 1 KiB (brotli at quality 4, else gzip), API answers and built assets alike.
 * Request bodies are never decompressed: a small compressed body must not expand past the body limit.
 * Register before any route: the plugin decides per route as routes are added.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ["br", "gzip"],
    customTypes: COMPRESSIBLE,
    globalDecompression: false,
  });
}

/** Source maps publish the tab's whole source: never in production, whatever the build left in the folder. */
export function isServedFile(config: Config, pathName: string): boolean {
  return !(config.env === "production" && isSourceMap(pathName));
}

/** A `.map` URL (query string ignored). */
export function isSourceMap(url: string): boolean {
  return /\.map$/i.test(url.split("?")[0] ?? "");
}
