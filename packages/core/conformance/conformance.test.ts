import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { layerNorm, layerNormStats, softmax } from "../src/index.js";
import { adapters } from "./adapters/index.js";
import { formatResult, runFixtureFile, runFixtureText } from "./runner.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../..");
const fixtureDirs = [resolve(here, "../fixtures"), ...["sample", "sample-grad"].map((d) => resolve(repoRoot, "../shared/oracle", d))].filter((d) =>
  existsSync(d),
);
const files = fixtureDirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(d, f)),
);

describe("PyTorch conformance fixtures", () => {
  it("finds fixture files", () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    const results = runFixtureFile(file);
    const label = `${file.split("/").at(-2)}/${file.split("/").pop()}`;
    describe(label, () => {
      for (const r of results) {
        // A component without a registered adapter must be reported FAIL; once its adapter lands it must PASS.
        const want = r.hasAdapter ? "PASS" : "FAIL";
        it(`${r.component}/${r.name} → ${want}`, () => {
          expect(formatResult(r).slice(0, 4)).toBe(want);
          if (!r.hasAdapter) expect(r.reason).toMatch(/no adapter registered/);
        });
      }
    });
  }
});

// A tiny fixture text in the oracle format, with expected values computed by an independent reference.
function fixtureText(component: string, cases: unknown[]): string {
  const enc = (v: unknown): unknown =>
    typeof v === "number" && !Number.isFinite(v) ? (Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity") : Array.isArray(v) ? v.map(enc) : v;
  return JSON.stringify({ component, cases: cases.map((c) => JSON.parse(JSON.stringify(c, (_k, v) => enc(v)))) });
}

function naiveSoftmaxRows(x: number[][], T: number): number[][] {
  return x.map((row) => {
    const z = row.map((v) => v / T);
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  });
}

describe("conformance runner", () => {
  const x = [
    [0.5, -1.25, 3, 2],
    [7, 7.5, -2, 0.25],
  ];

  it("runs unseen cases generically (new shapes and params) and passes a correct reference", () => {
    const sm = naiveSoftmaxRows(x, 0.7);
    const text = fixtureText("softmax", [
      { name: "unseen_T0.7", params: { dim: -1, temperature: 0.7 }, inputs: { x }, weights: {}, expected: { softmax: sm } },
    ]);
    const [r] = runFixtureText(text);
    expect(r.passed).toBe(true);
    expect(r.maxAbsErr).toBeLessThan(1e-12);
  });

  it("fails on a wrong value, naming the position", () => {
    const sm = naiveSoftmaxRows(x, 1);
    sm[1][2] += 1e-6;
    const [r] = runFixtureText(fixtureText("softmax", [{ name: "bad", params: {}, inputs: { x }, weights: {}, expected: { softmax: sm } }]));
    expect(r.passed).toBe(false);
    expect(r.reason).toMatch(/softmax\[1\]\[2\]/);
    expect(r.maxAbsErr).toBeGreaterThan(9e-7);
  });

  it("fails when a computed key is missing and when NaN positions differ", () => {
    const sm = naiveSoftmaxRows(x, 1);
    const missing = runFixtureText(
      fixtureText("softmax", [{ name: "m", params: {}, inputs: { x }, weights: {}, expected: { softmax: sm, entropy: [1, 2] } }]),
    )[0];
    expect(missing.passed).toBe(false);
    expect(missing.reason).toMatch(/missing computed output "entropy"/);
    const nanRow = sm.map((r) => [...r]);
    nanRow[0][0] = NaN;
    const nan = runFixtureText(fixtureText("softmax", [{ name: "n", params: {}, inputs: { x }, weights: {}, expected: { softmax: nanRow } }]))[0];
    expect(nan.passed).toBe(false);
  });

  it("compares NaN and ±Infinity positions exactly (all −∞ row → NaN, −∞ entry → 0)", () => {
    const xs = [
      [-Infinity, -Infinity],
      [0, -Infinity],
    ];
    const want = softmax(xs).toArray() as number[][];
    expect(Number.isNaN(want[0][0])).toBe(true);
    const [r] = runFixtureText(fixtureText("softmax", [{ name: "nf", params: {}, inputs: { x: xs }, weights: {}, expected: { softmax: want } }]));
    expect(r.passed).toBe(true);
  });

  it("compares integer literals exactly, floats with tolerance", () => {
    const logits = [
      [0.3, -0.2],
      [1, 2],
    ];
    const targets = [1, -100];
    const lse = Math.log(Math.exp(0.3) + Math.exp(-0.2));
    const loss = lse + 0.2;
    const base = { name: "ce", params: { ignore_index: -100 }, inputs: { logits, targets }, weights: {} };
    const good = `"num_counted": 1`;
    const textFor = (count: string, mean: number): string =>
      fixtureText("losses", [{ ...base, expected: { loss_mean: mean } }]).replace(`"loss_mean":`, `${count}, "loss_mean":`);
    expect(runFixtureText(textFor(good, loss))[0].passed).toBe(true);
    expect(runFixtureText(textFor(`"num_counted": 2`, loss))[0].passed).toBe(false);
    expect(runFixtureText(textFor(good, loss + 5e-10))[0].passed).toBe(true);
    expect(runFixtureText(textFor(good, loss + 5e-9))[0].passed).toBe(false);
  });

  it("uses relative tolerance only where FORMAT.md allows it (norms)", () => {
    const big = [[1e6, 1e6 + 1, 1e6 + 3, 1e6 - 2]];
    const { variance } = layerNormStats(big);
    const output = layerNorm(big).toArray();
    const mean = [1000000.5 + 3e-7]; // off by 3e-7 absolute, 3e-13 relative
    const [r] = runFixtureText(
      fixtureText("norms", [
        { name: "ln", params: { kind: "layer_norm", d: 4, eps: 1e-5 }, inputs: { x: big }, weights: {}, expected: { output, mean, var_biased: variance.toArray() } },
      ]),
    );
    expect(r.passed).toBe(true);
    expect(r.maxAbsErr).toBeGreaterThan(1e-9);
  });

  it("reports FAIL for a component without an adapter, and for an adapter error", () => {
    const none = runFixtureText(fixtureText("no_such_component", [{ name: "c", params: {}, inputs: {}, weights: {}, expected: { y: 1 } }]));
    expect(none[0].passed).toBe(false);
    expect(none[0].hasAdapter).toBe(false);
    expect(formatResult(none[0])).toMatch(/^FAIL no_such_component\/c max_abs_err=n\/a \(no adapter/);
    const broken = runFixtureText(fixtureText("softmax", [{ name: "c", params: {}, inputs: {}, weights: {}, expected: { softmax: [1] } }]));
    expect(broken[0].passed).toBe(false);
    expect(broken[0].reason).toMatch(/inputs\.x/);
  });

  it("tells case kinds apart by the inputs present when params.kind is absent (never by the name)", () => {
    for (const [file, wanted] of [
      ["positional_encoding.json", "rope"],
      ["positional_encoding.json", "sinusoidal"],
      ["norms.json", "rms_norm"],
      ["activations.json", "swiglu"],
      ["sampling.json", "inverse_cdf"],
    ]) {
      const doc = JSON.parse(readFileSync(resolve(here, "../fixtures", file), "utf8")) as { cases: { name: string; params: Record<string, unknown> }[] };
      const c = doc.cases.find((x) => x.params.kind === wanted)!;
      delete c.params.kind;
      c.name = "renamed";
      const [r] = runFixtureText(JSON.stringify({ ...doc, cases: [c] }));
      expect(r.reason, `${file} ${wanted}`).toBeUndefined();
      expect(r.passed).toBe(true);
    }
  });

  it("checks backward blocks: every listed leaf, abs/rel 1e-9; a wrong, missing or unknown gradient fails", () => {
    const x = [
      [0.5, -1.25, 3],
      [2, 0.25, -1],
    ];
    const u = [
      [0.3, -0.2, 1],
      [0.1, 0.4, -0.6],
    ];
    // Independent reference: dx = y ⊙ (u − Σ u ⊙ y) per row.
    const y = naiveSoftmaxRows(x, 1);
    const dx = y.map((row, r) => {
      const dot = row.reduce((s, v, j) => s + v * u[r][j], 0);
      return row.map((v, j) => v * (u[r][j] - dot));
    });
    const run = (backward: unknown, component = "softmax") =>
      runFixtureText(fixtureText(component, [{ name: "b", params: {}, inputs: { x }, weights: {}, expected: { softmax: y }, backward }]))[0];
    expect(run({ of: "softmax", upstream: u, grads: { "inputs.x": dx } }).passed).toBe(true);
    const off = dx.map((r) => [...r]);
    off[1][2] += 2e-9;
    const wrong = run({ of: "softmax", upstream: u, grads: { "inputs.x": off } });
    expect(wrong.passed).toBe(false);
    expect(wrong.reason).toMatch(/backward \(of softmax\): inputs\.x\[1\]\[2\]/);
    expect(run({ of: "softmax", upstream: u, grads: { "inputs.x": dx, "weights.W": [1] } }).reason).toMatch(/missing computed output "weights\.W"/);
    expect(run({ of: "entropy", upstream: u, grads: { "inputs.x": dx } }).reason).toMatch(/"of" must name a key of expected/);
    // An adapter without reverse mode (every registered one has it now): a stand-in registered for this check only.
    adapters.forward_only = { run: (c) => ({ softmax: softmax(c.inputs.x as number[][]) }) };
    try {
      expect(run({ of: "softmax", upstream: u, grads: { "inputs.x": dx } }, "forward_only").reason).toMatch(/no reverse mode for component "forward_only"/);
    } finally {
      delete adapters.forward_only;
    }
  });

  it("every registered adapter is keyed by a component name", () => {
    for (const [name, a] of Object.entries(adapters)) {
      expect(name).toMatch(/^[a-z0-9_]+$/);
      expect(typeof a.run).toBe("function");
    }
    expect(Object.keys(adapters).length).toBeGreaterThanOrEqual(10);
  });
});
