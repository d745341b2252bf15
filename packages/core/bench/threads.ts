// Experiment (not shipped): does a second thread speed up core's float64 matmul kernel on this machine?
// Compiles wasm/kernels.ts once more with a shared, imported memory, instantiates it on the main thread and in one
// worker_threads worker over the same SharedArrayBuffer-backed memory, packs B once, then times C = A @ B with
// gemm64 on one thread (all M rows) against two threads (M/2 rows each, the worker woken with Atomics.notify),
// alternated run by run. Copies in and out are excluded on both sides (the same in both). Wall time is what a second
// thread can improve; process CPU time (both threads) shows what it costs.
//   node --import tsx bench/threads.ts [n …]   (default 256 512 1024)
import asc from "assemblyscript/dist/asc.js";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { median } from "./measure.js";

const PAGES = 2048; // 128 MiB, enough for a 1024² problem's operands and scratch
const source = fileURLToPath(new URL("../wasm/kernels.ts", import.meta.url));
let binary: Uint8Array<ArrayBuffer> | undefined;
const { error, stderr } = await asc.main(
  [source, "--enable", "simd", "--enable", "threads", "-O3", "--runtime", "stub", "--noAssert", "--importMemory",
    "--sharedMemory", "--initialMemory", String(PAGES), "--maximumMemory", String(PAGES), "--outFile", "k.wasm"],
  { writeFile: (name: string, contents: string | Uint8Array) => { if (name.endsWith(".wasm")) binary = new Uint8Array(contents as Uint8Array); } },
);
if (error || !binary) throw new Error(`asc failed: ${stderr.toString()}`);
const module = new WebAssembly.Module(binary);
const memory = new WebAssembly.Memory({ initial: PAGES, maximum: PAGES, shared: true });
type Gemm = (a: number, M: number, K: number, N: number, bp: number, ap: number, cp: number, c: number, bias: number, act: number, resid: number) => void;
const k = new WebAssembly.Instance(module, { env: { memory, abort: () => { throw new Error("abort"); } } }).exports as {
  heapBase(): number; packB64(b: number, K: number, N: number, transB: boolean, dst: number): void; gemm64: Gemm;
};

// The worker: the same module on the same memory; waits on control[0], runs the gemm described in job, sets control[1].
const control = new Int32Array(new SharedArrayBuffer(8));
const job = new Float64Array(new SharedArrayBuffer(8 * 8));
const worker = new Worker(
  `const { workerData: { module, memory, control, job } } = require("node:worker_threads");
   const k = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error("abort"); } } }).exports;
   for (;;) {
     Atomics.wait(control, 0, 0);
     Atomics.store(control, 0, 0);
     const [a, M, K, N, bp, ap, cp, c] = job;
     k.gemm64(a, M, K, N, bp, ap, cp, c, 0, 0, 0);
     Atomics.store(control, 1, 1);
     Atomics.notify(control, 1);
   }`,
  { eval: true, workerData: { module, memory, control, job } },
);
worker.unref();

const align = (x: number) => Math.ceil(x / 64) * 64;
function problem(n: number) {
  let at = align(k.heapBase());
  const take = (bytes: number) => ((at = align(at + bytes)), at - align(bytes));
  const [a, b, c1, c2, bp] = [n * n * 8, n * n * 8, n * n * 8, n * n * 8, n * (n + 4) * 8].map(take);
  // Per-thread scratch: one packed k-block of A (≤ 256 deep) and a padded accumulator, for up to n rows each.
  const [ap0, cp0, ap1, cp1] = [n * 256 * 8, n * (n + 4) * 8, n * 256 * 8, n * (n + 4) * 8].map(take);
  const f64 = new Float64Array(memory.buffer);
  for (let i = 0; i < n * n; i++) {
    f64[a / 8 + i] = Math.sin(i);
    f64[b / 8 + i] = Math.cos(3 * i);
  }
  k.packB64(b, n, n, false, bp);
  const one = () => k.gemm64(a, n, n, n, bp, ap0, cp0, c1, 0, 0, 0);
  const two = () => {
    const h = Math.floor(n / 8) * 4; // the worker's rows, a multiple of the 4-row tile
    job.set([a + (n - h) * n * 8, h, n, n, bp, ap1, cp1, c2 + (n - h) * n * 8]);
    Atomics.store(control, 1, 0);
    Atomics.store(control, 0, 1);
    Atomics.notify(control, 0);
    k.gemm64(a, n - h, n, n, bp, ap0, cp0, c2, 0, 0, 0);
    Atomics.wait(control, 1, 0);
  };
  return { one, two, same: () => f64.subarray(c1 / 8, c1 / 8 + n * n).every((x, i) => x === f64[c2 / 8 + i]) };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
console.log(`| n | runs each | load (1 min) | 1 thread: wall ms, median (best) | 2 threads: wall ms, median (best) | speed-up (median wall) | CPU ms per run, 1 / 2 threads |`);
console.log(`|---:|---:|---:|---:|---:|---:|---:|`);
for (const n of sizes.length ? sizes : [256, 512, 1024]) {
  const p = problem(n);
  for (let i = 0; i < 5; i++) {
    p.one();
    p.two();
  }
  if (!p.same()) throw new Error(`n=${n}: two threads gave a different C`);
  const runs = n >= 1024 ? 15 : 41;
  const wall: number[][] = [[], []];
  const cpu: number[][] = [[], []];
  const load = os.loadavg()[0];
  for (let r = 0; r < runs; r++) {
    for (const i of r % 2 ? [1, 0] : [0, 1]) {
      const c0 = cpuMs();
      const t0 = performance.now();
      (i === 0 ? p.one : p.two)();
      wall[i].push(performance.now() - t0);
      cpu[i].push(cpuMs() - c0);
    }
  }
  const f = (x: number) => x.toFixed(x >= 10 ? 1 : 2);
  const [w1, w2] = wall.map(median);
  console.log(`| ${n} | ${runs} | ${load.toFixed(1)}–${os.loadavg()[0].toFixed(1)} | ${f(w1)} (${f(Math.min(...wall[0]))}) | ${f(w2)} (${f(Math.min(...wall[1]))}) | ${(w1 / w2).toFixed(2)}× | ${f(median(cpu[0]))} / ${f(median(cpu[1]))} |`);
}
console.log(`\nNode ${process.version}, ${os.cpus().length} cores; float64 gemm64 (plain SIMD build), B packed once outside the timing, C bitwise equal on both sides.`);
