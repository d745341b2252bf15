// `pnpm bench`: @qkv/core (its `js` backend, and its `wasm` backend: WebAssembly SIMD) against mathjs, TensorFlow.js
// "cpu" (pure JS) and TensorFlow.js "wasm" (XNNPACK, SIMD) on the same inputs, one table from one run. Every other
// implementation's output is checked against core js's before its time counts.
//   node --expose-gc --import tsx bench/run.ts [--json out.json] [--only matmul,mha,gpt,train]
// (--expose-gc lets each row start from a collected heap; without it the garbage earlier rows left is collected, and
// charged, during whichever row runs next.)
import os from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import {
  AdamW, Rng, Tensor, decayMatricesOnly, flattenTensors, gpt2, gpt2CachedNextTokenLogits, gpt2TrainStep, greedyDecode,
  initGpt2, loadGpt2, matmul, multiHeadAttention, randn, sampleBatch, setBackend,
  type AttentionWeights, type Gpt2Config, type Gpt2Weights,
} from "../src/index.js";
import { maxAbs, maxAbsDiff, measure, median, type MeasureOptions } from "./measure.js";
import * as mj from "./peers/mathjs.js";
import * as tfp from "./peers/tfjs.js";

type Impl = "core" | "core-wasm" | "mathjs" | "tfjs-cpu" | "tfjs-wasm";
type DType = "float64" | "float32";

interface Row {
  bench: string;
  impl: Impl;
  dtype: DType;
  ms: number;
  bestMs: number;
  cpuMs: number;
  runs: number;
  /** Work per run: floating-point operations (GFLOP/s column) or tokens (tok/s column). */
  work: { flops: number } | { tokens: number };
  /** Max |output − core float64 output|, and whether it is within tolerance for the dtype. */
  diff: number;
  ok: boolean;
  compare: "values" | "tokens";
}

const args = process.argv.slice(2);
const jsonOut = args.includes("--json") ? args[args.indexOf("--json") + 1] : undefined;
const only = args.includes("--only") ? new Set(args[args.indexOf("--only") + 1].split(",")) : undefined;
const rows: Row[] = [];

/**
 * A full collection before each row and each duel: the garbage an earlier row left (tfjs-cpu and mathjs leave
 * hundreds of MB) is then not collected, and charged, during the next row's timed runs. A row's own garbage still
 * counts. Needs --expose-gc (the `bench` script passes it); a no-op without.
 */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

// Every implementation runs once for the correctness check first. Slow ones (seconds per run) count that as their
// warm-up and then get three timed runs; fast ones warm up for a further 400 ms.
const SLOW: MeasureOptions = { warmupMs: 0, minRuns: 3, maxRuns: 3 };
const FAST: MeasureOptions = {};

/** float64 outputs must agree with core's to 1e-9 relative; float32 ones to 1e-4 relative to the largest value. */
function record(bench: string, impl: Impl, dtype: DType, fn: () => ArrayLike<number>, ref: ArrayLike<number>,
  work: Row["work"], opts: MeasureOptions = FAST, compare: "values" | "tokens" = "values"): void {
  setBackend(impl === "core-wasm" ? "wasm" : "js");
  const out = fn();
  const diff = compare === "tokens" ? differingTokens(out, ref) : maxAbsDiff(out, ref);
  const ok = compare === "tokens" ? diff === 0 : diff <= (dtype === "float64" ? 1e-9 : 1e-4) * Math.max(1, maxAbs(ref));
  collect();
  const t = measure(fn, opts);
  setBackend("js");
  rows.push({ bench, impl, dtype, ms: t.ms, bestMs: t.bestMs, cpuMs: t.cpuMs, runs: t.runs, work, diff, ok, compare });
  process.stderr.write(`  ${bench} ${impl} ${dtype}: ${t.ms.toFixed(2)} ms (${t.runs} runs)\n`);
}

/** Wall and CPU ms per run of each side, and the 1-minute load average before and after. */
interface Duel {
  bench: string; dtype: string; runs: number; core: number[]; tf: number[]; coreCpu: number[]; tfCpu: number[];
  load: [number, number];
}
const duels: Duel[] = [];

/**
 * core-wasm against tfjs-wasm, alternated run by run (after both have warmed up in `record`), so that load changes
 * on a shared machine hit both alike: the ratio of these medians is the fair one when the load average is high.
 * The order alternates too (core, tf, tf, core, …): neither side always runs right after the other's garbage.
 */
function duel(bench: string, dtype: string, core: () => unknown, tf: () => unknown, runs: number): void {
  const d: Duel = { bench, dtype, runs, core: [], tf: [], coreCpu: [], tfCpu: [], load: [os.loadavg()[0], 0] };
  collect();
  const time = (f: () => unknown, wall: number[], cpu: number[]) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  };
  const runCore = () => {
    setBackend("wasm");
    time(core, d.core, d.coreCpu);
    setBackend("js");
  };
  const runTf = () => time(tf, d.tf, d.tfCpu);
  for (let r = 0; r < runs; r++) {
    for (const side of r % 2 === 0 ? [runCore, runTf] : [runTf, runCore]) side();
  }
  d.load[1] = os.loadavg()[0];
  duels.push(d);
}

function duelTable(): string {
  const lines = [
    "| benchmark | core-wasm dtype | runs each | load (1 min) | core-wasm median (best) ms | tfjs-wasm median (best) ms | tfjs-wasm ÷ core-wasm, wall | core-wasm / tfjs-wasm CPU ms | tfjs-wasm ÷ core-wasm, CPU |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const d of duels) {
    const [c, t] = [median(d.core), median(d.tf)];
    const [cc, tc] = [median(d.coreCpu), median(d.tfCpu)];
    const load = `${d.load[0].toFixed(1)}–${d.load[1].toFixed(1)}`;
    lines.push(`| ${d.bench} | ${d.dtype} | ${d.runs} | ${load} | ${fmt(c)} (${fmt(Math.min(...d.core))}) | ${fmt(t)} (${fmt(Math.min(...d.tf))}) | ${fmt(t / c)} | ${fmt(cc)} / ${fmt(tc)} | ${fmt(tc / cc)} |`);
  }
  return lines.join("\n");
}

function differingTokens(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------------------------

function benchMatmul(n: number): void {
  const rng = new Rng(n);
  const a = randn([n, n], rng);
  const b = randn([n, n], rng);
  const ref = matmul(a, b).data;
  const bench = `matmul ${n}×${n} @ ${n}×${n}`;
  const work = { flops: 2 * n ** 3 };
  const slow = n >= 512 ? SLOW : FAST;
  const a32 = a.astype("float32");
  const b32 = b.astype("float32");
  for (const impl of ["core", "core-wasm"] as const) {
    record(bench, impl, "float64", () => matmul(a, b).data, ref, work);
    record(bench, impl, "float32", () => matmul(a32, b32).data, ref, work);
  }
  const ma = mj.fromCore(a);
  const mb = mj.fromCore(b);
  record(bench, "mathjs", "float64", () => mj.flat(mj.math.multiply(ma, mb)), ref, work, n >= 256 ? SLOW : FAST);
  for (const backend of ["cpu", "wasm"] as const) {
    tfBackend(backend);
    const ta = tfp.fromCore(a);
    const tb = tfp.fromCore(b);
    const tfRun = () => tfp.runSync(() => tfp.tf.matMul(ta, tb));
    record(bench, `tfjs-${backend}`, "float32", tfRun, ref, work, backend === "cpu" ? slow : FAST);
    if (backend === "wasm") {
      duel(bench, "float64", () => matmul(a, b), tfRun, 21);
      duel(bench, "float32", () => matmul(a32, b32), tfRun, 21);
    }
    tfp.tf.dispose([ta, tb]);
  }
}

function attentionWeights(d: number, rng: Rng): AttentionWeights {
  const std = 1 / Math.sqrt(d);
  return {
    W_Q: randn([d, d], rng, std), W_K: randn([d, d], rng, std), W_V: randn([d, d], rng, std), W_O: randn([d, d], rng, std),
    b_Q: randn([d], rng, 0.1), b_K: randn([d], rng, 0.1), b_V: randn([d], rng, 0.1), b_O: randn([d], rng, 0.1),
  };
}

/** The same weights converted for another library (every entry present). */
function mapWeights<W extends object, T>(w: W, f: (t: Tensor) => T): { [K in keyof W]-?: T } {
  return Object.fromEntries(Object.entries(w).map(([k, v]) => [k, f(v as Tensor)])) as { [K in keyof W]-?: T };
}

function benchMha(T: number, d: number, H: number): void {
  const rng = new Rng(1000 + T);
  const x = randn([1, T, d], rng);
  const w = attentionWeights(d, rng);
  // Output only (weights: "none"), like the peers, which never build the (H, T, T) weights as a result either.
  const run = (xx: Tensor, ww: AttentionWeights) => multiHeadAttention(xx, xx, ww, { numHeads: H, weights: "none" }).output.data;
  const ref = run(x, w);
  const bench = `MHA self-attn B=1 T=${T} d=${d} H=${H}`;
  const work = { flops: 8 * T * d * d + 4 * T * T * d };
  const x32 = x.astype("float32");
  const w32 = mapWeights(w, (t) => t.astype("float32"));
  for (const impl of ["core", "core-wasm"] as const) {
    record(bench, impl, "float64", () => run(x, w), ref, work);
    record(bench, impl, "float32", () => run(x32, w32), ref, work);
  }
  const mx = mj.fromCore(x.reshape([T, d]));
  const mw = mapWeights(w, mj.fromCore);
  record(bench, "mathjs", "float64", () => mj.flat(mj.mha(mx, mw, H)), ref, work, SLOW);
  for (const backend of ["cpu", "wasm"] as const) {
    tfBackend(backend);
    const tx = tfp.fromCore(x.reshape([T, d]));
    const tw = mapWeights(w, tfp.fromCore);
    const tfRun = () => tfp.runSync(() => tfp.mha(tx, tw, H));
    record(bench, `tfjs-${backend}`, "float32", tfRun, ref, work, backend === "cpu" ? SLOW : FAST);
    if (backend === "wasm") duel(bench, "float64", () => run(x, w), tfRun, 21);
    tfp.tf.dispose([tx, ...Object.values(tw)]);
  }
}

// ---------------------------------------------------------------------------------------------------------------

function gptFlops(T: number, S: number, c: Gpt2Config): number {
  const d = c.dModel;
  const perLayer = 8 * T * d * d + 4 * T * S * d + 16 * T * d * d;
  return c.numLayers * perLayer + 2 * T * d * c.vocabSize;
}

function tfGpt(w: Gpt2Weights, c: Gpt2Config): tfp.TfGpt {
  const t = (v: unknown) => tfp.fromCore(v as Tensor);
  return {
    wte: t(w.wte), wpe: t(w.wpe), numHeads: c.numHeads, eps: c.normEps ?? 1e-5,
    ln_f: { gamma: t(w.ln_f.gamma), beta: t(w.ln_f.beta) },
    blocks: w.blocks.map((b) => ({
      ...mapWeights({ W_Q: b.W_Q, W_K: b.W_K, W_V: b.W_V, W_O: b.W_O, b_Q: b.b_Q, b_K: b.b_K, b_V: b.b_V, b_O: b.b_O,
        W_fc: b.W_fc, b_fc: b.b_fc, W_proj: b.W_proj, b_proj: b.b_proj }, (v) => t(v)),
      ln_1: { gamma: t(b.ln_1.gamma), beta: t(b.ln_1.beta) },
      ln_2: { gamma: t(b.ln_2.gamma), beta: t(b.ln_2.beta) },
    })),
  };
}

function disposeTfGpt(m: tfp.TfGpt): void {
  const all: tfp.tf.Tensor[] = [m.wte, m.wpe, m.ln_f.gamma, m.ln_f.beta];
  for (const b of m.blocks) {
    const { ln_1, ln_2, ...rest } = b;
    all.push(ln_1.gamma, ln_1.beta, ln_2.gamma, ln_2.beta, ...Object.values(rest));
  }
  tfp.tf.dispose(all);
}

/** Random GPT-2 weights with nonzero biases and LayerNorm affine, so the cross-check exercises every term. */
function gptWeights(c: Gpt2Config, rng: Rng): Gpt2Weights {
  const w = initGpt2(c, rng, 0.08);
  const jitter = (t: unknown, mean = 0) => randn((t as Tensor).shape, rng, 0.05).data.map((v) => v + mean);
  const set = (t: unknown, mean = 0) => (t as Tensor).data.set(jitter(t, mean));
  for (const b of w.blocks) {
    for (const k of ["b_Q", "b_K", "b_V", "b_O", "b_fc", "b_proj"] as const) set(b[k]);
    for (const ln of [b.ln_1, b.ln_2]) { set(ln.gamma, 1); set(ln.beta); }
  }
  set(w.ln_f.gamma, 1);
  set(w.ln_f.beta);
  return w;
}

function benchGpt(T: number, prompt: number, newTokens: number): void {
  const c: Gpt2Config = { vocabSize: 512, contextLength: 256, dModel: 256, numHeads: 4, numLayers: 4 };
  const rng = new Rng(7);
  const w = gptWeights(c, rng);
  const ids = Array.from({ length: T }, () => rng.int(c.vocabSize));
  const ref = gpt2(w, c, ids).logits.data;
  const bench = `GPT-2 forward T=${T} d=${c.dModel} L=${c.numLayers} H=${c.numHeads} V=${c.vocabSize}`;
  const work = { flops: gptFlops(T, T, c) };
  for (const impl of ["core", "core-wasm"] as const) record(bench, impl, "float64", () => gpt2(w, c, ids).logits.data, ref, work);

  // Greedy generation with a KV cache: one prefill over the prompt, then one token per step. The check is on the
  // generated token ids (the "max abs diff" column counts tokens that differ from core's).
  const promptIds = ids.slice(0, prompt);
  const generate = () => greedyDecode(gpt2CachedNextTokenLogits(w, c), promptIds, { maxNewTokens: newTokens }).tokens;
  const refTokens = generate();
  const genBench = `GPT-2 greedy generation, KV cache, ${prompt}-token prompt + ${newTokens} new tokens (same model)`;
  const genWork = { tokens: newTokens };
  for (const impl of ["core", "core-wasm"] as const) record(genBench, impl, "float64", generate, refTokens, genWork, SLOW, "tokens");

  for (const backend of ["cpu", "wasm"] as const) {
    tfBackend(backend);
    const m = tfGpt(w, c);
    const tfForward = () => tfp.runSync(() => tfp.gpt(m, ids));
    const tfGenerate = () => tfp.gptGenerate(m, promptIds, newTokens);
    record(bench, `tfjs-${backend}`, "float32", tfForward, ref, work, backend === "cpu" ? SLOW : FAST);
    record(genBench, `tfjs-${backend}`, "float32", tfGenerate, refTokens, genWork, SLOW, "tokens");
    if (backend === "wasm") {
      duel(bench, "float64", () => gpt2(w, c, ids), tfForward, 25);
      duel(genBench, "float64", generate, tfGenerate, 11);
    }
    disposeTfGpt(m);
  }
}

/**
 * One training step (forward + backward + clipping + AdamW) of the committed character-level GPT
 * (models/char-gpt) on a batch of 8×64 tokens, from its trained weights. Each timed core run starts from the same
 * weights with a fresh optimiser, so every run computes the same loss; tfjs updates its variables run after run
 * (its first run, the checked one, starts from the same weights).
 */
function benchTrain(): void {
  const model = loadGpt2(new Uint8Array(readFileSync(new URL("../models/char-gpt/model.safetensors", import.meta.url))));
  const c = model.config;
  const B = 8;
  const T = c.contextLength;
  const rng = new Rng(11);
  const stream = Array.from({ length: 4 * B * T }, () => rng.int(c.vocabSize));
  const batch = sampleBatch(stream, B, T, rng);
  const hp = { lr: 1e-3, betas: [0.9, 0.99] as const, eps: 1e-8, weightDecay: 0.1, maxNorm: 1 };
  const step = () => {
    const optimizer = new AdamW({ lr: hp.lr, betas: hp.betas, eps: hp.eps, weightDecay: decayMatricesOnly(hp.weightDecay) });
    return [gpt2TrainStep(model.weights, c, batch, { optimizer, lr: hp.lr, maxNorm: hp.maxNorm }).loss];
  };
  const ref = step();
  const bench = `GPT training step B=${B} T=${T} d=${c.dModel} L=${c.numLayers} H=${c.numHeads} V=${c.vocabSize} (fwd + bwd + clip + AdamW)`;
  const work = { tokens: B * T };
  for (const impl of ["core", "core-wasm"] as const) record(bench, impl, "float64", step, ref, work, SLOW);
  const named = flattenTensors(model.weights);
  for (const backend of ["cpu", "wasm"] as const) {
    tfBackend(backend);
    const vars = Object.fromEntries(Object.entries(named).map(([n, t]) => [`${backend}.${n}`, tfp.tf.variable(tfp.fromCore(t), true, `${backend}.${n}`)]));
    const v = (n: string) => vars[`${backend}.${n}`];
    const m: tfp.TfGpt = {
      wte: v("wte"), wpe: v("wpe"), numHeads: c.numHeads, eps: c.normEps ?? 1e-5,
      ln_f: { gamma: v("ln_f.gamma"), beta: v("ln_f.beta") },
      blocks: model.weights.blocks.map((_, l) => {
        const b = (k: string) => v(`blocks.${l}.${k}`);
        return {
          W_Q: b("W_Q"), W_K: b("W_K"), W_V: b("W_V"), W_O: b("W_O"), b_Q: b("b_Q"), b_K: b("b_K"), b_V: b("b_V"), b_O: b("b_O"),
          W_fc: b("W_fc"), b_fc: b("b_fc"), W_proj: b("W_proj"), b_proj: b("b_proj"),
          ln_1: { gamma: b("ln_1.gamma"), beta: b("ln_1.beta") }, ln_2: { gamma: b("ln_2.gamma"), beta: b("ln_2.beta") },
        };
      }),
    };
    const decay = Object.fromEntries(Object.entries(vars).map(([n, x]) => [n, x.rank >= 2 ? hp.weightDecay : 0]));
    const optimizer = tfp.tf.train.adam(hp.lr, hp.betas[0], hp.betas[1], hp.eps);
    const opts = { lr: hp.lr, betas: hp.betas, eps: hp.eps, weightDecay: decay, maxNorm: hp.maxNorm };
    const tfStep = () => [tfp.gptTrainStep(m, vars, optimizer, batch, opts)];
    record(bench, `tfjs-${backend}`, "float32", tfStep, ref, work, SLOW);
    if (backend === "wasm") duel(bench, "float64", step, tfStep, 7);
    optimizer.dispose();
    tfp.tf.dispose(Object.values(vars));
  }
}

// ---------------------------------------------------------------------------------------------------------------

let currentBackend: string | undefined;
function tfBackend(name: "cpu" | "wasm"): void {
  if (currentBackend === name) return;
  // setBackend is async only the first time a backend initialises; initTf already did that for both.
  void tfp.tf.setBackend(name);
  if (tfp.tf.getBackend() !== name) throw new Error(`tfjs backend ${name} is not active`);
  currentBackend = name;
}

/** One core's peak GFLOP/s on this machine kind, as the performance issue states it (128-bit SIMD). */
const PEAK: Record<DType, number> = { float64: 19, float32: 37 };

function fmt(x: number, digits = 2): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(digits);
}

function table(): string {
  const lines = [
    "| benchmark | implementation | dtype | median ms | best ms | CPU ms | throughput (CPU time) | % of peak | time vs core | tfjs-wasm CPU time ÷ this | max abs diff vs core f64 |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const order = [...new Set(rows.map((r) => r.bench))];
  const sorted = [...rows].sort((a, b) => order.indexOf(a.bench) - order.indexOf(b.bench)); // stable: impl order kept
  for (const r of sorted) {
    const core = rows.find((o) => o.bench === r.bench && o.impl === "core" && o.dtype === r.dtype)
      ?? rows.find((o) => o.bench === r.bench && o.impl === "core");
    const thr = "flops" in r.work ? `${fmt(r.work.flops / r.cpuMs / 1e6)} GFLOP/s` : `${fmt(r.work.tokens / r.cpuMs * 1e3)} tok/s`;
    const ratio = r.impl === "core" ? "1 (ref)" : `${fmt(r.ms / core!.ms)}×`;
    const tfw = rows.find((o) => o.bench === r.bench && o.impl === "tfjs-wasm");
    const vsTfw = tfw ? `${fmt(tfw.cpuMs / r.cpuMs)}` : "–";
    const peak = "flops" in r.work ? `${Math.round((100 * r.work.flops) / r.cpuMs / 1e6 / PEAK[r.dtype])} %` : "–";
    const shown = r.compare === "tokens" ? `${r.diff} tokens differ` : r.diff.toExponential(1);
    const diff = r.impl === "core" && r.dtype === "float64" ? "(ref)" : `${shown} ${r.ok ? "✓" : "✗"}`;
    lines.push(`| ${r.bench} | ${r.impl} | ${r.dtype} | ${fmt(r.ms)} | ${fmt(r.bestMs)} | ${fmt(r.cpuMs)} | ${thr} | ${peak} | ${ratio} | ${vsTfw} | ${diff} |`);
  }
  return lines.join("\n");
}

const started = performance.now();
const loadBefore = os.loadavg()[0];
const tfReady = await tfp.initTf();
currentBackend = "cpu";
const want = (k: string) => !only || only.has(k);
if (want("matmul")) for (const n of [256, 512]) benchMatmul(n);
if (want("mha")) for (const T of [128, 256]) benchMha(T, 256, 8);
if (want("gpt")) benchGpt(128, 16, 64);
if (want("train")) benchTrain();
const seconds = (performance.now() - started) / 1000;

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(table());
if (duels.length) console.log(`\ncore-wasm and tfjs-wasm alternated run by run, in alternating order (same load for both):\n\n${duelTable()}`);
console.log(
  `\nNode ${process.version}, ${os.cpus().length} cores (${cpu}), single-threaded everywhere; core-wasm = core with setBackend("wasm"); tfjs ${tfp.tf.version.tfjs}` +
    ` (wasm SIMD ${tfReady.simd ? "on" : "off"}, threads off), mathjs ${mj.math.version}. Median (and best) of ≥ 3 timed runs after warm-up,` +
    ` ${typeof (globalThis as { gc?: unknown }).gc === "function" ? "each row and duel starting from a collected heap" : "WITHOUT a collection between rows (run node with --expose-gc)"};` +
    ` "CPU ms" = median CPU time of the process per run (excludes time other processes held the core: the load-robust figure); throughput and "% of peak" (of 19 GFLOP/s float64, 37 float32) use it; "time vs core" = implementation median / core (js backend) median in the same dtype (core float64 for mathjs; core float32 for tfjs where core has a float32 row, else core float64).` +
    ` Total ${seconds.toFixed(0)} s; 1-minute load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after` +
    ` (anything well above 1 means other processes shared the 2 cores, and every row is slower and noisier).`,
);
const failed = rows.filter((r) => !r.ok);
if (failed.length) {
  console.error(`\n${failed.length} implementation(s) disagree with core beyond tolerance: ${failed.map((r) => `${r.bench} ${r.impl}`).join("; ")}`);
  process.exitCode = 1;
}
if (jsonOut) {
  const load = { before: loadBefore, after: os.loadavg()[0] };
  writeFileSync(jsonOut, JSON.stringify({ rows, duels, seconds, load, node: process.version, cpu, cores: os.cpus().length }, null, 2));
}
