import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { warmupCosine } from "./lr-schedule.js";

interface ScheduleCase {
  name: string;
  params: { kind: string; peak_lr: number; min_lr: number; warmup_steps: number; total_steps: number; start_factor: number };
  expected: { lr: number[] };
}
const fixture = JSON.parse(readFileSync(new URL("../fixtures/training/optimisers.json", import.meta.url), "utf8")) as { cases: ScheduleCase[] };

describe("warmupCosine against torch SequentialLR(LinearLR, CosineAnnealingLR)", () => {
  const cases = fixture.cases.filter((c) => c.params.kind === "warmup_cosine");
  it("has the fixture's schedule cases", () => expect(cases.length).toBe(3));
  for (const c of cases) {
    it(c.name, () => {
      const p = c.params;
      // Default start factor 1/(W+1) is the one the fixture used.
      const lr = warmupCosine({ peakLr: p.peak_lr, minLr: p.min_lr, warmupSteps: p.warmup_steps, totalSteps: p.total_steps });
      c.expected.lr.forEach((want, t) => expect(Math.abs(lr(t) - want)).toBeLessThanOrEqual(1e-15));
    });
  }
});

describe("warmupCosine", () => {
  const lr = warmupCosine({ peakLr: 1, minLr: 0.1, warmupSteps: 3, totalSteps: 10 });
  it("rises linearly, peaks at step W, falls monotonically and stays at the floor after N", () => {
    const values = Array.from({ length: 14 }, (_, t) => lr(t));
    expect(values[3]).toBe(1);
    for (let t = 0; t < 3; t++) expect(values[t + 1]).toBeGreaterThan(values[t]);
    for (let t = 3; t < 13; t++) expect(values[t + 1]).toBeLessThanOrEqual(values[t]);
    expect(values.slice(10)).toEqual([0.1, 0.1, 0.1, 0.1]);
  });
  it("explains bad arguments", () => {
    expect(() => warmupCosine({ peakLr: 1, warmupSteps: 5, totalSteps: 5 })).toThrow(/argument "totalSteps" must be an integer > warmupSteps=5, got 5/);
    expect(() => lr(-1)).toThrow(/argument "step" must be an integer ≥ 0, got -1/);
  });
});
