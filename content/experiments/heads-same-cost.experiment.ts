import { Rng, multiHeadAttention, randn, Tensor, type AttentionWeights } from "@qkv/core";
import { check, defineExperiment, fmt, type Row } from "@qkv/experiments";

export default defineExperiment<"full-width-heads">({
  id: "heads-same-cost",
  title: "Splitting d into h heads costs nothing extra",
  claim:
    "Multi-head attention with h heads of size d/h has the same number of parameters and the same FLOPs as one head of size d.",
  method: `For $d$ fixed and $h \\in \\{1, 2, 4, …\\}$, build the projection matrices of \`multiHeadAttention\` with
head size $d/h$ and run it on $T$ random tokens. Parameters are counted from the weight tensors. FLOPs
(multiply-adds × 2) are counted from the shapes core actually produced: the Q, K, V and output projections
($2·T·d·D$ each, $D$ = width of $W_Q$) plus scores and the weighted sum ($2·\\text{size(weights)}·d_h$ each, where
the per-head weights tensor is $(h, T, T)$). Wall time per call is measured in the full run (a figure, not a
criterion).

PASS when parameters and FLOPs are equal for every $h$.`,
  breaks: { "full-width-heads": "each head gets the full width d (the common misconception), so D = h·d" },
  run({ mode, broken, progress }) {
    const d = mode === "full" ? 256 : 64;
    const T = mode === "full" ? 128 : 16;
    const heads = mode === "full" ? [1, 2, 4, 8, 16, 32] : [1, 2, 4, 8];
    const rng = new Rng(8);
    const x = randn([T, d], rng);
    const rows: Row[] = [];
    for (const [i, h] of heads.entries()) {
      const D = broken === "full-width-heads" ? h * d : d;
      const W: AttentionWeights = {
        W_Q: randn([d, D], rng, 1 / Math.sqrt(d)),
        W_K: randn([d, D], rng, 1 / Math.sqrt(d)),
        W_V: randn([d, D], rng, 1 / Math.sqrt(d)),
        W_O: randn([D, d], rng, 1 / Math.sqrt(D)),
      };
      const params = [W.W_Q, W.W_K, W.W_V, W.W_O].reduce<number>((n, w) => n + (w as Tensor).size, 0);
      const r = multiHeadAttention(x, x, W, { numHeads: h, weights: "per-head" });
      const hd = D / h;
      const flops = 4 * 2 * T * d * D + 2 * 2 * r.weights.size * hd;
      let ms = NaN;
      if (mode === "full") {
        const times: number[] = [];
        for (let k = 0; k < 5; k++) {
          const t0 = performance.now();
          multiHeadAttention(x, x, W, { numHeads: h, weights: "none" });
          times.push(performance.now() - t0);
        }
        ms = times.sort((a, b) => a - b)[2];
      }
      rows.push({ heads: h, headSize: hd, params, flops, ms });
      progress((i + 1) / heads.length);
    }
    const params = rows.map((r) => r.params as number);
    const flops = rows.map((r) => r.flops as number);
    const times = rows.map((r) => r.ms as number).filter(Number.isFinite);
    const figures = [
      { label: `parameters (d = ${d}), every h`, value: params[0] },
      { label: `FLOPs per call (T = ${T}), h = 1`, value: flops[0] },
      { label: "FLOPs largest / smallest over h", value: Math.max(...flops) / Math.min(...flops) },
    ];
    if (times.length) figures.push({ label: "measured time largest / smallest over h", value: Math.max(...times) / Math.min(...times) });
    return {
      figures,
      checks: [
        check("parameter count is the same for every h", params.every((p) => p === params[0]), params.map(fmt).join(", ")),
        check("counted FLOPs are the same for every h", flops.every((f) => f === flops[0]), flops.map(fmt).join(", ")),
      ],
      table: {
        columns: [
          { key: "heads", label: "heads h" },
          { key: "headSize", label: "head size d/h" },
          { key: "params", label: "parameters" },
          { key: "flops", label: "FLOPs per call" },
          { key: "ms", label: "time per call", unit: "ms" },
        ],
        rows: rows.map((r) => (Number.isFinite(r.ms) ? r : { ...r, ms: "–" })),
      },
      plot: {
        mark: "line",
        x: { key: "heads", label: "number of heads h", scale: "log" },
        y: { key: "relative", label: "cost relative to one head" },
        series: "cost",
        rows: rows.flatMap((r) => [
          { heads: r.heads, cost: "parameters", relative: (r.params as number) / params[0] },
          { heads: r.heads, cost: "FLOPs", relative: (r.flops as number) / flops[0] },
        ]),
        caption: `Parameters and counted FLOPs of multi-head attention (d = ${d}, T = ${T}) against the number of heads.`,
      },
    };
  },
});
