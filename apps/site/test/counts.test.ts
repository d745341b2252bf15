// Every count the built site shows comes from lib/counts.ts: each marked count (data-count) equals the source, no
// page shows an unmarked count of questions, exercises, cards, modules or experiments outside content text, and the
// source agrees with what the CLI loads.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { allCards } from "@qkv/quiz";
import { loadContentDir } from "@qkv/quiz/node";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, countText, type CountKind } from "../src/lib/counts";
import { topicsWithContent } from "../src/lib/content";
import { distDir } from "./build";
import { launch, type Browser } from "./browser";

const COUNTED = /\b\d+ (questions?|exercises?|(review )?cards?|modules?|experiments?)\b/;
/** Text that is content (answers, exercises, doc comments, code), where numbers are the authors' own. */
const CONTENT = ".qkv-question, .qkv-answer-text, .qkv-exercises, .qkv-doc, .qkv-verified, pre, code, script, style, .katex, template";

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return e === "_astro" || e === "pagefind" ? [] : htmlFiles(p);
    return e.endsWith(".html") ? [p] : [];
  });
}

describe("counts", () => {
  it("every count shown on a built page equals lib/counts, and none is shown unmarked", () => {
    const problems: string[] = [];
    let marked = 0;
    const kinds = new Set<string>();
    for (const file of htmlFiles(distDir)) {
      const page = relative(distDir, file);
      // Counts are shown in <main> (the sidebar and head hold none); parsing only it keeps the crawl fast.
      const html = readFileSync(file, "utf8");
      const main = html.slice(html.indexOf("<main"), html.indexOf("</main>") + 7);
      expect(main.length, page).toBeGreaterThan(7);
      const { document } = parseHTML(`<!doctype html><html><body>${main}</body></html>`);
      for (const el of document.querySelectorAll("[data-count]")) {
        const kind = el.getAttribute("data-count") as CountKind;
        const n = count(kind, { topic: el.getAttribute("data-topic") ?? undefined, question: el.getAttribute("data-question") ?? undefined });
        const text = el.textContent ?? "";
        if (text !== String(n) && text !== countText(kind, n)) problems.push(`${page}: ${kind} shows "${text}", the source says ${n}`);
        marked++;
        kinds.add(kind);
      }
      const walker = document.createTreeWalker(document.body, 4 /* NodeFilter.SHOW_TEXT */);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest(`${CONTENT}, [data-count]`)) continue;
        const m = COUNTED.exec(n.textContent ?? "");
        if (m) problems.push(`${page}: "${m[0]}" is not from lib/counts`);
      }
    }
    expect(problems).toEqual([]);
    // The crawl saw every kind of count (a page that stopped marking its counts would pass the loop vacuously).
    expect([...kinds].sort()).toEqual(["cards", "exercises", "experiments", "modules", "passing", "questions"]);
    expect(marked).toBeGreaterThan(2 * topicsWithContent().length);
  });

  it("each topic page's meta description states the topic's question count", () => {
    for (const topic of topicsWithContent()) {
      const { document } = parseHTML(readFileSync(join(distDir, "topics", topic, "index.html"), "utf8"));
      const description = document.querySelector('meta[name="description"]')?.getAttribute("content") ?? "";
      expect(description.startsWith(`${countText("questions", count("questions", { topic }))} on `), topic).toBe(true);
    }
  });

  it("the source agrees with the CLI's loader: questions, exercises and cards", async () => {
    const { questions, problems } = await loadContentDir(fileURLToPath(new URL("../../../content", import.meta.url)));
    expect(problems).toEqual([]);
    expect(count("questions")).toBe(questions.length);
    expect(count("exercises")).toBe(questions.reduce((n, q) => n + q.exercises.length, 0));
    expect(count("cards")).toBe(allCards(questions).length);
    // Cards are exercises plus one recall card per question without exercises.
    expect(count("cards")).toBe(count("exercises") + questions.filter((q) => q.exercises.length === 0).length);
  });
});

describe("counts computed in the browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the progress panel counts the same review cards as the page", async () => {
    const { page, errors } = await browser.open("/");
    const summary = page.locator("[data-progress-panel] [data-stats] p").first();
    await page.waitForFunction(() => document.querySelector("[data-progress-panel] [data-stats]")?.textContent?.includes("review cards"));
    expect(await summary.textContent()).toContain(`${countText("cards", count("cards"))} are waiting`);
    expect(await page.locator('main [data-count="cards"]').first().textContent()).toBe(countText("cards", count("cards")));
    expect(errors).toEqual([]);
  });
});
