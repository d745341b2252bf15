// Browsers with relaxed SIMD (current Chromium) run the other build of the kernels, whose multiply-adds may fuse.
// Node 20 has it only behind a flag, so this test runs the comparison in a child process with that flag.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const index = fileURLToPath(new URL("../index.ts", import.meta.url));
const instance = fileURLToPath(new URL("./instance.ts", import.meta.url));

const script = `
import { Rng, randn, matmul, matmulTransposed, scaledDotProductAttention, causalMask, softmax, layerNorm, gpt2, initGpt2, setBackend } from ${JSON.stringify(index)};
import { loadWasm } from ${JSON.stringify(instance)};
const rng = new Rng(4);
const rel = (a, b) => { let d = 0; for (let i = 0; i < a.length; i++) { const e = a[i] === b[i] ? 0 : Math.abs(a[i] - b[i]) / (1 + Math.abs(a[i])); if (!(e <= d)) d = e; } return d; };
const both = (f) => { setBackend("js"); const j = f(); setBackend("wasm"); const w = f(); setBackend("js"); return rel(j, w); };
const a = randn([2, 37, 300], rng), b = randn([300, 29], rng), bt = randn([29, 300], rng);
const Q = randn([3, 70, 16], rng), K = randn([3, 90, 16], rng), V = randn([3, 90, 8], rng);
const x = randn([9, 65], rng, 4);
const gc = { vocabSize: 50, contextLength: 40, dModel: 24, numHeads: 3, numLayers: 2 };
const gw = initGpt2(gc, rng, 0.3);
const ids = Array.from({ length: 33 }, () => rng.int(50));
console.log(JSON.stringify({
  relaxed: loadWasm(false)?.relaxed,
  matmul: both(() => matmul(a, b).data),
  thin: both(() => matmul(randn([2, 300], new Rng(1)), b).data),
  transposed: both(() => matmulTransposed(a, bt).data),
  attention: both(() => scaledDotProductAttention(Q, K, V, { mask: causalMask(70, 90) }).output.data),
  softmax: both(() => softmax(x).data),
  layerNorm: both(() => layerNorm(x).data),
  gpt2: both(() => gpt2(gw, gc, ids).logits.data),
}));
`;

describe("relaxed-SIMD build", () => {
  it("is chosen where the engine validates it, and agrees with js to 1e-12", () => {
    const out = execFileSync(process.execPath, ["--experimental-wasm-relaxed-simd", "--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    const r = JSON.parse(out.trim().split("\n").pop()!) as Record<string, number | boolean>;
    expect(r.relaxed).toBe(true);
    for (const k of ["matmul", "thin", "transposed", "attention", "softmax", "layerNorm", "gpt2"]) {
      expect(r[k], k).toBeTypeOf("number");
      expect(r[k], k).toBeLessThan(1e-12);
    }
  });
});
