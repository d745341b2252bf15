// The trained-model demo: text generated in the browser equals what @qkv/core generates in Node from the same
// committed weights, seed and settings; the next-character distribution is core's; and only this page fetches the
// weights.
import { mkdirSync } from "node:fs";
import { charGptSample, gpt2AttentionMaps, gpt2NextTokenLogits, processLogits } from "@qkv/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ATTENTION_MAP, DEFAULT_TRAINED } from "../src/demos/trained-model-model";
import { axeScript, launch, type Browser } from "./browser";
import { charGptAtBuild } from "../src/lib/char-gpt";

const model = charGptAtBuild();
const ROOT = '[data-demo="trained-model"]';
const ARTIFACTS = new URL("../test-artifacts/", import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

let browser: Browser;
/** Every URL the browser requested, across tabs. */
const requested: string[] = [];
beforeAll(async () => {
  browser = await launch();
  browser.context.on("request", (r) => requested.push(r.url()));
});
afterAll(async () => {
  await browser?.close();
});

/** Set each input (by name) and wait for the demo (`root`, default the trained-model demo) to recompute after each. */
async function setInputs(page: Page, inputs: Record<string, string>, root = ROOT): Promise<void> {
  for (const [name, value] of Object.entries(inputs)) {
    const before = Number((await page.getAttribute(root, "data-updates")) ?? 0);
    await page.locator(`${root} [name="${name}"]`).evaluate((e, v) => {
      (e as HTMLInputElement).value = v;
      e.dispatchEvent(new Event("input", { bubbles: true }));
    }, value);
    await page.waitForFunction(([r, n]) => Number(document.querySelector(r as string)?.getAttribute("data-updates") ?? 0) > (n as number), [root, before] as const);
  }
}

/**
 * With focus on the map's scroll box: Tab to the map's one tab stop, move `down` rows and `right` columns with the
 * arrow keys, and return the live readout's text.
 */
async function readCellByKeyboard(page: Page, map: string, down: number, right: number): Promise<string> {
  await page.focus(`${map} [data-slot="attention"] .qkv-scroll`);
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.value !== undefined)).toBe(true);
  for (let i = 0; i < down; i++) await page.keyboard.press("ArrowDown");
  for (let i = 0; i < right; i++) await page.keyboard.press("ArrowRight");
  return (await page.textContent(`${map} [data-readout="trained-attention"]`)) ?? "";
}

/** "name[row, col] = value" → value. */
const readoutValue = (text: string) => Number(text.split(" = ")[1]);

describe("trained-model demo", () => {
  it("generates the same text as core in Node and shows core's next-character distribution", async () => {
    const { page, errors } = await browser.open("/demos/trained-model/");
    await page.waitForSelector(`${ROOT}[data-model="loaded"][data-ready="true"]`);
    const s = { prompt: "The softmax ", seed: 7, maxNewTokens: 60, temperature: 0.9, topK: 30, topP: 0.95 };
    await setInputs(page, Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)])));
    expect(await page.textContent(`${ROOT} [data-error]`)).toBe("");

    const want = charGptSample(model, s);
    expect(want.length).toBe(s.maxNewTokens);
    expect(await page.textContent(`${ROOT} [data-generated]`)).toBe(want);

    // Core's distribution of the character after prompt + generated text, top 10 by probability.
    const logits = gpt2NextTokenLogits(model.weights, model.config)(model.tokenizer!.encode(s.prompt + want, "skip"));
    const { probs } = processLogits(logits, { temperature: s.temperature, topK: s.topK, topP: s.topP });
    const top = Array.from(probs.data).sort((a, b) => b - a).slice(0, 10);
    const bars = await page.$$eval(`${ROOT} [data-bars="next"] .bar`, (els) => els.map((el) => Number((el as HTMLElement).dataset.value)));
    expect(bars.length).toBe(10);
    for (let i = 0; i < 10; i++) expect(Math.abs(bars[i] - top[i]), `bar ${i}: page ${bars[i]}, core ${top[i]}`).toBeLessThanOrEqual(1e-12);
    const total = Number(await page.getAttribute(`${ROOT} [data-total]`, "data-total"));
    expect(Math.abs(total - 1)).toBeLessThanOrEqual(1e-9);
    // The caption states core's numbers: the top character's probability and how many characters can be sampled.
    const notice = (name: string) => page.getAttribute(`${ROOT} [data-slot="next-notice"] [data-num="${name}"]`, "data-value").then(Number);
    expect(Math.abs((await notice("topProb")) - top[0])).toBeLessThanOrEqual(1e-12);
    expect(await notice("kept")).toBe(Array.from(probs.data).filter((p) => p > 0).length);
    expect(await page.getAttribute(`${ROOT} [data-legend="next"]`, "data-range")).toBe("1");
    const noticeBefore = await page.textContent(`${ROOT} [data-slot="next-notice"]`);

    await page.screenshot({ path: `${ARTIFACTS}demo-trained-model.png`, fullPage: true });

    // A different seed gives core's other text: the page really resamples.
    await setInputs(page, { seed: "8" });
    const other = charGptSample(model, { ...s, seed: 8 });
    expect(other).not.toBe(want);
    expect(await page.textContent(`${ROOT} [data-generated]`)).toBe(other);
    expect(await page.textContent(`${ROOT} [data-slot="next-notice"]`)).not.toBe(noticeBefore);
    expect(errors).toEqual([]);
    expect(requested.some((u) => u.endsWith(".safetensors"))).toBe(true);
  });

  it("shows core's attention map of a typed prompt for the chosen layer and head", async () => {
    const { page, errors } = await browser.open("/demos/trained-model/");
    await page.waitForSelector(`${ROOT}[data-model="loaded"][data-ready="true"]`);
    const MAP = `${ROOT} [data-attention-map]`;
    const prompt = "Keys meet queries.";
    const mapUpdates = async () => Number((await page.getAttribute(MAP, "data-updates")) ?? 0);
    const waitMap = (n: number) => page.waitForFunction(([r, k]) => Number(document.querySelector(r as string)?.getAttribute("data-updates") ?? 0) > (k as number), [MAP, n] as const);
    let before = await mapUpdates();
    await setInputs(page, { prompt, maxNewTokens: "5" });
    await waitMap(before);
    before = await mapUpdates();
    await page.selectOption(`${MAP} select[name="head"]`, "1");
    await waitMap(before);
    before = await mapUpdates();
    await page.selectOption(`${MAP} select[name="layer"]`, "1");
    await waitMap(before);
    before = await mapUpdates();
    await page.selectOption(`${MAP} select[name="head"]`, "0");
    await waitMap(before);
    expect(await page.textContent(`${MAP} [data-error]`)).toBe("");

    const ids = model.tokenizer!.encode(prompt, "skip");
    const want = gpt2AttentionMaps(model.weights, model.config, ids).maps[1]; // (H, T, T)
    const T = ids.length;
    const table = `${MAP} [data-matrix="trained-attention"]`;
    expect(await page.getAttribute(table, "data-rows")).toBe(String(T));
    expect(await page.textContent(`${table} caption`)).toContain("layer 1, head 0");
    const cells = await page.$$eval(`${table} td`, (els) => els.map((el) => Number((el as HTMLElement).dataset.value)));
    expect(cells.length).toBe(T * T);
    for (let i = 0; i < T; i++) {
      for (let j = 0; j < T; j++) {
        const v = cells[i * T + j];
        expect(Math.abs(v - want.get(0, i, j)), `cell (${i}, ${j}): page ${v}, core ${want.get(0, i, j)}`).toBeLessThanOrEqual(1e-12);
        if (j > i) expect(v).toBe(0);
      }
    }
    // Characters label the rows and columns; the value is readable on hover.
    const rowLabels = await page.$$eval(`${table} tbody th`, (els) => els.map((el) => el.textContent));
    expect(rowLabels).toEqual([...prompt].map((c, i) => `${i}:${c === " " ? "␣" : c}`));
    expect(await page.getAttribute(`${table} tbody tr:nth-child(3) td:nth-child(2)`, "title")).toBe(`trained-attention[2:y, 0:K] = ${want.get(0, 2, 0)}`);
    expect(await page.textContent(`${MAP} [data-slot="notice"]`)).toMatch(/^What to notice:/);
    const meanSelf = Array.from({ length: T }, (_, i) => want.get(0, i, i)).reduce((a, b) => a + b, 0) / T;
    expect(Math.abs(Number(await page.getAttribute(`${MAP} [data-num="meanSelf"]`, "data-value")) - meanSelf)).toBeLessThanOrEqual(1e-12);
    expect(await page.getAttribute(`${MAP} [data-legend="trained-attention"]`, "data-range")).toBe("1");
    await page.screenshot({ path: `${ARTIFACTS}demo-trained-model-attention.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it("a prompt over 20 characters: the colour-only map's every value is readable by keyboard and by tap", async () => {
    const { page, errors } = await browser.open("/demos/trained-model/");
    await page.waitForSelector(`${ROOT}[data-model="loaded"][data-ready="true"]`);
    const MAP = `${ROOT} [data-attention-map]`;
    const prompt = "Each head looks at other characters.";
    const before = Number((await page.getAttribute(MAP, "data-updates")) ?? 0);
    await setInputs(page, { prompt, maxNewTokens: "5" });
    await page.waitForFunction(([r, k]) => Number(document.querySelector(r as string)?.getAttribute("data-updates") ?? 0) > (k as number), [MAP, before] as const);
    const table = `${MAP} [data-matrix="trained-attention"]`;
    expect(await page.getAttribute(table, "class")).toContain("compact");
    expect(await page.textContent(`${table} td >> nth=0`)).toBe(""); // colour only
    const ids = model.tokenizer!.encode(prompt, "skip");
    const want = gpt2AttentionMaps(model.weights, model.config, ids).maps[DEFAULT_ATTENTION_MAP.layer];
    const h = DEFAULT_ATTENTION_MAP.head;
    const text = await readCellByKeyboard(page, MAP, 20, 7);
    expect(text).toBe(`trained-attention[20:${prompt[20]}, 7:${prompt[7]}] = ${text.split(" = ")[1]}`);
    expect(Math.abs(readoutValue(text) - want.get(h, 20, 7))).toBeLessThanOrEqual(1e-12);
    await page.click(`${table} tbody tr:nth-child(31) td:nth-child(4)`);
    const tapped = (await page.textContent(`${MAP} [data-readout="trained-attention"]`)) ?? "";
    expect(tapped.startsWith(`trained-attention[30:${prompt[30]}, 2:`)).toBe(true);
    expect(Math.abs(readoutValue(tapped) - want.get(h, 30, 2))).toBeLessThanOrEqual(1e-12);
    expect(errors).toEqual([]);
  });

  it("the attention demo's trained-model section loads the weights only on request and shows core's map", async () => {
    requested.length = 0;
    const { page, errors } = await browser.open("/demos/attention/");
    const SECTION = '[data-demo="attention-trained"]';
    await page.waitForLoadState("networkidle");
    expect(requested.filter((u) => u.endsWith(".safetensors"))).toEqual([]);
    expect(await page.locator(`${SECTION} form`).isHidden()).toBe(true);
    await page.click(`${SECTION} button[data-load]`);
    await page.waitForSelector(`${SECTION}[data-model="loaded"][data-ready="true"]`);
    expect(requested.filter((u) => u.endsWith(".safetensors")).length).toBe(1);
    const prompt = "Softmax turns every score into a weight.";
    await setInputs(page, { prompt, layer: "0", head: "3" }, SECTION);
    expect(await page.textContent(`${SECTION} [data-error]`)).toBe("");
    const ids = model.tokenizer!.encode(prompt, "skip");
    const want = gpt2AttentionMaps(model.weights, model.config, ids).maps[0]; // (H, T, T)
    const T = ids.length;
    const table = `${SECTION} [data-matrix="trained-attention"]`;
    expect(await page.textContent(`${table} caption`)).toContain("layer 0, head 3");
    const cells = await page.$$eval(`${table} td`, (els) => els.map((el) => Number((el as HTMLElement).dataset.value)));
    expect(cells.length).toBe(T * T);
    cells.forEach((v, k) => expect(Math.abs(v - want.get(3, Math.floor(k / T), k % T)), `cell ${k}`).toBeLessThanOrEqual(1e-12));
    // Every layer and head of the model can be chosen; the caption's number is core's.
    expect(await page.locator(`${SECTION} select[name="layer"] option`).count()).toBe(model.config.numLayers);
    expect(await page.locator(`${SECTION} select[name="head"] option`).count()).toBe(model.config.numHeads);
    const meanSelf = Array.from({ length: T }, (_, i) => want.get(3, i, i)).reduce((a, b) => a + b, 0) / T;
    expect(Math.abs(Number(await page.getAttribute(`${SECTION} [data-num="meanSelf"]`, "data-value")) - meanSelf)).toBeLessThanOrEqual(1e-12);
    // A long prompt's cells are colour only; the keyboard reads them.
    const text = await readCellByKeyboard(page, SECTION, 12, 5);
    expect(Math.abs(readoutValue(text) - want.get(3, 12, 5))).toBeLessThanOrEqual(1e-12);
    await page.screenshot({ path: `${ARTIFACTS}demo-attention-trained.png`, fullPage: true });
    // axe-core on the loaded section (a11y.test.ts sees it before the click, with the form still hidden).
    await page.evaluate(axeScript());
    const violations = await page.evaluate(async (sel) => {
      const axe = (window as unknown as { axe: { run(c: Element, o: object): Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      const r = await axe.run(document.querySelector(sel)!, { resultTypes: ["violations"] });
      return r.violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => `${v.impact} ${v.id}`);
    }, SECTION);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("a question page does not request the weights", async () => {
    requested.length = 0;
    const { page, errors } = await browser.open("/topics/applications/hallucination-causes/");
    await page.waitForLoadState("networkidle");
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((u) => u.endsWith(".safetensors"))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("without JavaScript shows core's sample for the default settings, computed at build time", async () => {
    const noJs = await launch({ javaScript: false });
    try {
      const { page, errors } = await noJs.open("/demos/trained-model/");
      const want = charGptSample(model, DEFAULT_TRAINED);
      expect(want.length).toBe(DEFAULT_TRAINED.maxNewTokens);
      expect(await page.textContent(`${ROOT} [data-generated]`)).toBe(want);
      expect(await page.locator(`${ROOT} [data-bars="next"] .bar`).count()).toBe(10);
      // The default prompt's attention map (layer 1, head 0), also rendered at build time.
      const ids = model.tokenizer!.encode(DEFAULT_ATTENTION_MAP.prompt, "skip");
      const map = gpt2AttentionMaps(model.weights, model.config, ids).maps[DEFAULT_ATTENTION_MAP.layer];
      const cells = await page.$$eval(`${ROOT} [data-matrix="trained-attention"] td`, (els) => els.map((el) => Number((el as HTMLElement).dataset.value)));
      expect(cells.length).toBe(ids.length * ids.length);
      cells.forEach((v, k) => expect(Math.abs(v - map.data[DEFAULT_ATTENTION_MAP.head * cells.length + k])).toBeLessThanOrEqual(1e-12));
      expect(errors).toEqual([]);
    } finally {
      await noJs.close();
    }
  });
});
