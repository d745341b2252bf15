import { readFileSync } from "node:fs";
import { gpt2AttentionMaps } from "@qkv/core";
import { describe, expect, it } from "vitest";
import { computeAttentionMap, computeTrained, DEFAULT_TRAINED } from "./trained-model-model";
import { charGptAtBuild } from "../lib/char-gpt";

const dir = new URL("../../../../packages/core/models/char-gpt/", import.meta.url);
const model = charGptAtBuild();
/** The samples the training run recorded from the saved weights (qkv train). */
const recorded = JSON.parse(readFileSync(new URL("model.json", dir), "utf8")) as {
  samples: { prompt: string; seed: number; temperature: number; topK: number; maxNewTokens: number; text: string }[];
};

describe("computeTrained", () => {
  it("reproduces the samples recorded by the training run", () => {
    expect(recorded.samples.length).toBeGreaterThan(0);
    for (const s of recorded.samples) {
      const r = computeTrained(model, { ...s, topP: 1 });
      expect(r.text).toBe(s.text);
    }
  });

  it("lists the 10 most likely next characters in order, within a distribution summing to 1", () => {
    const r = computeTrained(model, { ...DEFAULT_TRAINED, topK: 5 });
    expect(r.top.length).toBe(10);
    for (let i = 1; i < 10; i++) expect(r.top[i].prob).toBeLessThanOrEqual(r.top[i - 1].prob);
    // top-k = 5 keeps exactly 5 characters.
    expect(r.top.filter((t) => t.prob > 0).length).toBe(5);
    expect(Math.abs(r.total - 1)).toBeLessThan(1e-12);
    expect(Math.abs(r.top.reduce((a, t) => a + t.prob, 0) - 1)).toBeLessThan(1e-12);
  });

  it("reports a prompt with no character of the vocabulary", () => {
    expect(() => computeTrained(model, { ...DEFAULT_TRAINED, prompt: "" })).toThrow(/prompt/);
  });
});

describe("computeAttentionMap", () => {
  it("is core's map for the chosen layer and head, with the prompt's characters and its own averages", () => {
    const r = computeAttentionMap(model, { prompt: "abc ab", layer: 1, head: 2 });
    const ids = model.tokenizer!.encode("abc ab", "skip");
    const m = gpt2AttentionMaps(model.weights, model.config, ids).maps[1];
    expect(r.chars).toEqual([..."abc ab"]);
    expect(r.weights.shape).toEqual([6, 6]);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) expect(r.weights.get(i, j)).toBe(m.get(2, i, j));
    const diag = [0, 1, 2, 3, 4, 5].reduce((a, i) => a + m.get(2, i, i), 0) / 6;
    expect(r.meanSelf).toBeCloseTo(diag, 14);
  });

  it("reports an unknown layer or head", () => {
    expect(() => computeAttentionMap(model, { prompt: "a", layer: 2, head: 0 })).toThrow(/layer must be 0 … 1, got 2/);
    expect(() => computeAttentionMap(model, { prompt: "a", layer: 0, head: 4 })).toThrow(/head must be 0 … 3, got 4/);
  });
});
