import type { FastifyInstance } from "fastify";
import { markAllNoticesRead, markNoticeRead, markNoticesRead, myNotifications, unreadNoticeCount } from "../../commands/notices.js";
import type { AppDeps } from "../app.js";
import { commandContext, runCommand } from "./communities.js";

/**
 * A person's own notices: a page of them with the unread count, the unread count alone (the navigation's badge),
 * and marking them read. Activity-feed delivery (src/jobs/deliverNotices.ts) is not affected.
 */
export async function noticeRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get("/api/v1/notifications", async (request) => {
    const c = await commandContext(request, deps);
    return runCommand(() => myNotifications(c, request.query));
  });
  app.get("/api/v1/notifications/unread", async (request) => {
    const c = await commandContext(request, deps);
    return { unread: await runCommand(() => unreadNoticeCount(c)) };
  });
  app.post("/api/v1/notifications/read", async (request) => {
    const c = await commandContext(request, deps);
    return runCommand(() => markNoticesRead(c, request.body ?? {}));
  });
  app.post("/api/v1/notifications/read-all", async (request) => {
    const c = await commandContext(request, deps);
    return runCommand(() => markAllNoticesRead(c, request.body ?? {}));
  });
  app.post<{ Params: { id: string } }>("/api/v1/notifications/:id/read", async (request) => {
    const c = await commandContext(request, deps);
    return runCommand(() => markNoticeRead(c, request.params.id));
  });
}
