import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "./errors.js";
import { loadGpt2 } from "./gpt2-checkpoint.js";
import { gpt2 } from "./gpt2.js";
import { slice } from "./ops.js";
import { applyTemperature } from "./sampling.js";
import { softmax } from "./softmax.js";
import { Rng } from "./random.js";
import { inverseCdf } from "./sampling.js";
import {
  acceptanceProbability, acceptanceRate, expectedTokensPerStep, residualDistribution, scoreEachPrefix, speculativeDecode, verifyDraft,
  type DraftScorer, type SpeculativeModels, type VerifyRule,
} from "./speculative.js";
import { Tensor } from "./tensor.js";

const normalise = (w: number[]): number[] => {
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / s);
};
/** A distribution over V tokens, some entries exactly 0 (disjoint supports are the hard case for the residual). */
const dist = (V: number) =>
  fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1, noNaN: true })), { minLength: V, maxLength: V })
    .filter((w) => w.some((v) => v > 0))
    .map(normalise);
const pair = fc.integer({ min: 1, max: 8 }).chain((V) => fc.tuple(dist(V), dist(V)));
const tv = (a: ArrayLike<number>, b: ArrayLike<number>) => 0.5 * Array.from(a).reduce((s, v, i) => s + Math.abs(v - b[i]), 0);

/**
 * Exact distribution of the token one verified draft position emits, from core's pieces: the accepted mass
 * q(x)·acceptanceProbability(x) plus the rejected mass spread by the residual. `accept` swaps in a broken rule.
 */
function emitted(p: number[], q: number[], accept = acceptanceProbability): number[] {
  const kept = q.map((qx, x) => qx * accept(p, q, x));
  const rejected = 1 - kept.reduce((a, b) => a + b, 0);
  const r = residualDistribution(p, q);
  return p.map((_, x) => kept[x] + rejected * r[x]);
}

/** An Rng that replays fixed uniforms, to drive verifyDraft through a chosen path. */
const scripted = (us: number[]): Rng => ({ uniform: () => us.shift() ?? 0 }) as unknown as Rng;

// A context-dependent toy target and draft over V = 3: the next token's distribution depends on the last token.
const TARGET = [normalise([5, 3, 2]), normalise([1, 6, 3]), normalise([2, 2, 6]), normalise([4, 4, 2])];
const DRAFT = [normalise([2, 5, 3]), normalise([3, 3, 4]), normalise([6, 1, 3]), normalise([1, 1, 1])];
const last = (tokens: readonly number[]) => (tokens.length ? tokens[tokens.length - 1] : 3); // 3: empty prompt
const toy: SpeculativeModels = {
  draft: (tokens) => DRAFT[last(tokens)],
  target: scoreEachPrefix((tokens) => TARGET[last(tokens)]),
};
/** Exact probability of the first two generated tokens (a, b) under the target: 9 outcomes. */
const exactPairs = TARGET[3].flatMap((pa, a) => TARGET[a].map((pb) => pa * pb));

/**
 * Monte Carlo bound on TV(empirical of n samples, exact): E[TV] ≤ ½ Σ √(p(1−p)/n) (Jensen), and TV moves by ≤ 1/n
 * per sample, so by McDiarmid it exceeds its mean by t with probability ≤ exp(−2nt²): t for 1e-6.
 */
const tvBound = (p: number[], n: number) => 0.5 * p.reduce((s, v) => s + Math.sqrt((v * (1 - v)) / n), 0) + Math.sqrt(Math.log(1e6) / (2 * n));

function pairFrequencies(verify: VerifyRule | undefined, gamma: number, n: number, seed: number): number[] {
  const rng = new Rng(seed);
  const counts = new Array(9).fill(0);
  for (let s = 0; s < n; s++) {
    const { tokens } = speculativeDecode(toy, [], { gamma, maxNewTokens: 2, rng, verify });
    counts[tokens[0] * 3 + tokens[1]]++;
  }
  return counts.map((c) => c / n);
}

describe("speculative sampling", () => {
  it("one verified position emits exactly p, for enumerated small cases (≤ 1e-12)", () => {
    const cases: [number[], number[]][] = [
      [[0.5, 0.5], [0.5, 0.5]], // p = q: nothing is ever rejected
      [[1, 0], [0, 1]], // disjoint: every draft rejected
      [[0.7, 0.2, 0.1], [0.1, 0.2, 0.7]],
      [[0.25, 0.25, 0.5, 0], [0.4, 0, 0.3, 0.3]],
      [normalise([1, 2, 3, 4, 5]), normalise([5, 4, 3, 2, 1])],
    ];
    for (const [p, q] of cases) emitted(p, q).forEach((v, x) => expect(Math.abs(v - p[x])).toBeLessThanOrEqual(1e-12));
  });

  it("one verified position emits exactly p for any p, q (property, ≤ 1e-12)", () => {
    fc.assert(fc.property(pair, ([p, q]) => emitted(p, q).every((v, x) => Math.abs(v - p[x]) <= 1e-12)));
  });

  it("the acceptance probability is α = Σ min(p, q) and the residual is a distribution on {p > q}", () => {
    fc.assert(
      fc.property(pair, ([p, q]) => {
        const accepted = q.reduce((s, qx, x) => s + qx * acceptanceProbability(p, q, x), 0);
        expect(Math.abs(accepted - acceptanceRate(p, q))).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(acceptanceRate(p, q) - (1 - tv(p, q)))).toBeLessThanOrEqual(1e-12);
        const r = residualDistribution(p, q);
        expect(Math.abs(r.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-12);
        if (tv(p, q) > 1e-9) r.forEach((v, x) => expect(v === 0 || p[x] > q[x]).toBe(true));
      }),
    );
  });

  it("breaking the rule visibly changes the distribution: accept-all emits q, no-residual over-weights q's favourites", () => {
    const p = [0.7, 0.2, 0.1];
    const q = [0.1, 0.2, 0.7];
    const acceptAll = emitted(p, q, () => 1);
    expect(tv(acceptAll, q)).toBeLessThanOrEqual(1e-15);
    expect(tv(acceptAll, p)).toBeCloseTo(0.6, 12);
    const alpha = acceptanceRate(p, q);
    const noResidual = p.map((px, x) => Math.min(px, q[x]) + (1 - alpha) * px); // resample from p after a rejection
    expect(tv(noResidual, p)).toBeGreaterThan(0.1); // 0.18 here: (1 − α)·p lands partly where q ≥ p was already served
  });

  it("verifyDraft follows its pieces: accept iff u < min(1, p/q), else the residual's inverse CDF at the next uniform", () => {
    fc.assert(
      fc.property(pair, fc.nat(), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), ([p, q], xi, u1, u2) => {
        const V = p.length;
        const x = q.map((v, i) => (v > 0 ? i : -1)).filter((i) => i >= 0)[xi % q.filter((v) => v > 0).length];
        const P = new Tensor(Float64Array.from([...p, ...p]), [2, V]); // rows: position 0 and the bonus position
        const Q = new Tensor(Float64Array.from(q), [1, V]);
        const out = verifyDraft(P, Q, [x], scripted([u1, u2]));
        if (u1 < acceptanceProbability(p, q, x)) expect(out).toEqual({ tokens: [x, inverseCdf(p, u2)], accepted: 1 });
        else expect(out).toEqual({ tokens: [inverseCdf(Array.from(residualDistribution(p, q)), u2)], accepted: 0 });
      }),
    );
  });

  it("speculativeDecode's first two tokens follow the target's joint distribution (Monte Carlo, seeded, computed bound)", () => {
    const n = 20_000;
    const bound = tvBound(exactPairs, n);
    for (const gamma of [1, 3]) expect(tv(pairFrequencies(undefined, gamma, n, gamma), exactPairs)).toBeLessThanOrEqual(bound);
    const acceptAll: VerifyRule = (p, _q, draft, rng) => ({ tokens: [...draft, inverseCdf(Array.from(p.data.subarray(draft.length * p.shape[1])), rng.uniform())], accepted: draft.length });
    expect(tv(pairFrequencies(acceptAll, 1, n, 1), exactPairs)).toBeGreaterThan(2 * bound);
  });

  it("expected tokens per target call: exact enumeration of the draft tree equals (1 − α^{γ+1}) / (1 − α) for a context-free pair", () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: 1, max: 4 }), ([p, q], gamma) => {
        // E_g = 1 + Σ_x q(x)·accept(x)·E_{g−1}: accepting x gives one more token and leaves g − 1 drafts to verify.
        const expected = (g: number): number => (g === 0 ? 1 : 1 + q.reduce((s, qx, x) => s + qx * acceptanceProbability(p, q, x) * expected(g - 1), 0));
        const closed = expectedTokensPerStep(acceptanceRate(p, q), gamma);
        expect(Math.abs(expected(gamma) - closed)).toBeLessThanOrEqual(1e-12 * closed);
      }),
    );
    expect(expectedTokensPerStep(1, 4)).toBe(5);
    expect(expectedTokensPerStep(0, 4)).toBe(1);
  });

  it("measured tokens per target call match the closed form (Monte Carlo within 4 standard errors, seeded)", () => {
    const p = normalise([5, 3, 2, 1]);
    const q = normalise([3, 3, 3, 1]);
    const free: SpeculativeModels = { draft: () => q, target: scoreEachPrefix(() => p) };
    const alpha = acceptanceRate(p, q);
    for (const gamma of [1, 2, 4, 6]) {
      const rng = new Rng(gamma);
      const n = 3000;
      // One step per call (maxNewTokens = γ + 1 lets the first step propose all γ drafts).
      const stats = Array.from({ length: n }, () => speculativeDecode(free, [0], { gamma, maxNewTokens: gamma + 1, rng }).steps[0]);
      const mean = stats.reduce((s, x) => s + x.emitted, 0) / n;
      // Tokens per step 1 + K, K = accepted drafts: P(K = k) = α^k (1 − α) for k < γ, α^γ for k = γ.
      const pk = Array.from({ length: gamma + 1 }, (_, k) => (k < gamma ? alpha ** k * (1 - alpha) : alpha ** gamma));
      const m = pk.reduce((s, v, k) => s + v * (1 + k), 0);
      const sd = Math.sqrt(pk.reduce((s, v, k) => s + v * (1 + k - m) ** 2, 0));
      expect(Math.abs(m - expectedTokensPerStep(alpha, gamma))).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(mean - m)).toBeLessThanOrEqual((4 * sd) / Math.sqrt(n));
      stats.forEach((s) => s.acceptanceRates.forEach((a) => expect(a).toBeCloseTo(alpha, 12)));
    }
  });

  it("reports consistent stats and honours maxNewTokens and eosToken", () => {
    const out = speculativeDecode(toy, [0], { gamma: 4, maxNewTokens: 23, rng: new Rng(5) });
    expect(out.tokens).toHaveLength(23);
    expect(out.sequence).toEqual([0, ...out.tokens]);
    expect(out.targetCalls).toBe(out.steps.length);
    expect(out.draftCalls).toBe(out.proposed);
    expect(out.steps.reduce((s, x) => s + x.emitted, 0)).toBe(23);
    out.steps.forEach((s) => {
      expect(s.accepted).toBeLessThanOrEqual(s.proposed);
      expect(s.proposed).toBeLessThanOrEqual(4);
      expect(s.acceptanceRates).toHaveLength(s.proposed);
      expect(s.draft).toHaveLength(s.proposed);
    });
    const eos = speculativeDecode(toy, [0], { gamma: 4, maxNewTokens: 50, rng: new Rng(5), eosToken: 2 });
    expect(eos.tokens.indexOf(2)).toBe(eos.tokens.length - 1);
    // Emitted = the accepted drafts, then one target token (unless cut by maxNewTokens or eosToken).
    let at = 0;
    for (const s of out.steps) {
      expect(out.tokens.slice(at, at + s.accepted)).toEqual(s.draft.slice(0, s.accepted));
      at += s.emitted;
    }
    expect(speculativeDecode(toy, [0], { gamma: 2, maxNewTokens: 0, rng: new Rng(1) }).targetCalls).toBe(0);
  });

  it("rejects bad input with errors that name the argument", () => {
    const rng = new Rng(0);
    expect(() => speculativeDecode(toy, [0], { gamma: 0, maxNewTokens: 3, rng })).toThrow(/argument "gamma" must be an integer ≥ 1.*got 0/);
    expect(() => speculativeDecode(toy, [0], { gamma: 1.5, maxNewTokens: 3, rng })).toThrow(ArgumentError);
    const shortDraft: SpeculativeModels = { ...toy, draft: () => [0.5, 0.5] };
    expect(() => speculativeDecode(shortDraft, [0], { gamma: 2, maxNewTokens: 3, rng })).toThrow(ShapeError);
    expect(() => speculativeDecode(shortDraft, [0], { gamma: 2, maxNewTokens: 3, rng })).toThrow(/target\(context, draft\).*\(γ'\+1=3, V=2\), got \(3, 3\)/);
    const logits: SpeculativeModels = { ...toy, draft: () => [2, 1, 0] };
    expect(() => speculativeDecode(logits, [0], { gamma: 2, maxNewTokens: 3, rng })).toThrow(/draft\(tokens\) at draft position 0" must sum to 1 .*got 3/);
    const badTarget: SpeculativeModels = { ...toy, target: (_c, d) => Array.from({ length: d.length + 1 }, () => [0.5, 0.6, -0.1]) };
    expect(() => speculativeDecode(badTarget, [0], { gamma: 2, maxNewTokens: 3, rng })).toThrow(/row 0" must hold probabilities ≥ 0, got -0.1 at index 2/);
    expect(() => acceptanceRate([0.5, 0.5], [1])).toThrow(/argument "q" must have shape \(V=2,\) like p, got \(1,\)/);
    expect(() => expectedTokensPerStep(1.2, 2)).toThrow(/"alpha" must be a number in \[0, 1\]/);
    expect(() => speculativeDecode(toy, [0], { gamma: 2, maxNewTokens: 3, rng: undefined as unknown as Rng })).toThrow(/"rng" must be an Rng/);
    const emitsNothing: VerifyRule = () => ({ tokens: [], accepted: 0 });
    expect(() => speculativeDecode(toy, [0], { gamma: 2, maxNewTokens: 3, rng, verify: emitsNothing })).toThrow(/"verify" must return 1…γ'\+1=3 token ids in \[0, 3\), got \[\]/);
  });

  it("runs the trained char-gpt: one GPT-2 pass verifies a draft; a draft equal to the target is always accepted", () => {
    const { weights, config, tokenizer } = loadGpt2(new Uint8Array(readFileSync(new URL("../models/char-gpt/model.safetensors", import.meta.url))));
    // softmax(logits / T) of the last `count` positions of one forward pass: (count, V), float32 like the weights.
    const lastRows = (tokens: readonly number[], count: number, T: number) => softmax(applyTemperature(slice(gpt2(weights, config, tokens).logits, 0, -count), T));
    const target: DraftScorer = (context, draft) => lastRows([...context, ...draft], draft.length + 1, 1);
    const draftAt = (T: number) => (tokens: readonly number[]) => lastRows(tokens, 1, T).reshape([config.vocabSize]);
    const prompt = tokenizer!.encode("Attention ", "skip");

    const same = speculativeDecode({ draft: draftAt(1), target }, prompt, { gamma: 4, maxNewTokens: 20, rng: new Rng(3) });
    expect(same.accepted).toBe(same.proposed);
    expect(same.targetCalls).toBe(4); // 5 tokens per pass: 4 accepted drafts and the bonus
    expect(tokenizer!.decode(same.tokens)).toHaveLength(20);

    const hot = () => speculativeDecode({ draft: draftAt(1.5), target }, prompt, { gamma: 4, maxNewTokens: 20, rng: new Rng(3) });
    const a = hot();
    expect(a.accepted).toBeGreaterThan(0);
    expect(a.accepted).toBeLessThan(a.proposed);
    expect(a.targetCalls).toBeLessThan(20);
    expect(hot().tokens).toEqual(a.tokens); // seeded: reproducible
  });
});
