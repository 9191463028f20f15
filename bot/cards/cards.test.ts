// @vitest-environment jsdom
/**
 * Every card builder's output validates against the Adaptive Cards 1.5 schema (../shared/schemas) and
 * renders with the real `adaptivecards` renderer, showing the expected text and actions.
 */
import * as AC from "adaptivecards";
import { beforeAll, describe, expect, it } from "vitest";
import { intlFor } from "../../src/i18n/node.js";
import { LOCALES } from "../../src/i18n/locales.js";
import { cardSchemaErrors } from "../../tests/support/adaptive-card-schema.js";
import {
  BRAND_MARK_DATA_URI,
  MESSAGES,
  escapeText,
  helpCard,
  helpText,
  image,
  welcomeCard,
  type AdaptiveCard,
  type CardContext,
} from "./index.js";

const enAU = intlFor("en-AU");
const HELP_TEXT = helpText(enAU);

beforeAll(() => {
  // No markdown library here: TextBlocks render as plain text, so the text assertions see exactly what
  // the builders wrote (escapes included, which is why the help copy must need none).
  AC.AdaptiveCard.onProcessMarkdown = (_text, result) => {
    result.didProcess = false;
  };

  // jsdom has no layout, so no innerText; the renderer reads and writes it.
  if (!Object.getOwnPropertyDescriptor(HTMLElement.prototype, "innerText")) {
    Object.defineProperty(HTMLElement.prototype, "innerText", {
      configurable: true,
      get(this: HTMLElement) {
        return this.textContent ?? "";
      },
      set(this: HTMLElement, value: string) {
        this.textContent = value;
      },
    });
  }
});

function expectValid(card: AdaptiveCard): void {
  const errors = cardSchemaErrors(card);
  expect(errors, JSON.stringify(errors, null, 2)).toEqual([]);
}

interface Rendered {
  text: string;
  actions: { title: string; kind: string; url?: string; verb?: string }[];
  images: string[];
}

function render(card: AdaptiveCard): Rendered {
  const ac = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  ac.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of ac.validateProperties().validationEvents) problems.push(e.message);
  expect(problems).toEqual([]);
  const element = ac.render();
  if (!element) throw new Error("card did not render");
  const actions: Rendered["actions"] = [];
  for (let i = 0; i < ac.getActionCount(); i++) {
    const a = ac.getActionAt(i);
    if (!a) continue;
    actions.push({
      title: a.title ?? "",
      kind: a.getJsonTypeName(),
      ...(a instanceof AC.OpenUrlAction ? { url: a.url } : {}),
      ...(a instanceof AC.ExecuteAction ? { verb: a.verb } : {}),
    });
  }
  document.body.replaceChildren(element);
  return {
    text: (element.textContent ?? "").replace(/\s+/g, " "),
    actions,
    images: Array.from(element.querySelectorAll("img")).map((img) => img.getAttribute("src") ?? ""),
  };
}

const contexts: CardContext[] = [
  { publicUrl: "https://guildhall.example.gov.au", cardImagesAsUrls: true },
  { publicUrl: undefined, cardImagesAsUrls: false },
];

describe.each([
  ["helpCard", helpCard, "Guildhall help"],
  ["welcomeCard", welcomeCard, "Welcome to Guildhall"],
] as const)("%s", (_name, buildIn, heading) => {
  const build = (ctx: CardContext) => buildIn(ctx, enAU);

  it.each(contexts)("validates against the Adaptive Cards 1.5 schema (%o)", (ctx) => {
    const card = build(ctx);
    expect(card.version).toBe("1.5");
    expectValid(card);
  });

  it.each(LOCALES)("validates in %s", (locale) => {
    for (const ctx of contexts) expectValid(buildIn(ctx, intlFor(locale)));
  });

  it("renders what Guildhall does, with Open Guildhall and Help", () => {
    const out = render(build(contexts[0] as CardContext));
    expect(out.text).toContain(heading);
    expect(out.text).toContain("Communities of practice for verified public servants");
    expect(out.text).toContain(HELP_TEXT.intro);
    for (const [title, detail] of HELP_TEXT.features) {
      expect(out.text).toContain(title);
      expect(out.text).toContain(detail);
    }
    expect(out.text).toContain(HELP_TEXT.howTo);
    expect(out.text).not.toContain("\\");
    expect(out.actions).toEqual([
      { title: "Open Guildhall", kind: "Action.OpenUrl", url: "https://guildhall.example.gov.au/" },
      { title: "Help", kind: "Action.Execute", verb: "help" },
    ]);
    expect(out.images).toEqual([BRAND_MARK_DATA_URI]);
  });

  it("leaves out Open Guildhall when there is no public URL", () => {
    const out = render(build({ publicUrl: undefined, cardImagesAsUrls: true }));
    expect(out.actions.map((a) => a.title)).toEqual(["Help"]);
  });

  it("gives Action.Execute an Action.Submit fallback with the same verb (Teams mobile renders 1.2)", () => {
    const actions = build(contexts[0] as CardContext).actions ?? [];
    const execute = actions.find((a) => a.type === "Action.Execute");
    expect(execute).toMatchObject({ verb: "help", fallback: { type: "Action.Submit", title: "Help", data: { verb: "help" } } });
  });

  it("renders the Action.Submit fallback on a host that only knows Adaptive Cards 1.2", () => {
    const serialization = new AC.SerializationContext(AC.Versions.v1_2);
    const ac = new AC.AdaptiveCard();
    ac.parse(build(contexts[0] as CardContext), serialization);
    const titles: string[] = [];
    for (let i = 0; i < ac.getActionCount(); i++) {
      const a = ac.getActionAt(i);
      if (a) titles.push(`${a.getJsonTypeName()}:${a.title ?? ""}`);
    }
    expect(titles).toContain("Action.Submit:Help");
  });

  it("contains no image URLs, only embedded data, whatever the cloud", () => {
    for (const ctx of contexts) {
      const urls = JSON.stringify(build(ctx)).match(/"url":"[^"]*"/g) ?? [];
      const imageUrls = urls.filter((u) => !u.includes("guildhall.example.gov.au"));
      expect(imageUrls.every((u) => u.startsWith('"url":"data:image/png;base64,'))).toBe(true);
    }
  });
});

describe("image()", () => {
  const gov: CardContext = { publicUrl: undefined, cardImagesAsUrls: false };
  const commercial: CardContext = { publicUrl: undefined, cardImagesAsUrls: true };

  it("always admits an embedded data URI", () => {
    expect(image(BRAND_MARK_DATA_URI, "Guildhall", gov)).toMatchObject({ type: "Image", url: BRAND_MARK_DATA_URI });
  });

  it("drops an https image in clouds whose clients cannot fetch image URLs (GCC High, DoD)", () => {
    expect(image("https://cdn.example.com/a.png", "a", gov)).toBeUndefined();
    expect(image("https://cdn.example.com/a.png", "a", commercial)).toMatchObject({ url: "https://cdn.example.com/a.png" });
  });

  it("never admits other schemes", () => {
    for (const url of ["http://cdn.example.com/a.png", "javascript:alert(1)", "data:text/html;base64,PGI+", "data:image/svg+xml;base64,PHN2Zz4="]) {
      expect(image(url, "a", commercial)).toBeUndefined();
    }
  });

  it("embeds a real PNG as the brand mark", () => {
    const bytes = Buffer.from(BRAND_MARK_DATA_URI.split(",")[1] ?? "", "base64");
    expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(bytes.length).toBeLessThan(1024);
  });
});

describe("escapeText", () => {
  it("leaves ordinary prose, including every constant the cards use, unchanged", () => {
    const prose = [HELP_TEXT.intro, HELP_TEXT.howTo, ...HELP_TEXT.features.flat(), "Budget 2025-26: what's new?"];
    for (const p of prose) expect(escapeText(p)).toBe(p);
  });

  it("neutralises markdown, links and date functions so stored text shows exactly as given", () => {
    expect(escapeText("**bold** _it_ `code` ~strike~")).toBe("\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~strike\\~");
    expect(escapeText("[click](https://evil.example)")).toBe("\\[click\\](https://evil.example)");
    expect(escapeText("# Heading\n- item\n1. first\n> quote")).toBe("\\# Heading\n\\- item\n1\\. first\n\\> quote");
    expect(escapeText("{{DATE(2025-01-01T00:00:00Z)}}")).toBe("{\u200B{DATE(2025-01-01T00:00:00Z)}}");
    expect(escapeText("a\u0000b\u0007c\nd")).toBe("abc\nd");
    expect(escapeText("<at>Someone</at>")).toBe("\\<at\\>Someone\\</at\\>");
  });

  it("stays fast on hostile input", () => {
    const hostile = "\n".repeat(50_000) + "1".repeat(50_000) + "{{".repeat(20_000);
    const started = performance.now();
    escapeText(hostile);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("MESSAGES", () => {
  it("refuses outsiders with the wording the product uses everywhere", () => {
    expect(enAU.formatMessage(MESSAGES.notEligible).startsWith("Guildhall is open to verified public servants only")).toBe(true);
  });
});

describe("in French (fr-CA)", () => {
  const fr = intlFor("fr-CA");

  it("renders the help card in French, with French buttons, and no markdown escapes", () => {
    const card = helpCard(contexts[0] as CardContext, fr);
    expectValid(card);
    const out = render(card);
    expect(out.text).toContain("Aide de Guildhall");
    expect(out.text).toContain(helpText(fr).intro);
    expect(out.text).not.toContain(HELP_TEXT.intro);
    expect(out.text).not.toContain("\\");
    expect(out.actions.map((a) => a.title)).toEqual(["Ouvrir Guildhall", "Aide"]);
    expect(card.fallbackText.startsWith("Aide de Guildhall.")).toBe(true);
  });

  it("leaves every French sentence of the cards unchanged by escapeText", () => {
    const help = helpText(fr);
    for (const p of [help.intro, help.howTo, ...help.features.flat()]) expect(escapeText(p)).toBe(p);
  });
});
