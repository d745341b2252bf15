// A numeric exercise answered right and wrong in the page, each judged by @qkv/quiz; the session's first verdict
// lands in localStorage as the card's review; progress export/import validates untrusted JSON with parseProgress.
import { instantiate, parseProgress, type NumericExercise } from "@qkv/quiz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { questions } from "../src/lib/content";
import { launch, type Browser } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

function firstNumeric(): { url: string; exercise: NumericExercise; cardId: string } {
  for (const q of questions()) {
    const e = q.exercises.find((x): x is NumericExercise => x.kind === "numeric");
    if (e) return { url: `/topics/${q.topic}/${q.id}/`, exercise: e, cardId: `${q.id}/${e.id}` };
  }
  throw new Error("no numeric exercise in content/");
}

/** A value of the same shape as `v`, every element moved far outside any tolerance. */
function wrong(v: number | number[] | number[][]): string {
  const shift = (x: number) => x + 1000 + Math.abs(x) * 10;
  if (typeof v === "number") return String(shift(v));
  return JSON.stringify(Array.isArray(v[0]) ? (v as number[][]).map((r) => r.map(shift)) : (v as number[]).map(shift));
}

describe("exercises in the page", () => {
  it("judges a numeric answer right and wrong; one review per card per session (the first verdict), none for unreadable input", async () => {
    const { url, exercise, cardId } = firstNumeric();
    const { page, errors } = await browser.open(url);
    const article = page.locator(`article[data-card="${cardId}"]`);
    await page.waitForSelector(".qkv-exercises[data-ready=true]");
    const seed = Number(await article.locator("[data-instance]:not([hidden])").getAttribute("data-seed"));
    const { expected } = instantiate(exercise, seed);

    const reviews = async (p = page) => {
      const parsed = parseProgress((await p.evaluate(() => localStorage.getItem("qkv-progress"))) ?? '{"version":1,"reviews":[]}');
      if (!("progress" in parsed)) throw new Error(parsed.error);
      return parsed.progress.reviews.map((r) => [r.card, r.rating]);
    };
    // Unreadable input is not a recall attempt: the reason is shown and nothing is recorded.
    await article.locator("input[name=answer]").fill("two ???");
    await article.locator("button[type=submit]").click();
    await article.locator('[data-verdict][data-correct="false"]').waitFor();
    expect(await article.locator("[data-verdict]").textContent()).toMatch(/Could not read your answer.*Nothing was recorded/);
    expect(await reviews()).toEqual([]);

    await article.locator("input[name=answer]").fill(wrong(expected));
    await article.locator("button[type=submit]").click();
    await article.locator('[data-verdict][data-correct="false"] [data-review-note="recorded"]').waitFor();

    // The second answer in the same session is practice: judged, but not a second review.
    await article.locator("input[name=answer]").fill(JSON.stringify(expected));
    await article.locator("button[type=submit]").click();
    await article.locator('[data-verdict][data-correct="true"] [data-review-note="practice"]').waitFor();
    expect(await reviews()).toEqual([[cardId, "again"]]);
    expect(await article.locator("[data-card-status]").textContent()).toMatch(/^1 review,/);
    // A reload is the same session (this tab).
    await page.reload();
    await page.waitForSelector(".qkv-exercises[data-ready=true]");
    await article.locator("input[name=answer]").fill(wrong(expected));
    await article.locator("button[type=submit]").click();
    await article.locator('[data-verdict] [data-review-note="practice"]').waitFor();
    expect(await reviews()).toEqual([[cardId, "again"]]);
    expect(errors).toEqual([]);

    // A new tab is a new session: its first verdict is the card's next review.
    const { page: later, errors: laterErrors } = await browser.open(url);
    await later.waitForSelector(".qkv-exercises[data-ready=true]");
    const again = later.locator(`article[data-card="${cardId}"]`);
    await again.locator("input[name=answer]").fill(JSON.stringify(expected));
    await again.locator("button[type=submit]").click();
    await again.locator('[data-verdict][data-correct="true"] [data-review-note="recorded"]').waitFor();
    expect(await reviews(later)).toEqual([
      [cardId, "again"],
      [cardId, "good"],
    ]);
    expect(await again.locator("[data-card-status]").textContent()).toMatch(/^2 reviews/);
    expect(laterErrors).toEqual([]);
    // The topic page's badge for this question reflects the reviewed card.
    const topic = url.split("/")[2];
    const { page: topicPage, errors: topicErrors } = await browser.open(`/topics/${topic}/`);
    const badge = topicPage.locator(`[data-progress-for="${cardId.split("/")[0]}"]`);
    await badge.waitFor();
    expect(await badge.textContent()).toMatch(/^1\/\d+ reviewed/);
    expect(topicErrors).toEqual([]);
  });

  it("home page shows the stored progress, rejects a malformed import and merges a valid one", async () => {
    const { page, errors } = await browser.open("/");
    await page.waitForSelector("[data-progress-panel][data-ready=true]");
    expect(await page.getAttribute("[data-stats]", "data-reviews")).toBe("2");
    const input = page.locator("[data-progress-panel] input[type=file]");
    await input.setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"version": 9, "reviews": "x"}') });
    await page.locator('[data-import-message][data-ok="false"]').waitFor();
    const other = { version: 1, reviews: [{ card: "x/y", rating: "good", at: "2026-01-02T03:04:05.000Z" }] };
    await input.setInputFiles({ name: "ok.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(other)) });
    await page.locator('[data-import-message][data-ok="true"]').waitFor();
    expect(await page.getAttribute("[data-stats]", "data-reviews")).toBe("3");
    // One invalid entry is left out and named; the valid one next to it is merged.
    const mixed = { version: 1, reviews: [{ card: "x/z", rating: "easy", at: "2026-01-03T03:04:05.000Z" }, { card: "x/w", rating: "meh", at: "now" }] };
    await input.setInputFiles({ name: "mixed.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(mixed)) });
    await page.waitForFunction(() => document.querySelector("[data-import-message]")?.textContent?.includes("mixed.json"));
    expect(await page.textContent("[data-import-message]")).toMatch(/Left out 1 invalid entry: reviews\[1\]\.rating must be again/);
    expect(await page.getAttribute("[data-stats]", "data-reviews")).toBe("4");
    await page.screenshot({ path: new URL("../test-artifacts/home.png", import.meta.url).pathname, fullPage: true });
    expect(errors).toEqual([]);
  });

  it("home page: an interview date is saved with the progress and shows readiness per topic, the daily load and overdue", async () => {
    const { page, errors } = await browser.open("/");
    await page.waitForSelector("[data-progress-panel][data-ready=true]");
    // A review long ago makes one card overdue (one no other test reviews).
    const last = questions().at(-1)!;
    const oldCard = `${last.id}/${last.exercises[0]?.id ?? "recall"}`;
    const old = { version: 1, reviews: [{ card: oldCard, rating: "good", at: "2025-01-02T03:04:05.000Z" }] };
    await page.locator("[data-progress-panel] input[type=file]").setInputFiles({
      name: "old.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(old)),
    });
    await page.locator('[data-import-message][data-ok="true"]').waitFor();
    await page.locator("[data-interview-date]").fill("2099-12-15");
    await page.locator('[data-readiness][data-date="2099-12-15"]').waitFor();
    const summary = await page.locator("[data-readiness-summary]").textContent();
    expect(summary).toMatch(/^Interview on 2099-12-15, in \d+ days: predicted recall on that day if you stop now — \d+% overall\. Reviews per day needed: \d+\. Overdue: [1-9]\d*\./);
    const topics = new Set(questions().map((q) => q.topic));
    expect(await page.locator("[data-readiness-topic]").count()).toBe(topics.size);
    expect(await page.locator("[data-readiness-topic] meter").count()).toBe(topics.size);
    expect(await page.locator("[data-overdue]").textContent()).toContain(oldCard);
    const stored = parseProgress((await page.evaluate(() => localStorage.getItem("qkv-progress")))!);
    expect("progress" in stored && stored.progress.interview?.date).toBe("2099-12-15");
    // Cleared, the readiness goes away and the clearing is saved too.
    await page.locator("[data-interview-clear]").click();
    await page.locator('[data-readiness][data-date=""]').waitFor({ state: "attached" });
    expect(await page.locator("[data-readiness-topic]").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("a question page shows a card's due date as planned for the interview", async () => {
    const { url, cardId } = firstNumeric();
    const now = Date.now();
    const date = new Date(now + 6 * 86_400_000).toISOString().slice(0, 10);
    const progress = {
      version: 1,
      reviews: [{ card: cardId, rating: "easy", at: new Date(now).toISOString() }],
      interview: { date, setAt: new Date(now).toISOString() },
    };
    const { page, errors } = await browser.open("/");
    await page.evaluate((p) => localStorage.setItem("qkv-progress", p), JSON.stringify(progress));
    // The home page imports its client modules after "load"; leaving before they arrive would abort them.
    await page.waitForLoadState("networkidle");
    await page.goto(url);
    await page.waitForSelector(".qkv-exercises[data-ready=true]");
    const status = page.locator(`article[data-card="${cardId}"] [data-card-status]`);
    // An easy first review is due in more than 3 days; the plan brings it to the final pass, 3 days before the date.
    const passStart = Date.parse(`${date}T00:00:00Z`) - 3 * 86_400_000;
    const days = Math.round((passStart - Date.now()) / 86_400_000);
    expect(await status.textContent()).toBe(`1 review, due in ${days} d (planned for ${date})`);
    expect(errors).toEqual([]);
  });
});
