import { Rng, randn, scaledDotProductAttention } from "@qkv/core";
import { check, defineExperiment, fmt, logLogSlope, type Row } from "@qkv/experiments";

export default defineExperiment({
  id: "attention-quadratic",
  title: "Attention scores grow with T²",
  claim: "The score computation of self-attention grows with the square of the sequence length T (log-log slope ≈ 2).",
  method: `Run \`scaledDotProductAttention\` on random $Q, K, V$ $(T, d_k{=}64)$ for doubling $T$. The FLOPs of the
scores are counted from what core returns: the scores tensor holds one dot product of length $d_k$ per entry, so
$2·d_k·\\text{size(scores)}$. Wall time per call (median of repeats) is measured too. The slope of
$\\log(\\text{cost})$ against $\\log T$ is the growth exponent.

PASS when the scores tensor is $(T, T)$ for every $T$ and the counted-FLOPs slope is within $[1.95, 2.05]$. The
measured-time slope is reported as a figure only: timings depend on the machine and its load.`,
  breaks: {},
  run({ mode, progress }) {
    const lengths = mode === "full" ? [64, 128, 256, 512, 1024] : [32, 64, 128, 256];
    const dk = 64;
    const repeats = mode === "full" ? 5 : 1;
    const rng = new Rng(9);
    const rows: Row[] = [];
    let square = true;
    for (const [i, T] of lengths.entries()) {
      const [Q, K, V] = [0, 1, 2].map(() => randn([T, dk], rng));
      const times: number[] = [];
      let size = 0;
      for (let k = 0; k < repeats; k++) {
        const t0 = performance.now();
        const r = scaledDotProductAttention(Q, K, V);
        times.push(performance.now() - t0);
        size = r.scores.size;
        square &&= r.scores.shape[0] === T && r.scores.shape[1] === T;
      }
      rows.push({ T, flops: 2 * dk * size, ms: times.sort((a, b) => a - b)[Math.floor(repeats / 2)] });
      progress((i + 1) / lengths.length);
    }
    const Ts = rows.map((r) => r.T as number);
    const flopSlope = logLogSlope(Ts, rows.map((r) => r.flops as number));
    const timeSlope = logLogSlope(Ts, rows.map((r) => r.ms as number));
    return {
      figures: [
        { label: "counted-FLOPs slope (log-log)", value: flopSlope },
        { label: "measured-time slope (log-log)", value: timeSlope },
        { label: `score FLOPs at T = ${Ts[Ts.length - 1]}`, value: rows[rows.length - 1].flops as number },
      ],
      checks: [
        check("the scores tensor is (T, T) for every T", square, lengths.map((T) => `${T}×${T}`).join(", ")),
        check("counted-FLOPs slope ∈ [1.95, 2.05]", flopSlope >= 1.95 && flopSlope <= 2.05, fmt(flopSlope)),
      ],
      table: {
        columns: [
          { key: "T", label: "T", unit: "tokens" },
          { key: "flops", label: "score FLOPs" },
          { key: "ms", label: "time per call", unit: "ms" },
        ],
        rows,
      },
      plot: {
        mark: "line",
        x: { key: "T", label: "sequence length T", unit: "tokens", scale: "log" },
        y: { key: "relative", label: `cost relative to T = ${Ts[0]}`, scale: "log" },
        series: "cost",
        rows: rows.flatMap((r) => [
          { T: r.T, cost: "counted FLOPs", relative: (r.flops as number) / (rows[0].flops as number) },
          { T: r.T, cost: "measured time", relative: (r.ms as number) / (rows[0].ms as number) },
          { T: r.T, cost: "T (linear, reference)", relative: (r.T as number) / Ts[0] },
        ]),
        caption: "Growth of the attention score computation with the sequence length, on log-log axes (slope 2 = quadratic).",
      },
    };
  },
});
