import { Rng, generate, gpt2, gpt2AttentionMaps, gpt2CachedNextTokenLogits } from "@qkv/core";
import { describe, expect, it } from "vitest";
import { attentionCell, computeWalk, DEFAULT_WALK, WalkGenerator } from "./model-walk-model";
import { charGptAtBuild } from "../lib/char-gpt";

const model = charGptAtBuild();
const tok = model.tokenizer!;

describe("computeWalk", () => {
  it("follows core's forward pass and samples the first token core's sampler would", () => {
    const s = { ...DEFAULT_WALK, prompt: "Keys ∰ meet", seed: 5 };
    const r = computeWalk(model, s);
    const ids = tok.encode(s.prompt, "skip");
    expect(r.trace.context).toEqual(ids);
    expect(r.dropped).toEqual(["∰"]);
    expect(r.chars.join("")).toBe("Keys  meet");
    expect(r.follow).toBe(ids.length - 1);
    const logits = gpt2(model.weights, model.config, ids).logits;
    for (let c = 0; c < model.config.vocabSize; c++) expect(Math.abs(r.logits.data[c] - logits.get(ids.length - 1, c))).toBeLessThanOrEqual(1e-12);
    // The sampled token is the first token of core's seeded sampling from the same prompt.
    const want = generate(gpt2CachedNextTokenLogits(model.weights, model.config), ids, { kind: "sample", rng: new Rng(s.seed), temperature: s.temperature, topK: s.topK }, { maxNewTokens: 1 });
    expect(r.token).toBe(want.tokens[0]);
    expect(r.sampling.data.filter((p) => p > 0).length).toBe(s.topK);
  });

  it("follows another position on request and reports bad input", () => {
    const r = computeWalk(model, { ...DEFAULT_WALK, follow: 2 });
    expect(r.follow).toBe(2);
    expect(r.logits.data[0]).toBe(r.trace.logits.get(2, 0));
    expect(() => computeWalk(model, { ...DEFAULT_WALK, follow: 10 })).toThrow(/position must be 0 … 9, got 10/);
    expect(() => computeWalk(model, { ...DEFAULT_WALK, prompt: "∰" })).toThrow(/prompt/);
    expect(() => computeWalk(model, { ...DEFAULT_WALK, prompt: "a".repeat(49) })).toThrow(/at most 48 characters, got 49/);
  });
});

describe("attentionCell", () => {
  it("is the scaled dot product of the query and key that made the weight", () => {
    const r = computeWalk(model, DEFAULT_WALK);
    const maps = gpt2AttentionMaps(model.weights, model.config, r.trace.context).maps;
    const c = attentionCell(r.trace, 1, 3, 7, 4);
    expect(c.q.length).toBe(16);
    expect(c.score).toBe(c.traced);
    expect(c.weight).toBe(maps[1].get(3, 7, 4));
    // The row's weights are the softmax of its scores.
    const finite = c.rowScores.slice(0, 8);
    const z = finite.reduce((a, v) => a + Math.exp(v), 0);
    finite.forEach((v, t) => expect(Math.abs(Math.exp(v) / z - c.rowWeights[t])).toBeLessThanOrEqual(1e-12));
    expect(c.rowScores.slice(8)).toEqual([-Infinity, -Infinity]);
    expect(c.rowWeights[4]).toBe(c.weight);
    const masked = attentionCell(r.trace, 0, 0, 2, 5);
    expect(masked.traced).toBe(-Infinity);
    expect(masked.weight).toBe(0);
    expect(Number.isFinite(masked.score)).toBe(true);
  });
});

describe("WalkGenerator", () => {
  it("generates core's cached sampling, one cache row per token, each step equal to a full recompute", () => {
    const ids = tok.encode("The softmax ", "error");
    const opts = { seed: 7, temperature: 0.9, topK: 30 };
    const g = new WalkGenerator(model, ids, opts);
    expect(g.cache.length).toBe(ids.length);
    for (let n = 1; n <= 5; n++) {
      g.step();
      expect(g.cache.length).toBe(ids.length + n);
      for (const layer of g.cache.layers) expect(layer.keys!.shape).toEqual([ids.length + n, 4, 16]);
      expect(g.check).toBeLessThanOrEqual(1e-12);
    }
    const want = generate(gpt2CachedNextTokenLogits(model.weights, model.config), ids, { kind: "sample", rng: new Rng(opts.seed), ...opts }, { maxNewTokens: 5 });
    expect(g.generated).toEqual(want.tokens);
  });

  it("stops at the model's context", () => {
    const g = new WalkGenerator(model, tok.encode("a".repeat(63), "error"), { seed: 1, temperature: 1, topK: 0 });
    g.step();
    expect(g.full).toBe(true);
    expect(() => g.step()).toThrow(/whole context \(64 positions\)/);
  });
});
