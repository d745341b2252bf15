import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { beamSearch, generate, greedyDecode, sampleDecode, type NextTokenLogits } from "./decoding.js";
import { ArgumentError, ShapeError } from "./errors.js";
import { Rng, randn } from "./random.js";
import { logSoftmax } from "./softmax.js";

/** A toy model: logits depend on the last two tokens and the length, through a seeded random table. */
function toyModel(seed: number, V: number): NextTokenLogits {
  const table = randn([V, V, 7], new Rng(seed), 2);
  return (tokens) => {
    const a = tokens[tokens.length - 1] ?? 0;
    const b = tokens[tokens.length - 2] ?? 0;
    return Array.from({ length: V }, (_, v) => table.get(a, v, tokens.length % 7) + 0.5 * table.get(b, v, 0));
  };
}

/** Σ log p of `tokens` after `prompt` under `model`. */
function sequenceLogProb(model: NextTokenLogits, prompt: number[], tokens: number[]): number {
  let lp = 0;
  tokens.forEach((t, i) => {
    lp += logSoftmax(model([...prompt, ...tokens.slice(0, i)]) as number[]).data[t];
  });
  return lp;
}

describe("greedyDecode", () => {
  it("takes the argmax at every step and records the step logits", () => {
    // fixed next-token preferences: after token t the best is (t + 1) % 3
    const model: NextTokenLogits = (ts) => [0, 1, 2].map((v) => (v === (ts[ts.length - 1] + 1) % 3 ? 1 : 0));
    const g = greedyDecode(model, [0], { maxNewTokens: 4 });
    expect(g.tokens).toEqual([1, 2, 0, 1]);
    expect(g.sequence).toEqual([0, 1, 2, 0, 1]);
    expect(g.stepLogits?.shape).toEqual([4, 3]);
    expect(g.logProb).toBeCloseTo(4 * (1 - Math.log(Math.E + 2)), 12);
  });

  it("picks the first index on ties and stops at eos (keeping it)", () => {
    const model: NextTokenLogits = () => [1, 3, 3, 0];
    expect(greedyDecode(model, [0], { maxNewTokens: 3 }).tokens).toEqual([1, 1, 1]);
    expect(greedyDecode(model, [0], { maxNewTokens: 3, eosToken: 1 }).tokens).toEqual([1]);
  });
});

describe("beamSearch", () => {
  it("with width 1 equals greedy decoding", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.nat(5), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 6 }),
        fc.option(fc.nat(5), { nil: undefined }),
        fc.double({ min: -1, max: 2, noNaN: true }),
        (seed, V, prompt0, maxNewTokens, eos0, lengthPenalty) => {
          const model = toyModel(seed, V);
          const prompt = prompt0.map((t) => t % V);
          const eosToken = eos0 === undefined ? undefined : eos0 % V;
          const greedy = greedyDecode(model, prompt, { maxNewTokens, eosToken });
          const beam = beamSearch(model, prompt, { width: 1, lengthPenalty }, { maxNewTokens, eosToken });
          expect(beam.tokens).toEqual(greedy.tokens);
          expect(beam.logProb).toBeCloseTo(greedy.logProb, 10);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("is exhaustive when the beam holds every sequence: finds the most likely one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const V = 3;
        const n = 3;
        const model = toyModel(seed, V);
        const beam = beamSearch(model, [1], { width: V ** n }, { maxNewTokens: n });
        let best = -Infinity;
        for (let code = 0; code < V ** n; code++) {
          const seq = [Math.floor(code / 9) % 3, Math.floor(code / 3) % 3, code % 3];
          best = Math.max(best, sequenceLogProb(model, [1], seq));
        }
        expect(beam.logProb).toBeCloseTo(best, 10);
        expect(sequenceLogProb(model, [1], beam.tokens)).toBeCloseTo(beam.logProb, 10);
      }),
      { numRuns: 20 },
    );
  });

  it("finds a likelier sequence than greedy when the greedy first step is a trap", () => {
    // step 1: token 1 (p≈0.6) vs token 2 (p≈0.4); after 1 the model is unsure, after 2 it is certain
    const model: NextTokenLogits = (ts) => {
      if (ts.length === 1) return [-Infinity, Math.log(0.6), Math.log(0.4)];
      if (ts[1] === 1) return [Math.log(1 / 3), Math.log(1 / 3), Math.log(1 / 3)];
      return [0, -Infinity, -Infinity];
    };
    const greedy = greedyDecode(model, [0], { maxNewTokens: 2 });
    const beam = beamSearch(model, [0], { width: 2 }, { maxNewTokens: 2 });
    expect(greedy.tokens).toEqual([1, 0]);
    expect(beam.tokens).toEqual([2, 0]);
    expect(beam.logProb).toBeCloseTo(Math.log(0.4), 12);
    expect(beam.hypotheses).toHaveLength(2);
    // token 0 is impossible at the first step, so no hypothesis starts with it
    expect(beamSearch(model, [0], { width: 3 }, { maxNewTokens: 1 }).hypotheses.map((h) => h.tokens)).toEqual([[1], [2]]);
  });

  it("ranks finished hypotheses by Σ log p / length^lengthPenalty", () => {
    // eos (0) right away has p = 0.3; otherwise token 1 (0.7) and then eos for sure.
    const model: NextTokenLogits = (ts) => (ts.length === 1 ? [Math.log(0.3), Math.log(0.7)] : [0, -Infinity]);
    const short = beamSearch(model, [1], { width: 2, lengthPenalty: 0 }, { maxNewTokens: 3, eosToken: 0 });
    // raw log p: [0] → log 0.3 = −1.20, [1, 0] → log 0.7 = −0.36: the longer one wins anyway
    expect(short.tokens).toEqual([1, 0]);
    const model2: NextTokenLogits = (ts) => (ts.length === 1 ? [Math.log(0.5), Math.log(0.5)] : [Math.log(0.6), Math.log(0.4)]);
    // [0]: log 0.5 = −0.693; [1, 0]: log 0.3 = −1.204, /2 = −0.602 with lengthPenalty 1
    expect(beamSearch(model2, [1], { width: 2, lengthPenalty: 0 }, { maxNewTokens: 2, eosToken: 0 }).tokens).toEqual([0]);
    const long = beamSearch(model2, [1], { width: 2, lengthPenalty: 1 }, { maxNewTokens: 2, eosToken: 0 });
    expect(long.tokens).toEqual([1, 0]);
    expect(long.score).toBeCloseTo(Math.log(0.3) / 2, 12);
  });
});

describe("sampleDecode", () => {
  it("is reproducible from the seed", () => {
    const model = toyModel(5, 6);
    const run = (seed: number): number[] =>
      sampleDecode(model, [0], { rng: new Rng(seed), temperature: 1.5, topP: 0.9 }, { maxNewTokens: 20 }).tokens;
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
  });

  it("top-k = 1 is greedy", () => {
    const model = toyModel(9, 5);
    const s = generate(model, [2], { kind: "sample", rng: new Rng(0), topK: 1 }, { maxNewTokens: 8 });
    expect(s.tokens).toEqual(generate(model, [2], { kind: "greedy" }, { maxNewTokens: 8 }).tokens);
  });

  it("draws tokens with the model's probabilities", () => {
    const p = [0.5, 0.3, 0.2];
    const model: NextTokenLogits = () => p.map(Math.log);
    const tokens = sampleDecode(model, [0], { rng: new Rng(42) }, { maxNewTokens: 3000 }).tokens;
    p.forEach((pi, v) => {
      const freq = tokens.filter((t) => t === v).length / tokens.length;
      // 3000 draws: standard error ≤ 0.0092; a 4 s.e. miss with this fixed seed would mean sampling is wrong
      expect(Math.abs(freq - pi)).toBeLessThan(0.037);
    });
  });

  it("never samples a token removed by top-k", () => {
    const model: NextTokenLogits = () => [3, 2, 1, 0];
    const tokens = sampleDecode(model, [0], { rng: new Rng(1), topK: 2, temperature: 5 }, { maxNewTokens: 200 }).tokens;
    expect(new Set(tokens)).toEqual(new Set([0, 1]));
  });
});

describe("decoding errors", () => {
  const model: NextTokenLogits = () => [0, 1];
  it("names the bad argument", () => {
    expect(() => greedyDecode(model, [0], { maxNewTokens: -1 })).toThrow(ArgumentError);
    expect(() => greedyDecode(model, [0], { maxNewTokens: -1 })).toThrow(/greedyDecode: argument "maxNewTokens" must be a non-negative integer, got -1/);
    expect(() => greedyDecode(model, [0.5], { maxNewTokens: 1 })).toThrow(/argument "prompt" must be an array of non-negative integer token ids/);
    expect(() => beamSearch(model, [0], { width: 0 }, { maxNewTokens: 1 })).toThrow(/beamSearch: argument "width" must be an integer ≥ 1, got 0/);
    expect(() => sampleDecode(model, [0], { rng: undefined as unknown as Rng }, { maxNewTokens: 1 })).toThrow(/argument "rng" must be an Rng/);
    expect(() => greedyDecode(() => [[0, 1]], [0], { maxNewTokens: 1 })).toThrow(ShapeError);
    expect(() => greedyDecode(() => [[0, 1]], [0], { maxNewTokens: 1 })).toThrow(/argument "next\(tokens\)" must have shape \(V,\), got \(1, 2\)/);
    expect(() => beamSearch(() => [-Infinity, -Infinity], [0], { width: 2 }, { maxNewTokens: 1 })).toThrow(
      /beamSearch: argument "next\(tokens\)" gave no token a finite log-probability/,
    );
    expect(() => generate(model, [0], { kind: "nucleus" } as never, { maxNewTokens: 1 })).toThrow(/argument "strategy" must have kind/);
  });
});
