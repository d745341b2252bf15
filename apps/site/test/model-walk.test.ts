// The model walk in Debian chromium: a typed prompt's ids, an attention cell and the query and key behind it, and
// generation through the KV cache, each compared with @qkv/core run in Node on the same committed weights.
import { mkdirSync } from "node:fs";
import { Rng, generate, gpt2Trace, gpt2CachedNextTokenLogits } from "@qkv/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_WALK } from "../src/demos/model-walk-model";
import { questionUrl, questions } from "../src/lib/content";
import { axeScript, launch, type Browser } from "./browser";
import { charGptAtBuild } from "../src/lib/char-gpt";

const model = charGptAtBuild();
const tok = model.tokenizer!;
const ROOT = '[data-demo="model-walk"]';
const ARTIFACTS = new URL("../test-artifacts/", import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

let browser: Browser;
const requested: string[] = [];
beforeAll(async () => {
  browser = await launch();
  browser.context.on("request", (r) => requested.push(r.url()));
});
afterAll(async () => {
  await browser?.close();
});

async function updates(page: Page): Promise<number> {
  return Number((await page.getAttribute(ROOT, "data-updates")) ?? 0);
}

/** Types into an input or sets a range/select (by name) and waits for the walk to recompute. */
async function setInput(page: Page, name: string, value: string): Promise<void> {
  const before = await updates(page);
  const input = page.locator(`${ROOT} form [name="${name}"]`);
  if ((await input.getAttribute("type")) === "text") await input.fill(value);
  else
    await input.evaluate((e, v) => {
      (e as HTMLInputElement).value = v;
      e.dispatchEvent(new Event("input", { bubbles: true }));
    }, value);
  await page.waitForFunction(([r, n]) => Number(document.querySelector(r as string)?.getAttribute("data-updates") ?? 0) > (n as number), [ROOT, before] as const);
}

async function open(): Promise<{ page: Page; errors: string[] }> {
  const r = await browser.open("/demos/model-walk/");
  await r.page.waitForSelector(`${ROOT}[data-model="loaded"][data-ready="true"]`);
  return r;
}

describe("model walk", () => {
  const prompt = "Queries meet keys";
  const ids = tok.encode(prompt, "error");
  const trace = gpt2Trace(model.weights, model.config, ids);

  it("shows a typed prompt's token ids and core's attention weights, and explains a cell with its q and k", async () => {
    const { page, errors } = await open();
    await setInput(page, "prompt", prompt);
    expect(await page.textContent(`${ROOT} [data-error]`)).toBe("");

    const shownIds = await page.$$eval(`${ROOT} [data-table="walk-tokens"] td[data-id]`, (els) => els.map((el) => Number((el as HTMLElement).dataset.id)));
    expect(shownIds).toEqual(ids);
    const shownChars = await page.$$eval(`${ROOT} [data-table="walk-tokens"] td[data-char]`, (els) => els.map((el) => (el as HTMLElement).dataset.char));
    expect(shownChars.join("")).toBe(prompt);

    // Every head of layer 1 is on screen, each cell within 1e-12 of core's weight computed here.
    const T = ids.length;
    const { numHeads: H } = model.config;
    for (let h = 0; h < H; h++) {
      const cells = await page.$$eval(`${ROOT} [data-matrix="walk-l1-h${h}"] td`, (els) => els.map((el) => Number((el as HTMLElement).dataset.value)));
      expect(cells.length).toBe(T * T);
      cells.forEach((v, k) => expect(Math.abs(v - trace.layers[1].weights.data[h * T * T + k]), `head ${h} cell ${k}`).toBeLessThanOrEqual(1e-12));
    }

    // Click cell (query 12, key 9) of layer 1, head 2: the panel shows q and k; their scaled dot product is the score.
    const [l, h, i, j] = [1, 2, 12, 9];
    await page.click(`${ROOT} [data-matrix="walk-l${l}-h${h}"] tbody tr:nth-child(${i + 1}) td:nth-child(${j + 2})`);
    const cell = `${ROOT} [data-slot="l${l}-cell"]`;
    await page.waitForSelector(`${cell} [data-cell][data-head="${h}"][data-i="${i}"][data-j="${j}"]`);
    const rows = await page.$$eval(`${cell} [data-matrix="walk-qk"] tbody tr`, (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => Number((td as HTMLElement).dataset.value))),
    );
    const [q, k] = rows;
    const hd = model.config.dModel / H;
    expect(q.length).toBe(hd);
    let dot = 0;
    for (let c = 0; c < hd; c++) dot += q[c] * k[c];
    const score = Number(await page.getAttribute(`${cell} [data-score]`, "data-score"));
    expect(Math.abs(dot / Math.sqrt(hd) - score)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(score - trace.layers[l].scores.get(h, i, j))).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(Number(await page.getAttribute(`${cell} [data-weight]`, "data-weight")) - trace.layers[l].weights.get(h, i, j))).toBeLessThanOrEqual(1e-12);
    // The value is also written out in text under the maps (readable without hovering).
    // 17 characters: colour-only maps, each with its readout line.
    const readout = (await page.textContent(`${ROOT} [data-readout="walk-l${l}-h${h}"]`))!;
    expect(readout).toMatch(new RegExp(`^walk-l${l}-h${h}\\[${i}:␣, ${j}:e\\] = `));
    expect(Math.abs(Number(readout.split(" = ")[1]) - trace.layers[l].weights.get(h, i, j))).toBeLessThanOrEqual(1e-12);

    // The keyboard reaches the same cells: one arrow key to the right selects key 10 of the same query.
    await page.keyboard.press("ArrowRight");
    await page.waitForSelector(`${cell} [data-cell][data-i="${i}"][data-j="${j + 1}"]`);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("tabindex"))).toBe("0");
    await page.screenshot({ path: `${ARTIFACTS}demo-model-walk.png`, fullPage: true });

    // A short prompt has numbered maps: Tab reaches a map's one tab stop, arrow keys walk it, Enter explains the cell.
    const short = "keys";
    await setInput(page, "prompt", short);
    const shortTrace = gpt2Trace(model.weights, model.config, tok.encode(short, "error"));
    await page.focus(`${ROOT} [data-matrix="walk-l0-h1"] td[tabindex="0"]`);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    const shortCell = `${ROOT} [data-slot="l0-cell"] [data-cell][data-head="1"][data-i="2"][data-j="1"]`;
    await page.waitForSelector(shortCell);
    const line = (await page.textContent(`${ROOT} [data-walk-readout="0"]`))!;
    expect(line.startsWith("walk-l0-h1[2:y, 1:e] = ")).toBe(true);
    expect(Math.abs(Number(line.split(" = ")[1]) - shortTrace.layers[0].weights.get(1, 2, 1))).toBeLessThanOrEqual(1e-12);
    expect(await page.locator(`${ROOT} [data-matrix="walk-l0-h1"] td[tabindex="0"]`).count()).toBe(1);
    // Live, with a short prompt: no critical or serious axe violation in what JavaScript changed (numbered maps with
    // their tab stops, the explained cell, the enabled generation buttons), in the dark theme, where contrast is
    // tighter; a11y.test.ts checks the whole page as loaded in both themes.
    await page.evaluate(axeScript());
    for (const theme of ["dark"]) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      const serious = await page.evaluate(async (root) => {
        const axe = (window as unknown as { axe: { run(c: object, o: object): Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
        const r = await axe.run({ include: [[root]] }, { resultTypes: ["violations"] });
        return r.violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => v.id);
      }, ROOT);
      expect(serious, theme).toEqual([]);
    }
    expect(errors).toEqual([]);
  });

  it("generates tokens one at a time, growing the KV cache by a row each, as core's cached generation", async () => {
    const { page, errors } = await open();
    await setInput(page, "prompt", prompt);
    const settings = { temperature: "0.9", topK: "30", seed: "11" };
    for (const [name, value] of Object.entries(settings)) await setInput(page, name, value);
    const cacheRows = () => page.$$eval(`${ROOT} [data-table="walk-cache"] td[data-k-rows]`, (els) => els.map((el) => Number((el as HTMLElement).dataset.kRows)));
    expect(await cacheRows()).toEqual(trace.layers.map(() => ids.length));
    for (let n = 1; n <= 3; n++) {
      await page.click(`${ROOT} button[data-action="generate"]`);
      await page.waitForSelector(`${ROOT}[data-generated-count="${n}"]`);
      expect(await cacheRows()).toEqual(trace.layers.map(() => ids.length + n));
      expect(await page.locator(`${ROOT} [data-matrix="walk-cache-k0"] tbody tr`).count()).toBe(ids.length + n);
      // The cached step's logits equal a full recompute.
      expect(Number(await page.getAttribute(`${ROOT} [data-check]`, "data-check"))).toBeLessThanOrEqual(1e-12);
    }
    const shown = JSON.parse((await page.getAttribute(`${ROOT} [data-walk-generated]`, "data-walk-generated"))!) as number[];
    const want = generate(gpt2CachedNextTokenLogits(model.weights, model.config), ids, { kind: "sample", rng: new Rng(11), temperature: 0.9, topK: 30 }, { maxNewTokens: 3 });
    expect(shown).toEqual(want.tokens);
    expect(await page.textContent(`${ROOT} [data-walk-generated]`)).toBe(tok.decode(want.tokens));
    // The first generated character is the one the sampling step drew for the last position.
    expect(Number(await page.getAttribute(`${ROOT} [data-sampled]`, "data-sampled"))).toBe(want.tokens[0]);
    await page.screenshot({ path: `${ARTIFACTS}demo-model-walk-generate.png`, fullPage: true });

    // And at phone width the page itself never scrolls sideways (the maps scroll in their own boxes).
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Start over: the cache holds the prompt again.
    await page.click(`${ROOT} button[data-action="reset"]`);
    await page.waitForSelector(`${ROOT}[data-generated-count="0"]`);
    expect(await cacheRows()).toEqual(trace.layers.map(() => ids.length));
    expect(errors).toEqual([]);
    expect(requested.some((u) => u.endsWith(".safetensors"))).toBe(true);
  });

  it("is linked from the pages of the questions it shows, which load no weights", async () => {
    const q = questions().find((x) => x.id === "kv-cache")!;
    requested.length = 0;
    const { page, errors } = await browser.open(questionUrl(q));
    await page.waitForLoadState("networkidle");
    expect(await page.locator('main a[href="/demos/model-walk/"]').count()).toBeGreaterThan(0);
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((u) => u.endsWith(".safetensors"))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("without JavaScript shows the default prompt's walk, computed at build time", async () => {
    const noJs = await launch({ javaScript: false });
    try {
      const { page, errors } = await noJs.open("/demos/model-walk/");
      const def = tok.encode(DEFAULT_WALK.prompt, "skip");
      const t = gpt2Trace(model.weights, model.config, def);
      const shownIds = await page.$$eval(`${ROOT} [data-table="walk-tokens"] td[data-id]`, (els) => els.map((el) => Number((el as HTMLElement).dataset.id)));
      expect(shownIds).toEqual(def);
      const cells = await page.$$eval(`${ROOT} [data-matrix="walk-l0-h3"] td`, (els) => els.map((el) => Number((el as HTMLElement).dataset.value)));
      const T = def.length;
      expect(cells.length).toBe(T * T);
      cells.forEach((v, k) => expect(Math.abs(v - t.layers[0].weights.data[3 * T * T + k])).toBeLessThanOrEqual(1e-12));
      expect(await page.locator(`${ROOT} [data-matrix="walk-l1-mlp"] td`).count()).toBe(4 * model.config.dModel);
      expect(errors).toEqual([]);
    } finally {
      await noJs.close();
    }
  });
});
