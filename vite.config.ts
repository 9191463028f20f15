/**
 * Builds the Teams tab (src/tab) into dist/tab, which the Fastify server serves with an SPA fallback.
 * `npx vite` serves the tab with hot reload and proxies /api to a server started with `npm run dev`.
 */
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { guildhallMessages } from "./src/i18n/vitePlugin.js";

const repoRoot = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL("./src/tab", import.meta.url)),
  base: "/",
  plugins: [react(), guildhallMessages()],
  resolve: {
    // The catalogs arrive parsed (src/i18n/vitePlugin.ts), so the browser never parses ICU text: the parser stays out.
    alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: "@formatjs/icu-messageformat-parser/no-parser.js" }],
  },
  build: {
    outDir: `${repoRoot}dist/tab`,
    emptyOutDir: true,
    // Source maps publish the whole tab source (5.6 MB): only in a development build (`vite build --mode development`).
    sourcemap: mode === "development",
    target: "es2022",
    rolldownOptions: {
      output: {
        // React changes less often than the app: its own chunk stays cached across releases. Fluent has no
        // group of its own: one Fluent chunk would put every page's components into what the home page loads,
        // so its modules go with the pages that use them (shared ones into shared chunks).
        codeSplitting: {
          groups: [{ name: "react", test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/ }],
        },
      },
    },
  },
  server: {
    port: 5173,
    // Only the server's routes: the tab's own modules live under /api/ too (src/tab/api/*.ts).
    proxy: { "^/api/(v1|dev|messages)(/|$)": `http://127.0.0.1:${process.env["PORT"] ?? "3978"}` },
  },
}));
