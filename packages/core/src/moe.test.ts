import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { swiglu } from "./activations.js";
import { ArgumentError, ShapeError } from "./errors.js";
import { initMoe, loadBalanceStats, moe, routeTokens } from "./moe.js";
import { Rng, randn } from "./random.js";
import { Tensor } from "./tensor.js";

describe("moe", () => {
  it("output equals the routing-weighted sum of the chosen experts' outputs", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), (seed, T, k) => {
        const rng = new Rng(seed);
        const weights = initMoe({ dModel: 5, numExperts: 4, ffnHidden: 6 }, rng, 0.5);
        const x = randn([T, 5], rng);
        const r = moe(x, weights, { topK: k });
        // Reference: run every expert on every token, then combine the chosen ones.
        const all = weights.experts.map((e) => swiglu(x, e));
        for (let t = 0; t < T; t++) {
          for (let c = 0; c < 5; c++) {
            let want = 0;
            for (let j = 0; j < k; j++) {
              const e = r.selectedExperts.get(t, j);
              want += r.routingWeights.get(t, j) * all[e].get(t, c);
            }
            expect(r.output.get(t, c)).toBeCloseTo(want, 12);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it("selects the top-k logits in descending order and softmaxes over them only", () => {
    const W_router = [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
    ];
    const { routerLogits, selectedExperts, routingWeights } = routeTokens([[3, 1]], W_router, 2);
    expect(routerLogits.toArray()).toEqual([[3, 1, 0, 0]]);
    // ties (experts 2, 3 both 0) never reach the top 2 here; the winners are 0 then 1
    expect(selectedExperts.toArray()).toEqual([[0, 1]]);
    const w = routingWeights.toArray() as number[][];
    expect(w[0][0]).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
    expect(w[0][0] + w[0][1]).toBeCloseTo(1, 15);
  });

  it("breaks ties in router logits by the smaller expert id", () => {
    const { selectedExperts } = routeTokens([[1]], [[2, 5, 5, 1]], 2);
    expect(selectedExperts.toArray()).toEqual([[1, 2]]);
  });

  it("top-1 routing has weight exactly 1", () => {
    const rng = new Rng(3);
    const r = moe(randn([4, 3], rng), initMoe({ dModel: 3, numExperts: 3, ffnHidden: 4 }, rng), { topK: 1 });
    expect(Array.from(r.routingWeights.data)).toEqual([1, 1, 1, 1]);
  });

  it("load balancing: fractions, mean probabilities and the aux loss", () => {
    // Two tokens, two experts, top-1. Logits [a, 0] and [0, b]: token 0 → expert 0 (a > 0), token 1 → expert 1.
    const a = 2;
    const b = 1;
    const routing = routeTokens(
      [
        [a, 0],
        [0, b],
      ],
      [
        [1, 0],
        [0, 1],
      ],
      1,
    );
    const s = loadBalanceStats(routing);
    expect(Array.from(s.tokensPerExpert.data)).toEqual([1, 1]);
    expect(Array.from(s.tokenFraction.data)).toEqual([0.5, 0.5]);
    const p0 = (1 / (1 + Math.exp(-a)) + 1 / (1 + Math.exp(b))) / 2;
    expect(s.meanRouterProb.data[0]).toBeCloseTo(p0, 15);
    expect(s.meanRouterProb.data[1]).toBeCloseTo(1 - p0, 15);
    // E · Σ f_e P_e = 2 · (0.5 p0 + 0.5 (1 − p0)) = 1 for a balanced top-1 assignment
    expect(s.auxLoss).toBeCloseTo(1, 15);
  });

  it("aux loss is k for uniform router probabilities and grows when routing collapses", () => {
    const uniform = loadBalanceStats(routeTokens(Tensor.zeros([4, 2]), Tensor.zeros([2, 4]), 2));
    expect(uniform.auxLoss).toBeCloseTo(2, 15);
    // every token strongly prefers expert 0 (with top-1): f = (1, 0, 0), P_0 ≈ 1 → aux ≈ E = 3
    const collapsed = loadBalanceStats(routeTokens(Tensor.full([5, 1], 1), [[30, 0, 0]], 1));
    expect(collapsed.auxLoss).toBeGreaterThan(2.99);
  });

  it("rejects bad input with the argument name", () => {
    const w = initMoe({ dModel: 3, numExperts: 4, ffnHidden: 2 }, new Rng(0));
    expect(() => moe([[1, 2]], w, { topK: 2 })).toThrow(ShapeError);
    expect(() => moe([[1, 2]], w, { topK: 2 })).toThrow(/moe: argument "W_router" must have shape \(d_model=2, E\), got \(3, 4\)/);
    expect(() => moe([[1, 2, 3]], w, { topK: 5 })).toThrow(ArgumentError);
    expect(() => moe([[1, 2, 3]], w, { topK: 5 })).toThrow(/argument "topK" must be an integer in \[1, E=4\], got 5/);
    expect(() => moe([[1, 2, 3]], { ...w, experts: w.experts.slice(1) }, { topK: 1 })).toThrow(/argument "experts" must be a list of E=4 experts \(one per W_router column\), got 3/);
    const routing = routeTokens([[1, 2, 3]], w.W_router, 2);
    expect(() => loadBalanceStats({ ...routing, selectedExperts: new Tensor(Float64Array.of(0, 4), [1, 2]) })).toThrow(
      /loadBalanceStats: argument "routing.selectedExperts" must hold expert ids in \[0, E=4\), got 4 at flat index 1/,
    );
    expect(() => moe([[1, 2, 3]], { ...w, experts: [w.experts[0], { W1: w.experts[1].W1 } as never, w.experts[2], w.experts[3]] }, { topK: 1 })).toThrow(
      /moe: argument "weights.experts\[1\]" is missing W3, W2/,
    );
    expect(() => initMoe({ dModel: 0, numExperts: 1, ffnHidden: 1 }, new Rng(0))).toThrow(/argument "dModel"/);
  });
});
