/**
 * `npm run playground`: the Microsoft 365 Agents Playground pointed at this machine's Guildhall bot, on the
 * same `PORT` the server listens on (default 3978). It reads `.m365agentsplayground.yml` from the repo root.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve("@microsoft/m365agentsplayground/package.json")), "cli.js");
const port = process.env["PORT"]?.trim() || "3978";
if (!/^\d{1,5}$/.test(port)) {
  process.stderr.write(`PORT must be a port number, not "${port}".\n`);
  process.exit(1);
}
const child = spawn(process.execPath, [cli, "-e", `http://127.0.0.1:${port}/api/messages`, "-c", "msteams", "--dt", ...process.argv.slice(2)], {
  cwd: path.resolve(import.meta.dirname, "../.."),
  stdio: "inherit",
});
child.on("exit", (code, signal) => {
  if (code !== 0 && code !== null) {
    process.stderr.write("The Playground stopped. Its reason is in devTools/m365agentsplayground.log.\n");
  }
  process.exit(code ?? (signal ? 1 : 0));
});
