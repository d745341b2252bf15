import { readFileSync } from "node:fs";
import { loadGpt2 } from "@qkv/core";
import { describe, expect, it } from "vitest";
import { computeTrained, DEFAULT_TRAINED } from "./trained-model-model";

const dir = new URL("../../../../packages/core/models/char-gpt/", import.meta.url);
const model = loadGpt2(new Uint8Array(readFileSync(new URL("model.safetensors", dir))));
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
