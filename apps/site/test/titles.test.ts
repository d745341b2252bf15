// Question titles with math: KaTeX in the heading, the sidebar, the topic list and prev/next links; plain Unicode
// text (no `$`, no backslash) in <title>, meta tags and search results.
import { allCards, serializeProgress } from "@qkv/quiz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { questions, questionUrl } from "../src/lib/content";
import { launch, type Browser } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const withMath = questions().filter((q) => q.titleMarkdown.includes("$"));
/** The TeX of each `$…$` in a title, in order. */
const texOf = (md: string) => [...md.matchAll(/\$([^$]+)\$/g)].map((m) => m[1]);

describe("math in question titles", () => {
  it("some question titles have math (else this test checks nothing)", () => {
    expect(withMath.length).toBeGreaterThan(0);
  });

  it("renders each title's TeX with KaTeX in the heading and the sidebar; <title> and meta tags are plain text", async () => {
    for (const q of withMath) {
      const url = questionUrl(q);
      const { page, errors } = await browser.open(url);
      expect(await page.locator("h1 .katex annotation").allTextContents(), url).toEqual(texOf(q.titleMarkdown));
      const entry = page.locator(`nav.sidebar a[href="${url}"]`);
      expect(await entry.locator(".katex annotation").allTextContents(), url).toEqual(texOf(q.titleMarkdown));
      expect(await entry.getAttribute("aria-current")).toBe("page");
      const title = await page.title();
      expect(title).toBe(`${q.title} | qkv`);
      const metas = await page.locator('meta[property="og:title"], meta[name="twitter:title"]').evaluateAll((ms) => ms.map((m) => m.getAttribute("content") ?? ""));
      for (const text of [title, q.title, ...metas]) expect(text, url).not.toMatch(/[$\\]/);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("renders them in the topic list and in the neighbours' prev/next links", async () => {
    const q = withMath[0];
    const url = questionUrl(q);
    const { page } = await browser.open(`/topics/${q.topic}/`);
    const item = page.locator(`.qkv-qlist a[href="${url}"]`);
    expect(await item.locator(".katex annotation").allTextContents()).toEqual(texOf(q.titleMarkdown));
    const siblings = questions().filter((x) => x.topic === q.topic);
    const neighbour = siblings[siblings.indexOf(q) + 1] ?? siblings[siblings.indexOf(q) - 1];
    await page.goto(questionUrl(neighbour));
    expect(await page.locator(`.qkv-prevnext a[href="${url}"] .katex annotation`).allTextContents()).toEqual(texOf(q.titleMarkdown));
    await page.close();
  });

  it("renders them in the review list", async () => {
    const q = withMath[0];
    const card = allCards(questions()).find((c) => c.question.id === q.id)!;
    const { page, errors } = await browser.open("/about/");
    const progress = { version: 1 as const, reviews: [{ card: card.id, rating: "again" as const, at: "2025-01-02T03:04:05.000Z" }] };
    await page.evaluate((json) => localStorage.setItem("qkv-progress", json), serializeProgress(progress));
    // Leave only after the page's late module imports: an aborted one is a failed request in `errors`.
    await page.waitForLoadState("networkidle");
    await page.goto("/review/");
    await page.waitForSelector("[data-review][data-ready=true]");
    const item = page.locator(`[data-review-list] li[data-card="${card.id}"] a`);
    expect(await item.locator(".katex annotation").allTextContents()).toEqual(texOf(q.titleMarkdown));
    expect(await item.textContent()).toMatch(/ — exercise 1$/);
    await page.evaluate(() => localStorage.clear());
    expect(errors).toEqual([]);
  });

  it("search results show the plain title", async () => {
    const q = withMath[0];
    const url = questionUrl(q);
    const { page, errors } = await browser.open("/");
    await page.waitForFunction(() => customElements.get("site-search") !== undefined);
    await page.keyboard.press("Control+k");
    const input = page.locator("dialog[open] input");
    await input.waitFor();
    await input.fill(q.title.replace(/[^\p{L}\p{N}\s]/gu, " "));
    const hit = page.locator(`dialog[open] a[href="${url}"]`);
    await hit.first().waitFor({ timeout: 20_000 });
    expect((await hit.first().textContent())?.trim()).toBe(q.title);
    expect(errors).toEqual([]);
  });
});
