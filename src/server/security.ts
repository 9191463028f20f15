/**
 * Response headers: a CSP whose frame-ancestors admits only the Microsoft hosts that embed the tab
 * (Teams, Outlook, the Microsoft 365 app, SharePoint) in every cloud we support; HSTS behind HTTPS.
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
    // Behind App Service TLS terminates at the front end; trustProxy makes request.protocol honest.
    app.addHook("onRequest", async (request, reply) => {
      if (request.protocol === "https") return;
      if (request.url === "/healthz" || request.url === "/readyz") return;
      if (request.method === "GET" || request.method === "HEAD") {
        const host = request.host;
        return reply.redirect(`https://${host}${request.url}`, 301);
      }
      throw errors.httpsRequired();
    });
  }
}
