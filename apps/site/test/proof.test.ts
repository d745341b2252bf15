// The "How qkv proves it" page states what the committed fixtures give: case counts read from the fixture JSON
// itself, errors from running core on them now, the training table from the parity fixture; linked from the home
// page and the trained-model demo, whose model size comes from the committed weights.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { conformanceEvidence, replayTrainingParity, type ParityFixture } from "@qkv/core/evidence";
import { flattenTensors, loadGpt2 } from "@qkv/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreSourceDir } from "../src/lib/core-docs";
import { errorText } from "../src/lib/proof";
import { launch, type Browser } from "./browser";

const FIXTURES = join(coreSourceDir, "../fixtures");
const raw = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), "utf8")) as { component: string; cases: { backward?: unknown }[] });
const parity = JSON.parse(readFileSync(join(FIXTURES, "training/gpt2_adamw.json"), "utf8")) as ParityFixture;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("How qkv proves it", () => {
  it("states the fixtures' case counts, core's errors on them and the training-parity replay", async () => {
    const { page, errors } = await browser.open("/proof/");
    const shown = async (key: string) => {
      const all = await page.locator(`[data-proof="${key}"]`).allTextContents();
      expect(all.length, key).toBeGreaterThan(0);
      expect(new Set(all).size, `${key} shown with different values`).toBe(1);
      return all[0].trim();
    };
    const cases = raw.reduce((n, f) => n + f.cases.length, 0);
    expect(await shown("cases")).toBe(String(cases));
    expect(await shown("components")).toBe(String(raw.length));
    expect(await shown("backward-cases")).toBe(String(raw.reduce((n, f) => n + f.cases.filter((c) => c.backward !== undefined).length, 0)));
    const evidence = conformanceEvidence(FIXTURES);
    expect(await shown("passed")).toBe(String(evidence.reduce((n, e) => n + e.passed, 0)));
    const maxErr = Math.max(...evidence.map((e) => e.maxAbsErr));
    expect(maxErr).toBeLessThanOrEqual(1e-9);
    expect(await shown("max-error")).toBe(errorText(maxErr));
    for (const f of raw) expect(await page.locator(`[data-component="${f.component}"] td`).nth(1).textContent(), f.component).toBe(String(f.cases.length));

    const p = parity.params;
    expect(await shown("steps")).toBe(String(p.steps));
    expect(p.steps).toBeGreaterThanOrEqual(20);
    for (const [key, v] of [["vocab", p.vocab_size], ["context", p.n_ctx], ["layers", p.n_layer], ["heads", p.n_head], ["width", p.d_model], ["max-norm", p.max_norm], ["warmup", p.warmup_steps]] as const)
      expect(await shown(key), key).toBe(String(v));
    expect(await shown("steps-clipped")).toBe(String(parity.expected.steps_clipped));
    const replay = replayTrainingParity(parity);
    const lossErr = Math.max(...replay.steps.map((s, k) => Math.abs(s.loss - parity.expected.loss[k])));
    expect(lossErr).toBeLessThanOrEqual(1e-9);
    expect(await shown("max-loss-error")).toBe(errorText(lossErr));
    expect(await shown("max-grad-norm-error")).toBe(errorText(Math.max(...replay.steps.map((s, k) => Math.abs(s.gradNorm - parity.expected.grad_norm[k])))));
    expect(await shown("max-lr-error")).toBe(errorText(Math.max(...replay.steps.map((s, k) => Math.abs(s.lr - parity.expected.lr[k])))));
    expect(replay.finalWeightsMaxAbsErr).toBeLessThanOrEqual(1e-9);
    expect(await shown("final-weights-error")).toBe(errorText(replay.finalWeightsMaxAbsErr));
    const params = Object.values(flattenTensors(replay.finalWeights)).reduce((n, t) => n + t.size, 0);
    expect(await shown("parameters")).toBe(String(params));
    // One table row per step with PyTorch's loss exactly as the fixture has it.
    const torchLosses = await page.locator("[data-proof-table] tbody tr td:nth-child(4)").allTextContents();
    expect(torchLosses.map(Number)).toEqual(parity.expected.loss);
    expect(await page.locator("figure svg.qkv-plot").count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it("is linked from the home page, the sidebar and the trained-model demo, whose model size is the committed model's", async () => {
    const { page } = await browser.open("/");
    expect(await page.locator('main a[href="/proof/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('nav.sidebar a[href="/proof/"]').count()).toBe(1);
    await page.goto("/demos/trained-model/");
    expect(await page.locator('main a[href="/proof/#training"]').count()).toBe(1);
    const model = loadGpt2(new Uint8Array(readFileSync(join(coreSourceDir, "../models/char-gpt/model.safetensors"))));
    const text = async (k: string) => (await page.locator(`[data-model="${k}"]`).textContent())?.trim();
    expect(await text("layers")).toBe(String(model.config.numLayers));
    expect(await text("heads")).toBe(String(model.config.numHeads));
    expect(await text("width")).toBe(String(model.config.dModel));
    const params = Object.values(flattenTensors(model.weights)).reduce((n, t) => n + t.size, 0);
    expect(Number((await text("parameters"))?.replace(/,/g, ""))).toBe(params);
  });
});
