/**
 * Response headers: a CSP whose frame-ancestors admits only the Microsoft hosts that embed the tab
 * (Teams, Outlook, the Microsoft 365 app, SharePoint) in every cloud we support; HSTS behind HTTPS, and
 * plain HTTP redirected to PUBLIC_URL only.
 */
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import type { Config } from "./config.js";
import { errors } from "./errors.js";

export const FRAME_ANCESTORS = [
  "'self'",
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://teams.cloud.microsoft",
  "https://*.cloud.microsoft",
  "https://*.teams.microsoft.us",
  "https://gov.teams.microsoft.us",
  "https://dod.teams.microsoft.us",
  "https://*.office.com",
  "https://*.office365.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://*.office365.us",
  "https://*.microsoft365.com",
  "https://www.microsoft365.com",
  "https://*.sharepoint.com",
  "https://*.sharepoint.us",
  "https://*.sharepoint-mil.us",
] as const;

export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Fluent UI (Griffel) inserts style rules at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: [...FRAME_ANCESTORS],
        upgradeInsecureRequests: config.requireHttps ? [] : null,
      },
    },
    // X-Frame-Options cannot express several hosts; frame-ancestors governs framing instead.
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    hsts: config.requireHttps ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });

  if (config.requireHttps) {
    const target = httpsOrigin(config.publicUrl);
    // Behind App Service TLS terminates at the front end; trustProxy makes request.protocol honest.
    app.addHook("onRequest", async (request, reply) => {
      if (request.protocol === "https") return;
      if (request.url === "/healthz" || request.url === "/readyz") return;
      if ((request.method === "GET" || request.method === "HEAD") && target) {
        return reply.redirect(httpsRedirectLocation(target, request.url), 301);
      }
      throw errors.httpsRequired();
    });
  }
}

/** The https origin of PUBLIC_URL; undefined without one (plain-HTTP requests are then refused, not redirected). */
function httpsOrigin(publicUrl: string | undefined): string | undefined {
  if (!publicUrl?.startsWith("https://")) return undefined;
  return new URL(publicUrl).origin;
}

/**
 * Where a plain-HTTP request is sent: always PUBLIC_URL's origin, never the request's `Host` or
 * `X-Forwarded-Host` (an attacker's value would make this an open redirect). The path is appended as text
 * so `//evil.example` stays a path on our host; a request target that is not a path goes to the root.
 */
export function httpsRedirectLocation(origin: string, requestUrl: string): string {
  return `${origin}${requestUrl.startsWith("/") ? requestUrl : "/"}`;
}
