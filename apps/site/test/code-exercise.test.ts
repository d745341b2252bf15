// A code exercise runs in the page's sandboxed Web Worker through @qkv/quiz's checkCode: the content's reference
// solution passes, the untouched starter fails, and every known mistake of every code exercise is named when submitted.
import type { CodeExercise } from "@qkv/quiz";
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

describe("code exercise in the page", () => {
  it("passes the solution and fails the starter", async () => {
    const q = questions().find((x) => x.exercises.some((e) => e.kind === "code"));
    expect(q, "content has a code exercise").toBeDefined();
    const e = q!.exercises.find((x): x is CodeExercise => x.kind === "code")!;
    const { page, errors } = await browser.open(`/topics/${q!.topic}/${q!.id}/`);
    await page.waitForSelector(".qkv-exercises[data-ready=true]");
    const article = page.locator(`article[data-card="${q!.id}/${e.id}"]`);
    await article.locator("button[type=submit]").click();
    await article.locator('[data-verdict][data-correct="false"]').waitFor();
    await article.locator("textarea[name=code]").fill(e.solution);
    await article.locator("button[type=submit]").click();
    await article.locator('[data-verdict][data-correct="true"]').waitFor();
    expect(errors).toEqual([]);
  });

  it("the code box is monospace, Tab indents inside it, Escape then Tab leaves, Ctrl+Enter runs the tests", async () => {
    const q = questions().find((x) => x.exercises.some((e) => e.kind === "code"))!;
    const e = q.exercises.find((x): x is CodeExercise => x.kind === "code")!;
    const { page, errors } = await browser.open(`/topics/${q.topic}/${q.id}/`);
    await page.waitForSelector(".qkv-exercises[data-ready=true]");
    const article = page.locator(`article[data-card="${q.id}/${e.id}"]`);
    const box = article.locator("textarea[name=code]");
    const font = await box.evaluate((el) => getComputedStyle(el).fontFamily);
    const bodyFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(font).not.toBe(bodyFont);
    expect(font).toMatch(/mono|Menlo|Consolas|Courier/i);
    expect(await box.getAttribute("aria-describedby")).toBe(`keys-${q.id}/${e.id}`);
    expect(await page.locator(`[id="keys-${q.id}/${e.id}"]`).isVisible()).toBe(true);
    await box.fill("x");
    await box.press("End");
    await box.press("Tab");
    expect(await box.inputValue()).toBe("x  ");
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill("    y");
    await box.press("End");
    await box.press("Shift+Tab");
    expect(await box.inputValue()).toBe("  y");
    await box.press("Shift+Tab");
    expect(await box.inputValue()).toBe("y");
    await box.press("Escape");
    await box.press("Tab");
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(false);
    expect(await box.inputValue()).toBe("y");
    await box.fill(e.solution);
    await box.press("Control+Enter");
    await article.locator('[data-verdict][data-correct="true"]').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("names the known mistake each wrong solution equals, for every code exercise", { timeout: 600_000 }, async () => {
    const withCode = questions().flatMap((q) =>
      q.exercises.filter((x): x is CodeExercise => x.kind === "code").map((e) => ({ q, e })),
    );
    expect(withCode.length).toBeGreaterThan(10);
    for (const { q, e } of withCode) {
      const { page, errors } = await browser.open(`/topics/${q.topic}/${q.id}/`);
      await page.waitForSelector(".qkv-exercises[data-ready=true]");
      const article = page.locator(`article[data-card="${q.id}/${e.id}"]`);
      for (const w of e.wrongSolutions ?? []) {
        await article.locator("textarea[name=code]").fill(w.code);
        await article.locator("button[type=submit]").click();
        const named = article.locator("[data-verdict] [data-mistake]");
        await named.waitFor();
        expect(await named.getAttribute("data-mistake"), `${q.id}/${e.id}`).toBe(w.label);
        expect(await named.textContent()).toContain(w.label);
        await expect.poll(() => article.locator("[data-verdict] .qkv-diagnosis-case dt").count()).toBeGreaterThan(0);
        // The feedback box is a block, not restyled by the experiments' inline PASS/FAIL badge of the same class.
        expect(await article.locator("[data-verdict]").evaluate((el) => getComputedStyle(el).display)).toBe("block");
        // Evaluate the next submission on a fresh verdict.
        await page.evaluate((card) => document.querySelector(`article[data-card="${card}"] [data-verdict]`)!.replaceChildren(), `${q.id}/${e.id}`);
      }
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
