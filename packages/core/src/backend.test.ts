import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { activate, geluTanh } from "./activations.js";
import { scaledDotProductAttention } from "./attention.js";
import { getBackend, setBackend, type Backend } from "./backend.js";
import { greedyDecode } from "./decoding.js";
import { ArgumentError } from "./errors.js";
import { gpt2, gpt2AttentionMaps, gpt2CachedNextTokenLogits, initGpt2, type Gpt2Config, type Gpt2Weights } from "./gpt2.js";
import { layerNorm } from "./layer-norm.js";
import { causalMask } from "./masks.js";
import { scale } from "./ops.js";
import { matmul, matmulTransposed } from "./matmul.js";
import { multiHeadAttention } from "./multi-head-attention.js";
import { Rng, randn } from "./random.js";
import { rmsNorm } from "./rms-norm.js";
import { logSoftmax, softmax } from "./softmax.js";
import { Tensor } from "./tensor.js";
import { loadWasm } from "./wasm/instance.js";

const initial = getBackend();
afterEach(() => {
  setBackend(initial);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function on<T>(backend: Backend, f: () => T): T {
  setBackend(backend);
  try {
    return f();
  } finally {
    setBackend(initial);
  }
}

/** max |a − b| / (1 + |a|), NaN where exactly one side is NaN; equal infinities count as 0. */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(b.length).toBe(a.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    if (Object.is(a[i], b[i]) || (Number.isNaN(a[i]) && Number.isNaN(b[i]))) continue;
    const e = Math.abs(a[i] - b[i]) / (1 + Math.abs(a[i]));
    if (!(e <= d)) d = e;
  }
  return d;
}

// The plain SIMD build sums every matmul element in the JS kernel's k order (bitwise equal); the relaxed build may
// fuse multiply-adds, which only moves the last bits.
const relaxed = loadWasm(false)?.relaxed ?? false;

describe("wasm backend agrees with the js reference", () => {
  it("matmul and matmulTransposed: float64 bitwise (to 1e-12 with relaxed SIMD), float32 to float32 rounding", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }), // M: thin (< 4) and packed paths
        fc.integer({ min: 1, max: 300 }), // K: several k-blocks
        fc.integer({ min: 1, max: 30 }), // N: ragged column strips
        fc.constantFrom([] as number[], [2], [3, 1]),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (M, K, N, batch, transB, f32, seed) => {
          const rng = new Rng(seed);
          let a = randn([...batch, M, K], rng);
          let b = randn(transB ? [N, K] : [...batch.map((d) => (d === 3 ? 1 : d)), K, N], rng);
          if (f32) [a, b] = [a.astype("float32"), b.astype("float32")];
          const f = transB ? matmulTransposed : matmul;
          const js = on("js", () => f(a, b));
          const wasm = on("wasm", () => f(a, b));
          expect(wasm.shape).toEqual(js.shape);
          expect(wasm.dtype).toBe(js.dtype);
          if (f32) expect(relDiff(js.data, wasm.data)).toBeLessThan(K * 2 ** -23);
          else if (relaxed) expect(relDiff(js.data, wasm.data)).toBeLessThan(1e-12);
          else expect(Array.from(wasm.data)).toEqual(Array.from(js.data));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("matmul propagates NaN and ±Infinity like the JS kernel", () => {
    const rng = new Rng(5);
    for (const M of [2, 9]) {
      const a = randn([M, 7], rng);
      const b = randn([7, 6], rng);
      a.data[3] = Infinity;
      a.data[7 + 2] = NaN;
      b.data[5 * 6 + 1] = -Infinity;
      expect(Array.from(on("wasm", () => matmul(a, b)).data)).toEqual(Array.from(on("js", () => matmul(a, b)).data));
    }
  });

  it("scaledDotProductAttention: output, scores and weights to 1e-12, with causal, additive and fully masked rows", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }), // L: row blocks of 4 and the one-row JS path
        fc.integer({ min: 1, max: 150 }), // S: several 64-key blocks
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom("none", "causal", "random", "blocked"),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (L, S, dk, dv, maskKind, seed) => {
          const rng = new Rng(seed);
          const Q = randn([2, L, dk], rng, 2);
          const K = randn([2, S, dk], rng, 2);
          const V = randn([2, S, dv], rng);
          let mask: Tensor | undefined;
          if (maskKind === "causal") mask = causalMask(L, S);
          if (maskKind === "random" || maskKind === "blocked") mask = randn([L, S], rng);
          if (maskKind === "blocked") for (let j = 0; j < S; j++) mask!.data[(L >> 1) * S + j] = -Infinity; // row L/2 fully masked
          const js = on("js", () => scaledDotProductAttention(Q, K, V, { mask }));
          const wasm = on("wasm", () => scaledDotProductAttention(Q, K, V, { mask }));
          expect(relDiff(js.output.data, wasm.output.data)).toBeLessThan(1e-12);
          expect(relDiff(js.weights.data, wasm.weights.data)).toBeLessThan(1e-12);
          expect(relDiff(js.scores.data, wasm.scores.data)).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("multiHeadAttention with grouped KV heads and key padding: output and weights to 1e-12", () => {
    const rng = new Rng(9);
    const [B, L, S, E, H, Hkv, hd] = [2, 9, 70, 12, 4, 2, 5];
    const w = { W_Q: randn([E, H * hd], rng), W_K: randn([E, Hkv * hd], rng), W_V: randn([E, Hkv * hd], rng), W_O: randn([H * hd, E], rng) };
    const q = randn([B, L, E], rng);
    const kv = randn([B, S, E], rng);
    const keyPaddingMask = Array.from({ length: B }, (_, b) => Array.from({ length: S }, (_, j) => j >= S - 3 * (b + 1)));
    const opts = { numHeads: H, numKVHeads: Hkv, keyPaddingMask, attnMask: randn([L, S], rng) };
    const js = on("js", () => multiHeadAttention(q, kv, w, opts));
    const wasm = on("wasm", () => multiHeadAttention(q, kv, w, opts));
    expect(relDiff(js.output.data, wasm.output.data)).toBeLessThan(1e-12);
    expect(relDiff(js.weights.data, wasm.weights.data)).toBeLessThan(1e-12);
  });
});

describe("wasm backend agrees with the js reference on the row-wise and elementwise kernels", () => {
  it("softmax, logSoftmax and gelu_tanh (±Infinity, NaN, all −∞ rows), layerNorm and rmsNorm (float64 and float32) to 1e-12", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 70 }),
        fc.constantFrom(1, 0.3, 7),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (rows, n, temperature, f32, seed) => {
          const rng = new Rng(seed);
          const x = randn([rows, n], rng, 5);
          const special = [Infinity, -Infinity, NaN];
          if (rows > 1) x.data[n + rng.int(n)] = special[rng.int(3)];
          if (rows > 2) x.data.fill(-Infinity, 2 * n, 3 * n);
          const g = randn([n], rng);
          const b = randn([n], rng);
          const both = (f: () => Tensor) => [on("js", f), on("wasm", f)] as const;
          for (const [js, wasm] of [
            both(() => softmax(x, { temperature })),
            both(() => logSoftmax(x, { temperature })),
            both(() => geluTanh(scale(x, temperature * 20))), // far into both tails, ±∞ and NaN
            both(() => activate(x, "gelu_tanh")),
          ]) expect(relDiff(js.data, wasm.data)).toBeLessThan(1e-12);
          const xs = f32 ? x.astype("float32") : x;
          for (const [js, wasm] of [
            both(() => layerNorm(xs, { gamma: g, beta: b, eps: 1e-5 })),
            both(() => layerNorm(xs)),
            both(() => rmsNorm(xs, { g })),
            both(() => rmsNorm(xs, { eps: 1e-6 })),
          ]) {
            expect(wasm.dtype).toBe(js.dtype);
            expect(relDiff(js.data, wasm.data)).toBeLessThan(f32 ? 2 ** -23 : 1e-12);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("GPT-2 forward with its activations held in wasm memory", () => {
  /** Random weights with nonzero biases and LayerNorm affine, so every term of the block is exercised. */
  const weightsFor = (c: Gpt2Config, rng: Rng): Gpt2Weights => {
    const w = initGpt2(c, rng, 0.3);
    const jitter = (t: unknown, mean: number) => (t as Tensor).data.forEach((_, i, d) => (d[i] = mean + 0.2 * rng.normal()));
    for (const b of w.blocks) {
      for (const k of ["b_Q", "b_K", "b_V", "b_O", "b_fc", "b_proj"] as const) jitter(b[k], 0);
      for (const ln of [b.ln_1, b.ln_2, w.ln_f]) {
        jitter(ln.gamma, 1);
        jitter(ln.beta, 0);
      }
    }
    return w;
  };
  const configs = fc.record({
    vocabSize: fc.integer({ min: 2, max: 40 }),
    contextLength: fc.integer({ min: 1, max: 20 }),
    numHeads: fc.integer({ min: 1, max: 3 }),
    headDim: fc.integer({ min: 1, max: 9 }), // ragged: head widths that are not a multiple of the vector width
    numLayers: fc.integer({ min: 1, max: 2 }),
  });

  it("gpt2 and gpt2AttentionMaps give js's logits, log-probabilities and maps (to 1e-12), ragged shapes included", () => {
    fc.assert(
      fc.property(configs, fc.integer({ min: 1, max: 24 }), fc.integer(), ({ headDim, ...rest }, T, seed) => {
        const c: Gpt2Config = { ...rest, dModel: rest.numHeads * headDim };
        const rng = new Rng(seed);
        const w = weightsFor(c, rng);
        const ids = Array.from({ length: T }, () => rng.int(c.vocabSize));
        const [js, wasm] = (["js", "wasm"] as const).map((b) => on(b, () => gpt2(w, c, ids)));
        expect(wasm.logits.shape).toEqual(js.logits.shape);
        expect(relDiff(js.logits.data, wasm.logits.data)).toBeLessThanOrEqual(1e-12);
        expect(relDiff(js.logProbsNext.data, wasm.logProbsNext.data)).toBeLessThanOrEqual(1e-12);
        const [jsMaps, wasmMaps] = (["js", "wasm"] as const).map((b) => on(b, () => gpt2AttentionMaps(w, c, ids)));
        expect(Array.from(wasmMaps.logits.data)).toEqual(Array.from(wasm.logits.data)); // the same forward pass
        wasmMaps.maps.forEach((m, l) => {
          expect(m.shape).toEqual(jsMaps.maps[l].shape);
          expect(relDiff(jsMaps.maps[l].data, m.data)).toBeLessThanOrEqual(1e-12);
        });
      }),
      { numRuns: 40 },
    );
  });

  it("allocates no tensor between the embedding and the logits on wasm, and takes the per-op path otherwise", () => {
    const c: Gpt2Config = { vocabSize: 30, contextLength: 16, dModel: 12, numHeads: 3, numLayers: 2 };
    const w = weightsFor(c, new Rng(5));
    const ids = [1, 2, 3, 4, 5, 6, 7];
    const zeros = vi.spyOn(Tensor, "zeros");
    on("wasm", () => gpt2(w, c, ids));
    expect(zeros).not.toHaveBeenCalled();
    on("js", () => gpt2(w, c, ids));
    expect(zeros.mock.calls.length).toBeGreaterThan(10);
    // float32 weights (as a float32 checkpoint loads) go through the per-op path on wasm too, and agree with js.
    zeros.mockClear();
    const w32 = { ...w, wte: (w.wte as Tensor).astype("float32") };
    const [js32, wasm32] = (["js", "wasm"] as const).map((b) => on(b, () => gpt2(w32, c, ids)));
    expect(zeros.mock.calls.length).toBeGreaterThan(20);
    expect(relDiff(js32.logits.data, wasm32.logits.data)).toBeLessThanOrEqual(1e-12);
  });

  it("reports a weight of the wrong shape exactly as the js path does", () => {
    const c: Gpt2Config = { vocabSize: 30, contextLength: 16, dModel: 12, numHeads: 3, numLayers: 2 };
    const w = weightsFor(c, new Rng(6));
    const bad = { ...w, blocks: [w.blocks[0], { ...w.blocks[1], W_proj: randn([40, 12], new Rng(0)) }] };
    const message = (b: Backend) => {
      try {
        on(b, () => gpt2(bad, c, [1, 2, 3]));
      } catch (e) {
        return (e as Error).message;
      }
      return "no error";
    };
    expect(message("js")).toMatch(/W2/);
    expect(message("wasm")).toBe(message("js"));
  });
});

describe("weights held in wasm memory during a decoding loop", () => {
  const config = { vocabSize: 40, contextLength: 24, dModel: 16, numHeads: 2, numLayers: 2 };
  const prompt = [3, 1, 4, 1, 5];
  const run = (backend: Backend, w: Gpt2Weights, next = gpt2CachedNextTokenLogits(w, config)) =>
    on(backend, () => greedyDecode(next, prompt, { maxNewTokens: 8 }));

  it("greedy decoding with cached GPT-2 gives js's tokens and step logits (to 1e-12)", () => {
    const w = initGpt2(config, new Rng(11), 0.3);
    const [js, wasm] = [run("js", w), run("wasm", w)];
    expect(wasm.tokens).toEqual(js.tokens);
    expect(relDiff(js.stepLogits!.data, wasm.stepLogits!.data)).toBeLessThanOrEqual(1e-12);
  });

  it("a weight mutated between two calls on the same next-token function changes the result exactly as on js", () => {
    const results = (["js", "wasm"] as const).map((backend) => {
      const w = initGpt2(config, new Rng(12), 0.3);
      const next = gpt2CachedNextTokenLogits(w, config);
      const before = run(backend, w, next);
      // In place, on matrices the decoding loop held in wasm memory (every thin product, the tied head).
      for (const t of [w.blocks[1].W_fc, w.blocks[0].W_Q, w.wte] as Tensor[]) t.data.forEach((x, i, d) => (d[i] = -2 * x));
      return [before, run(backend, w, next)];
    });
    const [[jsBefore, jsAfter], [wasmBefore, wasmAfter]] = results;
    expect(relDiff(jsAfter.stepLogits!.data, jsBefore.stepLogits!.data)).toBeGreaterThan(1e-3); // the mutation matters
    expect(wasmBefore.tokens).toEqual(jsBefore.tokens);
    expect(wasmAfter.tokens).toEqual(jsAfter.tokens);
    expect(relDiff(jsAfter.stepLogits!.data, wasmAfter.stepLogits!.data)).toBeLessThanOrEqual(1e-12);
  });
});

describe("backend switch", () => {
  it("selects js or wasm and rejects anything else, naming the argument", () => {
    expect(setBackend("wasm")).toBe("wasm");
    expect(getBackend()).toBe("wasm");
    expect(setBackend("js")).toBe("js");
    expect(getBackend()).toBe("js");
    expect(() => setBackend("gpu" as Backend)).toThrow(ArgumentError);
    expect(() => setBackend("gpu" as Backend)).toThrow('setBackend: argument "backend" must be "js" or "wasm", got "gpu"');
  });

  it("reports operands beyond a 32-bit memory instead of throwing (the caller then runs its JS path)", () => {
    const w = loadWasm(false)!;
    expect(w.reserve(2 ** 32)).toBeUndefined();
    const [p] = w.reserve(1024)!;
    expect(w.f64().length * 8).toBeGreaterThanOrEqual(p + 1024);
  });

  it("falls back to js without WebAssembly SIMD, and says so once", async () => {
    vi.resetModules();
    vi.stubGlobal("WebAssembly", { ...WebAssembly, validate: () => false });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const fresh = await import("./backend.js");
    expect(await fresh.init()).toBe("js");
    expect(fresh.setBackend("wasm")).toBe("js");
    expect(await fresh.init()).toBe("js");
    expect(fresh.getBackend()).toBe("js");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/this engine has no WebAssembly SIMD; using the JS kernels/);
  });
});
