import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clipGradNorm } from "./clip-grad-norm.js";
import type { NamedTensors } from "./named-tensors.js";
import { tensor, type NestedArray } from "./tensor.js";

interface ClipCase {
  name: string;
  params: { kind: string; max_norm: number };
  inputs: { grads: Record<string, NestedArray> };
  expected: { total_norm: number; clipped: Record<string, NestedArray> };
}
const fixture = JSON.parse(readFileSync(new URL("../fixtures/training/optimisers.json", import.meta.url), "utf8")) as { cases: ClipCase[] };
const named = (o: Record<string, NestedArray>): NamedTensors => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, tensor(v)]));

describe("clipGradNorm against torch.nn.utils.clip_grad_norm_", () => {
  const cases = fixture.cases.filter((c) => c.params.kind === "clip_grad_norm");
  it("has the fixture's clipping cases", () => expect(cases.length).toBe(3));
  for (const c of cases) {
    it(c.name, () => {
      const { totalNorm, grads } = clipGradNorm(named(c.inputs.grads), c.params.max_norm);
      expect(Math.abs(totalNorm - c.expected.total_norm)).toBeLessThanOrEqual(1e-12);
      const want = named(c.expected.clipped);
      for (const k of Object.keys(want)) {
        want[k].data.forEach((v, i) => expect(Math.abs(grads[k].data[i] - v)).toBeLessThanOrEqual(1e-12));
      }
    });
  }
});

describe("clipGradNorm", () => {
  it("leaves the global norm at most maxNorm and keeps the direction", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 12 }), fc.double({ min: 0.01, max: 10, noNaN: true }), (values, maxNorm) => {
        const half = Math.ceil(values.length / 2);
        const g = { a: tensor(values.slice(0, half)), b: tensor(values.slice(half).concat([0])) };
        const { totalNorm, grads } = clipGradNorm(g, maxNorm);
        const after = Math.hypot(...grads.a.data, ...grads.b.data);
        expect(after).toBeLessThanOrEqual(maxNorm * (1 + 1e-12));
        if (totalNorm <= maxNorm) expect(after).toBeCloseTo(totalNorm, 5);
        const c = totalNorm > 0 ? after / totalNorm : 1;
        g.a.data.forEach((v, i) => expect(grads.a.data[i]).toBeCloseTo(v * c, 9));
      }),
    );
  });

  it("rejects a non-positive maxNorm", () => {
    expect(() => clipGradNorm({}, 0)).toThrow(/clipGradNorm: argument "maxNorm" must be a number > 0, got 0/);
  });
});
