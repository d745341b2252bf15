import { Rng, batchNorm, concat, layerNorm, randn, slice, Tensor } from "@qkv/core";
import { check, defineExperiment, fmt, maxAbsDiff, type Row } from "@qkv/experiments";

type Context = "other sequences" | "padding" | "batch size 1" | "one token, batch 1";

export default defineExperiment<"layer-norm-uses-batch-stats">({
  id: "layer-norm-vs-batch-norm",
  title: "LayerNorm's output for a sequence does not depend on the batch; BatchNorm's does",
  claim:
    "BatchNorm's output for a sequence changes with the other sequences in the batch, with padding and at batch size 1, while LayerNorm's output for the same sequence stays bitwise identical.",
  method: `One sequence $s$ $(T, d{=}8)$ is normalised inside a reference batch $[s, a, b, c]$ and in four other
contexts: with different companions $[s, e, f, g]$; the reference batch padded with zero rows to $T + 4$ (as when a
longer sequence joins the batch); alone (batch size 1); and a single token alone (one decoding step). Both
\`layerNorm\` (statistics per token) and \`batchNorm\` (training mode: statistics per feature over batch and time)
are applied to the $(B, T, d)$ batch, and the rows of $s$ are compared with the reference.

PASS when LayerNorm's rows are bitwise equal in every context and BatchNorm's differ by more than $10^{-2}$ in every
context; for the lone token BatchNorm outputs exactly $\\beta = 0$ (its variance over one position is 0).`,
  breaks: { "layer-norm-uses-batch-stats": "the LayerNorm side normalises with batch statistics" },
  run({ mode, broken, progress }) {
    const T = mode === "full" ? 16 : 6;
    const d = 8;
    const rng = new Rng(7);
    const seq = () => randn([1, T, d], rng, 2).data;
    const batchOf = (parts: ArrayLike<number>[]): Tensor => {
      const x = Tensor.zeros([parts.length, T, d]);
      parts.forEach((p, b) => x.data.set(p, b * T * d));
      return x;
    };
    const s = seq();
    const reference = batchOf([s, seq(), seq(), seq()]);
    const ln = (x: Tensor) => (broken === "layer-norm-uses-batch-stats" ? batchNorm(x) : layerNorm(x));
    const rowsOfS = (y: Tensor, tokens = T) => y.data.subarray(0, tokens * d); // s is sequence 0 of every batch
    const refLn = rowsOfS(ln(reference));
    const refBn = rowsOfS(batchNorm(reference));
    const padded = concat([reference, Tensor.zeros([4, 4, d])], 1);
    const contexts: { context: Context; x: Tensor; tokens?: number }[] = [
      { context: "other sequences", x: batchOf([s, seq(), seq(), seq()]) },
      { context: "padding", x: padded },
      { context: "batch size 1", x: batchOf([s]) },
      { context: "one token, batch 1", x: slice(batchOf([s]), 1, 0, 1), tokens: 1 },
    ];
    const rows: Row[] = [];
    let loneTokenBn = NaN;
    for (const [i, c] of contexts.entries()) {
      const k = c.tokens ?? T;
      const lnOut = rowsOfS(ln(c.x), k);
      const bnOut = rowsOfS(batchNorm(c.x), k);
      rows.push({ context: c.context, norm: "LayerNorm", change: maxAbsDiff(lnOut, refLn.subarray(0, k * d)) });
      rows.push({ context: c.context, norm: "BatchNorm", change: maxAbsDiff(bnOut, refBn.subarray(0, k * d)) });
      if (c.tokens === 1) loneTokenBn = Math.max(...Array.from(bnOut, Math.abs));
      progress((i + 1) / contexts.length);
    }
    const of = (norm: string) => rows.filter((r) => r.norm === norm).map((r) => r.change as number);
    return {
      figures: [
        { label: "largest change of LayerNorm's output", value: Math.max(...of("LayerNorm")) },
        { label: "smallest change of BatchNorm's output", value: Math.min(...of("BatchNorm")) },
        { label: "BatchNorm output magnitude for a lone token", value: loneTokenBn },
      ],
      checks: [
        check("LayerNorm: the rows of s are bitwise equal in every context", of("LayerNorm").every((v) => v === 0), of("LayerNorm").map(fmt).join(", ")),
        check("BatchNorm: the rows of s change by > 1e-2 in every context", of("BatchNorm").every((v) => v > 1e-2), of("BatchNorm").map(fmt).join(", ")),
        check("BatchNorm maps a lone token (batch 1, T = 1) to exactly β = 0", loneTokenBn === 0, `max |output| = ${fmt(loneTokenBn)}`),
      ],
      table: {
        columns: [
          { key: "context", label: "context of s" },
          { key: "norm", label: "normalisation" },
          { key: "change", label: "max |Δ output of s| vs the reference batch" },
        ],
        rows,
      },
      plot: {
        mark: "dot",
        x: { key: "context", label: "context of the same sequence", scale: "band" },
        y: { key: "change", label: "max |Δ output| vs reference batch" },
        series: "norm",
        rows,
        caption: "How much the normalised rows of one fixed sequence move when only its surroundings change.",
      },
    };
  },
});
