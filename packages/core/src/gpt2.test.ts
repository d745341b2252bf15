import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "./errors.js";
import { gpt2, gpt2AttentionMaps, gpt2Block, gpt2Embed, gpt2Generate, gpt2Head, initGpt2, type Gpt2Config } from "./gpt2.js";
import { Rng, randn } from "./random.js";

const config: Gpt2Config = { vocabSize: 11, contextLength: 6, dModel: 8, numHeads: 2, numLayers: 2 };

describe("gpt2", () => {
  const w = initGpt2(config, new Rng(1), 0.4);

  it("is causal: logits at position t do not depend on later tokens", () => {
    const a = gpt2(w, config, [1, 2, 3, 4]).logits;
    const b = gpt2(w, config, [1, 2, 9, 0]).logits;
    for (let j = 0; j < 11; j++) expect(b.get(1, j)).toBe(a.get(1, j));
    expect(b.get(2, 0)).not.toBe(a.get(2, 0));
  });

  it("keeps the last n_ctx tokens of a longer input, positions re-indexed from 0", () => {
    const long = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const r = gpt2(w, config, long);
    expect(r.context).toEqual([4, 5, 6, 7, 8, 9]);
    expect(Array.from(r.logits.data)).toEqual(Array.from(gpt2(w, config, [4, 5, 6, 7, 8, 9]).logits.data));
  });

  it("returns log-probabilities that normalise", () => {
    const { logProbsNext } = gpt2(w, config, [3, 1]);
    const total = Array.from(logProbsNext.data.slice(0, 11)).reduce((s, v) => s + Math.exp(v), 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it("generates reproducibly with a seeded sampler", () => {
    const run = (): number[] => gpt2Generate(w, config, [1], { kind: "sample", rng: new Rng(3), temperature: 0.8 }, { maxNewTokens: 8 }).tokens;
    expect(run()).toEqual(run());
    expect(run()).toHaveLength(8);
  });

  it("checks token ids, weights and config", () => {
    expect(() => gpt2(w, config, [11])).toThrow(ArgumentError);
    expect(() => gpt2(w, config, [11])).toThrow(/gpt2: argument "tokenIds" must hold integer token ids in \[0, 11\), got 11 at position 0/);
    expect(() => gpt2(w, config, [])).toThrow(/argument "tokenIds" must be a non-empty array/);
    expect(() => gpt2(w, { ...config, vocabSize: 12 }, [1])).toThrow(ShapeError);
    expect(() => gpt2(w, { ...config, vocabSize: 12 }, [1])).toThrow(/gpt2: argument "weights.wte" must have shape \(12, 8\), got \(11, 8\)/);
    expect(() => gpt2(w, { ...config, numLayers: 3 }, [1])).toThrow(/argument "weights.blocks" must be an array of numLayers=3 blocks, got 2/);
    expect(() => initGpt2({ ...config, numHeads: 3 }, new Rng(0))).toThrow(/initGpt2: argument "config.numHeads" must divide dModel=8, got 3/);
    expect(() => gpt2({ ...w, blocks: [w.blocks[0], { ...w.blocks[1], b_fc: undefined }] } as never, config, [1])).toThrow(
      /gpt2Block: argument "block" is missing b_fc/,
    );
    expect(() => gpt2({ ...w, ln_f: undefined } as never, config, [1])).toThrow(/gpt2: argument "weights" is missing ln_f/);
    expect(() => gpt2Embed(w, [1, 2], 5)).toThrow(/gpt2Embed: argument "start" must be an integer ≥ 0 with start \+ T ≤ n_ctx=6 \(T=2\), got 5/);
    expect(() => gpt2Head(w, randn([2, 3], new Rng(0)), config)).toThrow(/gpt2Head: argument "h" must have shape \(T, 8\), got \(2, 3\)/);
    expect(() => gpt2Block(randn([2, 4], new Rng(0)), w.blocks[0], config)).toThrow(/gpt2Block: argument "x" must have shape \(T, 8\), got \(2, 4\)/);
  });
});

describe("gpt2AttentionMaps", () => {
  const w = initGpt2(config, new Rng(2), 0.4);
  const ids = fc.array(fc.integer({ min: 0, max: config.vocabSize - 1 }), { minLength: 1, maxLength: 9 });

  it("gives per layer (H, T, T) causal rows summing to 1, and exactly gpt2's logits", () => {
    fc.assert(
      fc.property(ids, (tokens) => {
        const r = gpt2AttentionMaps(w, config, tokens);
        const ref = gpt2(w, config, tokens);
        const T = ref.context.length;
        expect(r.context).toEqual(ref.context);
        expect(Array.from(r.logits.data)).toEqual(Array.from(ref.logits.data));
        expect(r.maps).toHaveLength(config.numLayers);
        for (const m of r.maps) {
          expect(m.shape).toEqual([config.numHeads, T, T]);
          for (let h = 0; h < config.numHeads; h++) {
            for (let i = 0; i < T; i++) {
              let sum = 0;
              for (let j = 0; j < T; j++) {
                const v = m.get(h, i, j);
                if (j > i) expect(v).toBe(0);
                else expect(v).toBeGreaterThan(0);
                sum += v;
              }
              expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-12);
            }
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it("differs between heads and layers (the maps are the model's, not a shared placeholder)", () => {
    const { maps } = gpt2AttentionMaps(w, config, [1, 2, 3, 4]);
    expect(maps[0].get(0, 3, 0)).not.toBe(maps[0].get(1, 3, 0));
    expect(maps[0].get(0, 3, 0)).not.toBe(maps[1].get(0, 3, 0));
  });

  it("checks its arguments like gpt2", () => {
    expect(() => gpt2AttentionMaps(w, config, [11])).toThrow(/gpt2AttentionMaps: argument "tokenIds"/);
  });
});
