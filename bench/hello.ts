// Baseline: a Fastify hello-world on the same machine, in its own process like the real server.
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/hello", async () => ({ hello: "world" }));
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
const port = typeof address === "object" && address ? address.port : 0;
process.stdout.write(`hello listening on http://127.0.0.1:${port}\n`);
