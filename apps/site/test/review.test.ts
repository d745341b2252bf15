// "Review due cards": the due cards of every topic in the CLI's queue order (reviewQueue of @qkv/quiz), worked
// through card by card on the question pages; recall buttons record one review per card per session.
import { allCards, parseProgress, reviewQueue, serializeProgress, type Progress } from "@qkv/quiz";
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

describe("review due cards", () => {
  it("lists the due cards in queue order and walks through them, one review each", async () => {
    // Three recall cards from different topics, reviewed long ago with different ratings: all due, in an order FSRS decides.
    const recall = allCards(questions()).filter((c) => c.exercise.kind === "recall");
    const picked = [...new Map(recall.map((c) => [c.question.topic, c])).values()].slice(0, 3);
    expect(picked.length).toBe(3);
    const ratings = ["good", "again", "easy"] as const;
    const seeded: Progress = {
      version: 1,
      reviews: picked.map((c, i) => ({ card: c.id, rating: ratings[i], at: `2025-0${i + 1}-02T03:04:05.000Z` })),
    };
    const expected = reviewQueue(seeded, allCards(questions()).map((c) => c.id), new Date());
    expect(expected.length).toBe(3);

    const { page, errors } = await browser.open("/");
    await page.evaluate((json) => localStorage.setItem("qkv-progress", json), serializeProgress(seeded));
    // The home page imports its client modules after "load"; leaving before they arrive would abort them.
    await page.waitForLoadState("networkidle");
    await page.locator("[data-review-link]").click();
    await page.waitForSelector("[data-review][data-ready=true]");
    expect(await page.locator("[data-review-list] li").evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.card))).toEqual(expected);
    expect(await page.textContent("[data-review-summary]")).toBe("3 cards due now.");

    await page.locator("[data-review-start]").click();
    for (const id of expected) {
      const article = page.locator(`article[data-card="${id}"]`);
      await page.waitForSelector(".qkv-exercises[data-ready=true]");
      expect(new URL(page.url()).pathname).toBe(`/topics/${picked.find((c) => c.id === id)!.question.topic}/${id.split("/")[0]}/`);
      await article.locator('button[data-rating="good"]').click();
      // Logged once: the buttons are done for this session.
      expect(await article.locator('button[data-rating="easy"]').isDisabled()).toBe(true);
      await article.locator("[data-next-due]").click();
    }
    await page.waitForSelector("[data-review][data-ready=true]");
    expect(await page.textContent("[data-review-summary]")).toMatch(/^Nothing is due/);
    const stored = parseProgress((await page.evaluate(() => localStorage.getItem("qkv-progress")))!);
    if (!("progress" in stored)) throw new Error(stored.error);
    expect(stored.progress.reviews.slice(3).map((r) => [r.card, r.rating])).toEqual(expected.map((id) => [id, "good"]));
    expect(errors).toEqual([]);
  });
});
