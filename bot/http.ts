/**
 * The Express-style response botbuilder's CloudAdapter.process writes to (status/header/send/end),
 * captured so the Fastify route can send it. Invoke responses and `deliveryMode: "expectReplies"`
 * replies arrive here as the body.
 */
import type { Response } from "botbuilder";
import type { BotHttpResponse } from "./options.js";

export class CapturedResponse implements Response {
  /** botbuilder's Response type asks for it; nothing reads it on the HTTP path. */
  readonly socket: unknown = undefined;
  private statusCode = 200;
  private readonly headerValues: Record<string, string> = {};
  private bodyValue: unknown = undefined;
  private ended = false;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  header(name: string, value: unknown): this {
    this.headerValues[name.toLowerCase()] = String(value);
    return this;
  }

  send(body: unknown): this {
    this.bodyValue = body;
    return this;
  }

  end(): this {
    this.ended = true;
    return this;
  }

  /** The captured response. Server errors carry a generic body: botbuilder would put `err.message` there. */
  toBotHttpResponse(): BotHttpResponse {
    const status = this.ended ? this.statusCode : 500;
    const headers = { ...this.headerValues };
    let body = this.bodyValue;
    if (status >= 500) body = { error: "The bot could not process this activity." };
    if (body !== undefined && headers["content-type"] === undefined) {
      headers["content-type"] = typeof body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8";
    }
    return { status, headers, body };
  }
}
