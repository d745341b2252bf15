// Same-process A/B of this tree against another copy of core's src/ (e.g. `git archive <commit> packages/core/src`),
// alternating old and new run by run so that load changes on a shared machine hit both alike.
//   tsx bench/ab.ts <other src dir> [gen,fwd,mha,mha32] [--wasm] [--runs n]
// (--wasm: both copies on the wasm backend; --runs: alternations per row, default 7)
import { pathToFileURL } from "node:url";
import * as cur from "../src/index.js";

const old = (await import(pathToFileURL(`${process.argv[2]}/index.ts`).href)) as typeof cur;
const which = (process.argv[3] ?? "gen,fwd,mha,mha32").split(",");
const runsArg = process.argv.indexOf("--runs");
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
if (process.argv.includes("--wasm")) for (const lib of [old, cur]) lib.setBackend("wasm");

/** Process CPU time in ms (user + system): leaves out time other processes held the core. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Alternate old/new `runs` times after one warm-up each; print min and median wall and CPU ms of both and the ratios. */
function ab(name: string, make: (lib: typeof cur) => () => unknown, runs: number): void {
  const fs = [make(old), make(cur)];
  fs.forEach((f) => f());
  const wall: number[][] = [[], []];
  const cpu: number[][] = [[], []];
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < 2; i++) {
      const s = performance.now();
      const c = cpuMs();
      fs[i]();
      cpu[i].push(cpuMs() - c);
      wall[i].push(performance.now() - s);
    }
  }
  const med = (x: number[]) => x[Math.floor(x.length / 2)];
  const line = (clock: string, t: number[][]) => {
    const [o, n] = t.map((x) => x.sort((a, b) => a - b));
    return `${clock}: old min ${o[0].toFixed(1)} / median ${med(o).toFixed(1)} ms, new min ${n[0].toFixed(1)} / median ${med(n).toFixed(1)} ms` +
      ` (new/old: ${(n[0] / o[0]).toFixed(2)} min, ${(med(n) / med(o)).toFixed(2)} median)`;
  };
  console.log(`${name}\n  ${line("wall", wall)}\n  ${line("CPU ", cpu)}`);
}

const c = { vocabSize: 512, contextLength: 256, dModel: 256, numHeads: 4, numLayers: 4 };
const gpt = (lib: typeof cur) => lib.initGpt2(c, new lib.Rng(7), 0.08);
if (which.includes("gen")) {
  const ids = Array.from({ length: 16 }, (_, i) => (i * 37) % 512);
  ab("GPT-2 generation 16+64 tokens", (lib) => {
    const w = gpt(lib);
    return () => lib.greedyDecode(lib.gpt2CachedNextTokenLogits(w, c), ids, { maxNewTokens: 64 });
  }, runs);
}
if (which.includes("fwd")) {
  const ids = Array.from({ length: 128 }, (_, i) => (i * 37) % 512);
  ab("GPT-2 forward T=128", (lib) => {
    const w = gpt(lib);
    return () => lib.gpt2(w, c, ids);
  }, runs);
}
// MHA in float64 and float32, both dtypes exercised in this process (as in run.ts).
for (const dtype of ["float64", "float32"] as const) {
  if (!which.includes(dtype === "float64" ? "mha" : "mha32")) continue;
  for (const T of [128, 256]) {
    for (const weights of ["both", "none"] as const) {
      ab(`MHA ${dtype} T=${T} d=256 H=8 (new: weights "${weights}")`, (lib) => {
        const rng = new lib.Rng(T);
        const x = lib.randn([1, T, 256], rng).astype(dtype);
        const m = () => lib.randn([256, 256], rng, 0.06).astype(dtype);
        const b = () => lib.randn([256], rng).astype(dtype);
        const w = { W_Q: m(), W_K: m(), W_V: m(), W_O: m(), b_Q: b(), b_K: b(), b_V: b(), b_O: b() };
        return () => lib.multiHeadAttention(x, x, w, { numHeads: 8, weights });
      }, 15);
    }
  }
}
