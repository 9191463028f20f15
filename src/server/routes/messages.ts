import type { FastifyInstance } from "fastify";
import type { GuildhallBot } from "../../../bot/index.js";

/** The bot's endpoint. Authentication of Bot Connector traffic is botbuilder's (see bot/). */
export async function messageRoutes(app: FastifyInstance, bot: GuildhallBot): Promise<void> {
  app.post("/api/messages", { bodyLimit: 1024 * 1024 }, async (request, reply) => {
    const result = await bot.handle({ method: request.method, headers: request.headers, body: request.body });
    reply.code(result.status).headers(result.headers);
    return reply.send(result.body ?? "");
  });
}
