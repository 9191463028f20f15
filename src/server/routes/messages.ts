import type { FastifyInstance } from "fastify";
import type { GuildhallBot } from "../../../bot/index.js";
import { noteRefusal } from "../refusals.js";

/** The bot's endpoint. Authentication of Bot Connector traffic is botbuilder's (see bot/). */
export async function messageRoutes(app: FastifyInstance, bot: GuildhallBot): Promise<void> {
  app.post("/api/messages", { bodyLimit: 1024 * 1024 }, async (request, reply) => {
    const result = await bot.handle({ method: request.method, headers: request.headers, body: request.body });
    // The bot's own refusal (an untrusted serviceUrl) is audit-logged with the app's other refusals (refusals.ts).
    if (result.refusal) noteRefusal(request, result.refusal);
    reply.code(result.status).headers(result.headers);
    return reply.send(result.body ?? "");
  });
}
