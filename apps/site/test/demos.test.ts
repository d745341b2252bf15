// Each demo: change an input in the browser and check the displayed numbers equal what @qkv/core computes for the
// same input (computed here, in Node, straight from core). Screenshots go to test-artifacts/.
import { mkdirSync } from "node:fs";
import {
  Rng,
  applyRope,
  applyTemperature,
  causalMask,
  keyPaddingMask,
  layerNorm,
  layerNormStats,
  linear,
  loadBalanceStats,
  matmul,
  processLogits,
  randn,
  residual,
  rmsNorm,
  rootMeanSquare,
  routeTokens,
  scaledDotProductAttention,
  sinusoidalEncoding,
  slidingWindowMask,
  softmax,
  tensor,
  transpose,
  Tensor,
} from "@qkv/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headWeights, inputEmbeddings } from "../src/demos/attention-model";
import { routerWeights } from "../src/demos/moe-model";
import { sublayerWeights } from "../src/demos/norm-model";
import { questions } from "../src/lib/content";
import { DEMO_QUESTIONS } from "../src/lib/demo-questions";
import { launch, type Browser } from "./browser";

const ARTIFACTS = new URL("../test-artifacts/", import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The data-value numbers of a matrix table, row-major. */
async function matrixValues(page: Page, root: string, name: string): Promise<number[]> {
  return page.$$eval(`${root} [data-matrix="${name}"] td`, (tds) => tds.map((td) => Number((td as HTMLElement).dataset.value)));
}

async function values(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (els) => els.map((el) => Number((el as HTMLElement).dataset.value)));
}

/** Change inputs (by name) and wait until the demo has recomputed once per change. */
async function setInputs(page: Page, demo: string, inputs: Record<string, string>): Promise<void> {
  const root = `[data-demo="${demo}"]`;
  await page.waitForSelector(`${root}[data-ready="true"]`);
  for (const [name, value] of Object.entries(inputs)) {
    const before = Number((await page.getAttribute(root, "data-updates")) ?? 0);
    const el = page.locator(`${root} [name="${name}"]`);
    const tag = await el.evaluate((e) => e.tagName);
    const type = await el.getAttribute("type");
    if (tag === "SELECT") await el.selectOption(value);
    else if (type === "range") await el.evaluate((e, v) => {
      (e as HTMLInputElement).value = v;
      e.dispatchEvent(new Event("input", { bubbles: true }));
    }, value);
    else await el.fill(value);
    await page.waitForFunction(([r, n]) => Number(document.querySelector(r as string)?.getAttribute("data-updates") ?? 0) > (n as number), [root, before] as const);
  }
  expect(await page.textContent(`${root} [data-error]`)).toBe("");
}

function expectClose(got: readonly number[], want: ArrayLike<number>, label: string): void {
  expect(got.length, `${label}: length`).toBe(want.length);
  for (let i = 0; i < got.length; i++) {
    const w = want[i];
    if (!Number.isFinite(w)) expect(got[i], `${label}[${i}]`).toBe(w);
    else expect(Math.abs(got[i] - w), `${label}[${i}]: got ${got[i]}, core ${w}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(w)));
  }
}

describe("demos agree with @qkv/core", () => {
  it("attention: tokens, head, d_k and each mask kind", async () => {
    const { page, errors } = await browser.open("/demos/attention/");
    const tokens = "we attend to the tokens that matter <pad>".split(" ");
    await setInputs(page, "attention", { tokens: tokens.join(" "), head: "2", dk: "8" });
    const masks: [string, Tensor | undefined][] = [
      ["none", undefined],
      ["causal", causalMask(tokens.length)],
      ["padding", keyPaddingMask(tokens.map((t) => t === "<pad>"))],
      ["sliding", slidingWindowMask(tokens.length, 2, "i-j<W")],
    ];
    await setInputs(page, "attention", { window: "2" });
    // The browser runs core's WebAssembly SIMD backend (bundled by Vite, no special headers); Node here runs js.
    expect(await page.getAttribute('[data-demo="attention"]', "data-backend")).toBe("wasm");
    const X = inputEmbeddings(tokens);
    const { WQ, WK, WV } = headWeights(2, 8);
    const [Q, K, V] = [matmul(X, WQ), matmul(X, WK), matmul(X, WV)];
    for (const [kind, mask] of masks) {
      await setInputs(page, "attention", { mask: kind });
      const root = '[data-demo="attention"]';
      const want = scaledDotProductAttention(Q, K, V, mask ? { mask } : {});
      expectClose(await matrixValues(page, root, "Q"), Q.data, "Q");
      expectClose(await matrixValues(page, root, "raw"), matmul(Q, transpose(K)).data, "QKᵀ");
      expectClose(await matrixValues(page, root, "masked"), want.scores.data, `${kind} scores`);
      expectClose(await matrixValues(page, root, "weights"), want.weights.data, `${kind} weights`);
      expectClose(await matrixValues(page, root, "weights-heatmap"), want.weights.data, `${kind} heatmap`);
      expectClose(await matrixValues(page, root, "output"), want.output.data, `${kind} output`);
      // The hover title shows the cell's value at full precision (the browser's wasm backend may differ from Node's
      // js result in the last bits, within the 1e-12 checked above).
      const title = await page.getAttribute(`${root} [data-matrix="weights-heatmap"] td >> nth=1`, "title");
      const shown = (await matrixValues(page, root, "weights-heatmap"))[1];
      expect(title).toContain(` = ${String(shown)}`);
      expectClose([shown], [want.weights.data[1]], `${kind} heatmap title`);
    }
    const noticeNone = await page.textContent('[data-demo="attention"] [data-slot="notice"]');
    await setInputs(page, "attention", { mask: "causal" });
    const root = '[data-demo="attention"]';
    expect(await page.textContent(`${root} [data-slot="notice"]`)).not.toBe(noticeNone);
    // The caption's numbers are core's for this input.
    const causal = scaledDotProductAttention(Q, K, V, { mask: causalMask(tokens.length) });
    const raw = matmul(Q, transpose(K));
    const T = tokens.length;
    const maxAbs = (...ts: ArrayLike<number>[]) => Math.max(...ts.flatMap((t) => Array.from(t).filter(Number.isFinite).map(Math.abs)));
    const rowMax = Array.from({ length: T }, (_, i) => Math.max(...causal.weights.data.subarray(i * T, (i + 1) * T)));
    const notice = async (name: string) => values(page, `${root} [data-num="${name}"]`);
    expectClose(await notice("maxRaw"), [maxAbs(raw.data)], "caption: max |QKᵀ|");
    expectClose(await notice("maxScaled"), [maxAbs(raw.data) / Math.sqrt(8)], "caption: max |QKᵀ/√d_k|");
    expectClose(await notice("blocked"), [Array.from(causal.scores.data).filter((v) => v === -Infinity).length], "caption: masked cells");
    expectClose(await notice("meanRowMax"), [rowMax.reduce((a, b) => a + b, 0) / T], "caption: mean row max");
    // Causal: query 0 has one key only and is left out of "strongest".
    expectClose(await notice("strongest"), [Math.max(...causal.weights.data.subarray(T))], "caption: strongest weight");
    // Shared colour scales, stated in the legends: Q, K, V and O on one; raw, scaled and masked scores on another.
    const vectors = maxAbs(Q.data, K.data, V.data, causal.output.data);
    const scores = maxAbs(raw.data);
    expectClose([Number(await page.getAttribute(`${root} [data-legend="vectors"]`, "data-range"))], [vectors], "legend: vectors");
    expectClose([Number(await page.getAttribute(`${root} [data-legend="scores"]`, "data-range"))], [scores], "legend: scores");
    const level = (sel: string) => page.$$eval(sel, (tds) => tds.map((td) => Number(/h(\d+)/.exec(td.className)?.[1] ?? -1)));
    for (const [name, t, range] of [["output", causal.output, vectors], ["K", K, vectors], ["raw", raw, scores], ["scaled", causal.scores, scores]] as const) {
      const got = await level(`${root} [data-matrix="${name}"] td`);
      got.forEach((l, i) => Number.isFinite(t.data[i]) && expect(l, `${name} cell ${i} colour`).toBe(Math.round((Math.abs(t.data[i]) / range) * 10)));
    }
    await page.screenshot({ path: `${ARTIFACTS}demo-attention.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it("sampling: temperature, top-k and top-p", async () => {
    const { page, errors } = await browser.open("/demos/sampling/");
    const logits = [2.0, 1.5, 0.3, -0.4, 1.1, 0.9];
    const words = ["a", "b", "c", "d", "e", "f"];
    await setInputs(page, "sampling", {
      logits: words.map((w, i) => `${w}=${logits[i]}`).join(" "),
      temperature: "0.7",
      topK: "4",
      topP: "0.8",
    });
    const want = processLogits(tensor(logits), { temperature: 0.7, topK: 4, topP: 0.8 });
    const root = '[data-demo="sampling"]';
    expectClose(await values(page, `${root} [data-bars="probs"] .bar`), want.probs.data, "probs");
    const kept = await page.$$eval(`${root} [data-bars="probs"] .bar`, (bars) => bars.map((b) => (b as HTMLElement).dataset.kept === "true"));
    expect(kept).toEqual(Array.from(want.keptMask.data, (v) => v === 1));
    expectClose(await values(page, `${root} [data-bars="base"] .bar`), softmax(tensor(logits)).data, "base");
    // Both charts on one scale (full bar = probability 1), stated in the legend.
    expect(await page.getAttribute(`${root} [data-legend="probability"]`, "data-range")).toBe("1");
    for (const [name, p] of [["probs", want.probs], ["base", softmax(tensor(logits))]] as const) {
      const heights = await page.$$eval(`${root} [data-bars="${name}"] .b`, (bs) => bs.map((b) => parseFloat((b as HTMLElement).style.getPropertyValue("--h"))));
      heights.forEach((h, i) => expect(h, `${name} bar ${i}`).toBeCloseTo(p.data[i] * 100, 1));
    }
    // The caption's numbers are core's.
    const tempered = softmax(applyTemperature(tensor(logits), 0.7));
    const notice = async (name: string) => values(page, `${root} [data-num="${name}"]`);
    expectClose(await notice("topBase"), [softmax(tensor(logits)).data[0]], "caption: plain softmax of the top token");
    expectClose(await notice("topTempered"), [tempered.data[0]], "caption: at T = 0.7");
    expectClose(await notice("keptByTopK"), [Array.from(processLogits(tensor(logits), { temperature: 0.7, topK: 4, topP: 1 }).keptMask.data).filter((v) => v === 1).length], "caption: kept by top-k");
    expectClose(await notice("kept"), [Array.from(want.keptMask.data).filter((v) => v === 1).length], "caption: kept");
    expectClose(await notice("keptMass"), [Array.from(want.keptMask.data).reduce((a, k, i) => a + (k === 1 ? tempered.data[i] : 0), 0)], "caption: kept mass");
    expectClose(await notice("topSampled"), [want.probs.data[0]], "caption: renormalised");
    const before = await page.textContent(`${root} [data-slot="notice"]`);
    await setInputs(page, "sampling", { temperature: "1.5" });
    expect(await page.textContent(`${root} [data-slot="notice"]`)).not.toBe(before);
    expectClose(await notice("topTempered"), [softmax(applyTemperature(tensor(logits), 1.5)).data[0]], "caption: at T = 1.5");
    await setInputs(page, "sampling", { temperature: "0.7" });
    await page.screenshot({ path: `${ARTIFACTS}demo-sampling.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it("normalisation: LayerNorm, RMSNorm, pre- and post-norm", async () => {
    const { page, errors } = await browser.open("/demos/normalization/");
    const x = [1, -2, 0.5, 3, 7, -1];
    await setInputs(page, "normalization", { x: x.join(", "), gamma: "1.5", beta: "0.5" });
    const gamma = Tensor.full([6], 1.5);
    const beta = Tensor.full([6], 0.5);
    const root = '[data-demo="normalization"]';
    const norm = (v: Tensor) => layerNorm(v, { gamma, beta });
    const f = (v: Tensor) => linear(v, sublayerWeights(6));
    const row = tensor([x]);
    expectClose(await values(page, `${root} [data-bars="layerNorm"] .bar`), norm(row).data, "layerNorm");
    expectClose(await values(page, `${root} [data-bars="rmsNorm"] .bar`), rmsNorm(row, { g: gamma }).data, "rmsNorm");
    expectClose(await values(page, `${root} [data-bars="pre"] .bar`), residual(row, f, norm, "pre").data, "pre");
    expectClose(await values(page, `${root} [data-bars="post"] .bar`), residual(row, f, norm, "post").data, "post");
    expectClose(await values(page, `${root} [data-stat="variance"]`), layerNormStats(tensor(x)).variance.data, "variance");
    // One shared scale: every bar's height is |value| / (max |value| over all five charts).
    const all = [x, norm(row).data, rmsNorm(row, { g: gamma }).data, residual(row, f, norm, "pre").data, residual(row, f, norm, "post").data];
    const scale = Math.max(...all.flatMap((v) => Array.from(v, Math.abs)));
    for (const [name, want] of [["x", x], ["rmsNorm", rmsNorm(row, { g: gamma }).data]] as const) {
      const heights = await page.$$eval(`${root} [data-bars="${name}"] .b`, (bs) => bs.map((b) => parseFloat((b as HTMLElement).style.getPropertyValue("--h"))));
      expect(heights.length).toBe(x.length);
      heights.forEach((h, i) => expect(h).toBeCloseTo((Math.abs(want[i]) / scale) * 100, 1));
    }
    expect(await page.locator(`${root} [data-notice]`).textContent()).toMatch(/What to notice/);
    // The computed caption: the outputs' own statistics, by core.
    const num = async (name: string) => values(page, `${root} [data-slot="notice"] [data-num="${name}"]`);
    const lnOut = layerNormStats(norm(row));
    expectClose(await num("lnMean"), lnOut.mean.data, "caption: LayerNorm output mean");
    expectClose(await num("lnVariance"), lnOut.variance.data, "caption: LayerNorm output variance");
    expectClose(await num("rmsOutMean"), layerNormStats(rmsNorm(row, { g: gamma })).mean.data, "caption: RMSNorm output mean");
    expectClose(await num("rmsOutRms"), rootMeanSquare(rmsNorm(row, { g: gamma })).data, "caption: RMSNorm output rms");
    const before = await page.textContent(`${root} [data-slot="notice"]`);
    await setInputs(page, "normalization", { beta: "-1" });
    expect(await page.textContent(`${root} [data-slot="notice"]`)).not.toBe(before);
    expectClose(await num("lnMean"), layerNormStats(layerNorm(row, { gamma, beta: Tensor.full([6], -1) })).mean.data, "caption: mean = β after β = −1");
    await setInputs(page, "normalization", { beta: "0.5" });
    await page.screenshot({ path: `${ARTIFACTS}demo-normalization.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it("positional encoding: sinusoidal table and RoPE distance curves", async () => {
    const { page, errors } = await browser.open("/demos/positional-encoding/");
    await setInputs(page, "positional-encoding", { dModel: "16", T: "20", base: "1000", offset: "5", convention: "interleaved" });
    const root = '[data-demo="positional-encoding"]';
    const pe = sinusoidalEncoding(20, 16, 1000);
    expectClose(await matrixValues(page, root, "pe"), pe.data, "pe");
    const dots = matmul(pe, transpose(pe));
    const sinCurve = await values(page, `${root} [data-chart="sin-dot"] .s1 circle`);
    expectClose(sinCurve, Array.from({ length: 15 }, (_, k) => dots.get(5, 5 + k)), "sinusoidal from 5");
    // RoPE: rotate the same q and k at every position with core, then dot products at distance k from position 5.
    const rng = new Rng(42);
    const q = randn([16], rng);
    const k = randn([16], rng);
    const rot = (v: Tensor) => applyRope(tensor(Array.from({ length: 20 }, () => [Array.from(v.data)])), { convention: "interleaved", base: 1000 }).reshape([20, 16]);
    const rd = matmul(rot(q), transpose(rot(k)));
    expectClose(await values(page, `${root} [data-chart="rope-dot"] .s1 circle`), Array.from({ length: 15 }, (_, d) => rd.get(5, 5 + d)), "rope from 5");
    expectClose(await values(page, `${root} [data-chart="rope-dot"] .s0 circle`), Array.from({ length: 15 }, (_, d) => rd.get(0, d)), "rope from 0");
    // The caption's numbers are core's: the gap between the curves from 0 and from 5, the self dot product, the minimum.
    const sin0 = Array.from({ length: 15 }, (_, d) => dots.get(0, d));
    const gap = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
    expectClose(await values(page, `${root} [data-num="sinSelf"]`), [dots.get(0, 0)], "caption: PE₀·PE₀");
    expectClose(await values(page, `${root} [data-num="sinMin"]`), [Math.min(...sin0)], "caption: minimum");
    const gaps = await values(page, `${root} [data-num="sinGap"], ${root} [data-num="ropeGap"]`);
    expect(Math.abs(gaps[0] - gap(sin0, Array.from({ length: 15 }, (_, d) => dots.get(5, 5 + d))))).toBeLessThan(1e-12);
    expect(Math.abs(gaps[1] - gap(Array.from({ length: 15 }, (_, d) => rd.get(0, d)), Array.from({ length: 15 }, (_, d) => rd.get(5, 5 + d))))).toBeLessThan(1e-12);
    expect(gaps.every((g) => g < 1e-9)).toBe(true);
    // One colour scale for every setting: full colour at |v| = 1, stated in the legend.
    expect(await page.getAttribute(`${root} [data-legend="pe"]`, "data-range")).toBe("1");
    const levels = await page.$$eval(`${root} [data-matrix="pe"] td`, (tds) => tds.map((td) => Number(/h(\d+)/.exec(td.className)![1])));
    levels.forEach((l, i) => expect(l, `pe cell ${i}`).toBe(Math.round(Math.abs(pe.data[i]) * 10)));
    const before = await page.textContent(`${root} [data-slot="notice"]`);
    await setInputs(page, "positional-encoding", { base: "100" });
    const sin100 = matmul(sinusoidalEncoding(20, 16, 100), transpose(sinusoidalEncoding(20, 16, 100)));
    expect(await page.textContent(`${root} [data-slot="notice"]`)).not.toBe(before);
    expectClose(await values(page, `${root} [data-num="sinMin"]`), [Math.min(...Array.from({ length: 15 }, (_, d) => sin100.get(0, d)))], "caption after base 100");
    await page.screenshot({ path: `${ARTIFACTS}demo-positional-encoding.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it("positional encoding: every heatmap cell's value is readable by keyboard and by tap", async () => {
    const { page, errors } = await browser.open("/demos/positional-encoding/");
    await setInputs(page, "positional-encoding", { dModel: "64", T: "64", base: "10000" });
    const root = '[data-demo="positional-encoding"]';
    const pe = sinusoidalEncoding(64, 64, 10000);
    const readout = `${root} [data-readout="pe"]`;
    // Tab from the table's scroll box reaches its one tab stop; arrow keys move it.
    await page.focus(`${root} [data-slot="heatmap"] .qkv-scroll`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("table")?.dataset.matrix)).toBe("pe");
    for (const key of ["ArrowDown", "ArrowDown", "ArrowDown", "ArrowRight", "ArrowRight", "End", "ArrowLeft"]) await page.keyboard.press(key);
    const text = (await page.textContent(readout))!;
    expect(text).toMatch(/^pe\[3, 62\] = /);
    expectClose([Number(text.split(" = ")[1])], [pe.get(3, 62)], "readout (3, 62)");
    expect(await page.locator(`${root} [data-matrix="pe"] td[tabindex]`).count()).toBe(1);
    // Recomputing keeps the focused cell's readout current.
    await setInputs(page, "positional-encoding", { base: "100" });
    await page.focus(`${root} [data-matrix="pe"] td[tabindex="0"]`);
    expectClose([Number((await page.textContent(readout))!.split(" = ")[1])], [sinusoidalEncoding(64, 64, 100).get(3, 62)], "readout after base 100");
    // A tap (click) on a cell shows it too.
    await page.click(`${root} [data-matrix="pe"] tbody tr:nth-child(41) td:nth-child(8)`);
    const tapped = (await page.textContent(readout))!;
    expect(tapped).toMatch(/^pe\[40, 6\] = /);
    expectClose([Number(tapped.split(" = ")[1])], [sinusoidalEncoding(64, 64, 100).get(40, 6)], "tapped (40, 6)");
    expect(errors).toEqual([]);
  });

  it("mixture of experts: router probabilities and chosen experts", async () => {
    const { page, errors } = await browser.open("/demos/moe/");
    const tokens = "experts share the work of every token".split(" ");
    await setInputs(page, "moe", { tokens: tokens.join(" "), experts: "4", topK: "2" });
    const routing = routeTokens(inputEmbeddings(tokens), routerWeights(4), 2);
    const root = '[data-demo="moe"]';
    expectClose(await matrixValues(page, root, "router-probs"), softmax(routing.routerLogits).data, "router probs");
    const picks = await page.$$eval(`${root} .qkv-pick`, (els) => els.map((e) => Number((e as HTMLElement).dataset.expert)));
    expect(picks).toEqual(Array.from(routing.selectedExperts.data));
    expectClose(await values(page, `${root} .qkv-pick`), routing.routingWeights.data, "routing weights");
    const balance = loadBalanceStats(routing);
    expectClose(await values(page, `${root} [data-bars="tokens-per-expert"] .bar`), balance.tokensPerExpert.data, "load");
    // One scale for the load chart (full bar = all tokens) and one colour scale (0 … 1) for the router probabilities.
    expect(await page.getAttribute(`${root} [data-legend="tokens-per-expert"]`, "data-range")).toBe(String(tokens.length));
    expect(await page.getAttribute(`${root} [data-legend="router-probs"]`, "data-range")).toBe("1");
    const heights = await page.$$eval(`${root} [data-bars="tokens-per-expert"] .b`, (bs) => bs.map((b) => parseFloat((b as HTMLElement).style.getPropertyValue("--h"))));
    heights.forEach((h, e) => expect(h, `load bar ${e}`).toBeCloseTo((balance.tokensPerExpert.data[e] / tokens.length) * 100, 1));
    // The caption's numbers are core's.
    const load = Array.from(balance.tokensPerExpert.data);
    const notice = async (name: string) => values(page, `${root} [data-num="${name}"]`);
    expectClose(await notice("busiest"), [Math.max(...load)], "caption: busiest expert");
    expectClose(await notice("balanced"), [(tokens.length * 2) / 4], "caption: balanced load");
    expectClose(await notice("idle"), [load.filter((n) => n === 0).length], "caption: idle experts");
    expectClose(await notice("auxLoss"), [balance.auxLoss], "caption: auxiliary loss");
    const before = await page.textContent(`${root} [data-slot="notice"]`);
    await setInputs(page, "moe", { topK: "1" });
    expect(await page.textContent(`${root} [data-slot="notice"]`)).not.toBe(before);
    expectClose(await notice("auxLoss"), [loadBalanceStats(routeTokens(inputEmbeddings(tokens), routerWeights(4), 1)).auxLoss], "caption: aux loss at k = 1");
    await page.screenshot({ path: `${ARTIFACTS}demo-moe.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});

describe("every slider shows its value beside it", () => {
  it("on every demo page, before and after a change", async () => {
    const sliders: string[] = [];
    for (const demo of Object.keys(DEMO_QUESTIONS)) {
      const { page, errors } = await browser.open(`/demos/${demo}/`);
      const ranges = await page.$$eval(`input[type="range"]`, (els) => els.map((e) => [(e as HTMLInputElement).name, (e as HTMLInputElement).min, (e as HTMLInputElement).closest("[data-demo]")!.getAttribute("data-demo")!] as const));
      for (const [name, min, root] of ranges) {
        sliders.push(`${demo}:${name}`);
        const output = `[data-demo="${root}"] output[data-for="${name}"]`;
        const input = `[data-demo="${root}"] input[name="${name}"]`;
        expect(await page.textContent(output), `${demo} ${name}`).toBe(await page.inputValue(input));
        await page.waitForSelector(`[data-demo="${root}"][data-ready="true"]`);
        await page.locator(input).evaluate((e, v) => {
          (e as HTMLInputElement).value = v;
          e.dispatchEvent(new Event("input", { bubbles: true }));
        }, min);
        expect(await page.textContent(output), `${demo} ${name} at its minimum`).toBe(min);
      }
      expect(errors).toEqual([]);
      await page.close();
    }
    // The pages' sliders: normalisation γ and β, positional encoding T, sampling T/k/p, trained model's four.
    expect(sliders.length).toBeGreaterThanOrEqual(10);
  });
});

describe("demos and questions link both ways", () => {
  it("every demo page lists its questions, and each of those question pages links back to the demo", async () => {
    const byId = new Map(questions().map((q) => [q.id, q]));
    const page = await browser.context.newPage();
    for (const [demo, ids] of Object.entries(DEMO_QUESTIONS)) {
      await page.goto(`/demos/${demo}/`, { waitUntil: "domcontentloaded" });
      const listed = await page.$$eval("[data-demo-questions] a", (as) => as.map((a) => a.getAttribute("href")));
      expect(listed, `/demos/${demo}/ lists`).toEqual(ids.map((id) => `/topics/${byId.get(id)!.topic}/${id}/`));
      for (const href of listed) {
        const res = await page.goto(href!, { waitUntil: "domcontentloaded" });
        expect(res?.status(), href!).toBe(200);
        expect(await page.locator(`[data-see-live] a[href="/demos/${demo}/"]`).count(), `${href} links /demos/${demo}/`).toBe(1);
      }
    }
    // A question no demo shows has no "See it live" line.
    const shown = new Set(Object.values(DEMO_QUESTIONS).flat());
    const other = questions().find((q) => !shown.has(q.id))!;
    await page.goto(`/topics/${other.topic}/${other.id}/`, { waitUntil: "domcontentloaded" });
    expect(await page.locator("[data-see-live]").count()).toBe(0);
    await page.close();
  });
});
