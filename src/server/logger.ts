import pino, { type Logger } from "pino";

/**
 * JSON logs. Requests are logged by method, path and status with a request id; query strings, headers,
 * tokens, addresses and bodies are never logged.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "guildhall" },
    redact: { paths: ["req.headers", "headers.authorization", "*.token", "token"], remove: true },
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, path: (req.url ?? "").split("?")[0] }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
