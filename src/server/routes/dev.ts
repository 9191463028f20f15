import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { DEMO_IDENTITIES } from "../../domain/demo.js";
import { fieldIssues } from "../../commands/context.js";
import { lineText } from "../../domain/text.js";
import type { DevIssuer } from "../auth/devIdentity.js";
import { findDemoIdentity } from "../auth/devIdentity.js";
import { errors } from "../errors.js";

const tokenBody = z.object({ key: lineText({ field: "identityKey", min: 1, max: 64 }) }).strict();

/**
 * Local mode only (never registered when AUTH_MODE=entra, which production forces): the demo identity
 * picker's list and a token for the chosen identity, signed by the local key the verifier trusts.
 */
export async function devRoutes(app: FastifyInstance, issuer: DevIssuer): Promise<void> {
  app.get("/api/dev/identities", async () => ({
    identities: DEMO_IDENTITIES.map((d) => ({
      key: d.key,
      displayName: d.displayName,
      description: d.description,
      email: d.email,
      jobTitle: d.jobTitle,
    })),
  }));

  app.post("/api/dev/token", async (request) => {
    const parsed = tokenBody.safeParse(request.body, { reportInput: true });
    if (!parsed.success) throw errors.invalidRequest(fieldIssues(parsed.error.issues));
    const identity = findDemoIdentity(parsed.data.key);
    if (!identity) throw errors.notFound();
    const lifetimeSeconds = 3600;
    return { token: await issuer.issue(identity, { lifetimeSeconds }), expiresAt: new Date(Date.now() + lifetimeSeconds * 1000).toISOString() };
  });
}
