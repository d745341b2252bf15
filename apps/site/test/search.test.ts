// Pagefind search finds a question by a word that only its answer contains; pages read fine without JavaScript.
import { renderPlainText } from "@qkv/quiz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { questions } from "../src/lib/content";
import { launch, type Browser } from "./browser";

let browser: Browser;
let noJs: Browser;
beforeAll(async () => {
  browser = await launch();
  noJs = await launch({ javaScript: false });
});
afterAll(async () => {
  await browser?.close();
  await noJs?.close();
});

const words = (s: string) => new Set(s.toLowerCase().match(/[a-z]{6,}/g) ?? []);

/** A question and a word of its answer that appears in no other question's title, question or answer. */
function distinctiveAnswerWord(): { url: string; title: string; word: string } {
  const all = questions();
  const counts = new Map<string, number>();
  for (const q of all) for (const w of words(renderPlainText(`${q.title}\n${q.question}\n${q.answer}`))) counts.set(w, (counts.get(w) ?? 0) + 1);
  for (const q of all) {
    const inTitle = words(q.title);
    for (const w of words(renderPlainText(q.answer))) {
      if (counts.get(w) === 1 && !inTitle.has(w)) return { url: `/topics/${q.topic}/${q.id}/`, title: q.title, word: w };
    }
  }
  throw new Error("no question has an answer word unique to it");
}

describe("search and no-JS reading", () => {
  it("finds a question by a word of its answer", async () => {
    const { url, word } = distinctiveAnswerWord();
    const { page, errors } = await browser.open("/");
    // Starlight's search element must be defined before its keyboard shortcut works.
    await page.waitForFunction(() => customElements.get("site-search") !== undefined);
    await page.keyboard.press("Control+k");
    const input = page.locator("dialog[open] input");
    await input.waitFor();
    await input.fill(word);
    const hit = page.locator(`dialog[open] a[href^="${url}"]`);
    await hit.first().waitFor({ timeout: 20_000 });
    expect(await hit.count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it("a question page shows its question, answer and rendered math with JavaScript off", async () => {
    const q = questions().find((x) => /\$/.test(x.answer))!;
    const { page } = await noJs.open(`/topics/${q.topic}/${q.id}/`);
    expect(await page.locator("h1").textContent()).toContain(q.title);
    expect(await page.locator(".qkv-answer-text .katex").count()).toBeGreaterThan(0);
    const firstWords = renderPlainText(q.answer).split(/\s+/).filter((w) => /^[A-Za-z]{4,}$/.test(w)).slice(0, 3);
    const text = (await page.locator(".qkv-answer-text").textContent()) ?? "";
    for (const w of firstWords) expect(text).toContain(w);
  });

  it("a demo page shows its computed numbers with JavaScript off", async () => {
    const { page } = await noJs.open("/demos/attention/");
    expect(await page.locator('[data-matrix="weights-heatmap"] td[data-value]').count()).toBeGreaterThan(0);
  });
});
