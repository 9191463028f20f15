// @ts-check
import js from "@eslint/js";
import formatjs from "eslint-plugin-formatjs";
import tseslint from "typescript-eslint";

// Import boundaries (docs/ARCHITECTURE.md). Each area gets one combined rule, because a later flat-config
// block replaces (does not merge) an earlier block's options for the same rule.
const graphOnly = { group: ["@microsoft/microsoft-graph-client", "@azure/msal-node"], message: "Graph and MSAL are used only in src/graph." };
const botOnly = { group: ["botbuilder", "botbuilder-*", "botframework-*"], message: "botbuilder is used only in bot/." };
const outerLayers = (/** @type {string[]} */ names) => ({
  group: names.flatMap((n) => [`**/${n}/**`, `../${n}/**`, `../../${n}/**`]),
  message: "This folder may not import that layer (docs/ARCHITECTURE.md).",
});
const serverPackages = { group: ["pg", "kysely", "pg-boss", "fastify", "@fastify/*", "pino", "node:*"], message: "Server-only package." };
const restrict = (/** @type {object[]} */ patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "appPackage/build/**", "devTools/**", ".data/**", "coverage/**", "infra/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { ecmaVersion: 2023, sourceType: "module" } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: false }],
    },
  },
  // Every message: literal en-AU text, dotted id, arguments that match the values passed (docs/translating.md).
  {
    files: ["src/**/*.{ts,tsx}", "bot/**/*.ts"],
    plugins: { formatjs },
    rules: {
      "formatjs/enforce-default-message": ["error", "literal"],
      "formatjs/enforce-id": ["error", { idInterpolationPattern: "[sha512:contenthash:base64:6]", idWhitelist: ["^[a-z][A-Za-z0-9]*(\\.[A-Za-z0-9_]+)+$"] }],
      "formatjs/enforce-placeholders": "error",
      "formatjs/no-multiple-whitespaces": "error",
      "formatjs/no-invalid-icu": "error",
      "formatjs/no-literal-string-in-jsx": "off",
    },
  },
  // No user-facing text in the tab's JSX outside the catalogs: text, and the props that carry words.
  {
    files: ["src/tab/**/*.tsx"],
    ignores: ["src/tab/**/*.test.tsx", "src/tab/testing/**"],
    rules: {
      "formatjs/no-literal-string-in-jsx": [
        "error",
        { props: { include: [["*", "{label,hint,validationMessage,content,description,header,heading,lead,title,placeholder,caption,summary,text,message,*Label,*Text,*Title,*Message}"]] } },
      ],
    },
  },
  {
    files: ["src/tab/**/*.{ts,tsx}"],
    ignores: ["src/tab/**/*.test.{ts,tsx}", "src/tab/testing/**"],
    rules: restrict([outerLayers(["server", "store", "jobs", "graph", "bot", "cli", "commands"]), serverPackages, graphOnly, botOnly]),
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: restrict([outerLayers(["server", "store", "jobs", "graph", "bot", "tab", "cli", "commands"]), serverPackages, graphOnly, botOnly, { group: ["@microsoft/*", "@azure/*", "jose"], message: "src/domain has no I/O." }]),
  },
  {
    files: ["src/server/**/*.ts", "src/store/**/*.ts", "src/jobs/**/*.ts", "src/cli/**/*.ts", "src/commands/**/*.ts"],
    rules: restrict([outerLayers(["tab"]), graphOnly, botOnly]),
  },
  {
    files: ["src/graph/**/*.ts"],
    rules: restrict([outerLayers(["tab", "server", "bot"]), botOnly]),
  },
  {
    files: ["bot/**/*.ts"],
    rules: restrict([outerLayers(["tab", "server", "store", "jobs"]), graphOnly]),
  },
  // Right-to-left readiness: styles name the start and end of a line, never its left and right, so a right-to-left
  // locale (textDirection in src/i18n/locales.ts sets <html dir>) mirrors the layout by itself. An icon that points
  // a direction is the one exception: disable the rule on that line and say why.
  {
    files: ["src/tab/**/*.styles.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...[
          ["Property[key.name=/^(margin|padding)(Left|Right)$/]", "marginInlineStart/End, paddingInlineStart/End"],
          ["Property[key.value=/^(margin|padding)(Left|Right)$/]", "marginInlineStart/End, paddingInlineStart/End"],
          ["Property[key.name=/^(left|right)$/]", "insetInlineStart/End"],
          ["Property[key.value=/^(left|right)$/]", "insetInlineStart/End"],
          ["Property[key.name=/^border(Left|Right)/]", "borderInlineStart/End*"],
          ["Property[key.value=/^border(Left|Right)/]", "borderInlineStart/End*"],
          ["CallExpression[callee.property.name=/^(margin|padding)(Left|Right)$|^border(Left|Right)/]", "the logical property (shorthands has no left/right form that mirrors)"],
          ["Property[key.name=/^(textAlign|float|clear)$/][value.value=/^(left|right)$/]", 'textAlign "start"/"end"; float and clear "inline-start"/"inline-end"'],
          ["Property[key.value=/^(textAlign|float|clear)$/][value.value=/^(left|right)$/]", 'textAlign "start"/"end"; float and clear "inline-start"/"inline-end"'],
        ].map(([selector, instead]) => ({
          selector: `CallExpression[callee.name=/^make(Styles|StaticStyles|ResetStyles)$/] ${selector}`,
          message: `A physical left/right style does not mirror in a right-to-left locale: use ${instead} (docs/translating.md).`,
        })),
      ],
    },
  },
);
