import { Rng, randn, scaledDotProductAttention, softmaxBackward, Tensor } from "@qkv/core";
import { check, defineExperiment, entropy, fmt, increasing, variance, type Row } from "@qkv/experiments";

const KEYS = 64; // keys per query: the softmax runs over 64 scores

export default defineExperiment<"no-scale">({
  id: "attention-scale",
  title: "Dividing scores by √d_k keeps the softmax out of saturation",
  claim:
    "Unscaled dot products q·k have variance ≈ d_k and drive the softmax towards one-hot as d_k grows, starving the gradient through it, while dividing by √d_k keeps the variance ≈ 1 and the softmax's entropy, largest weight and gradient independent of d_k.",
  method: `For each head size $d_k$, draw queries and ${KEYS} keys per query with independent $\\mathcal N(0, 1)$
components and run \`scaledDotProductAttention\` twice: with its default scale ($1/\\sqrt{d_k}$) and with
\`scale: 1\` (unscaled). Measure the variance of the scores, the mean entropy of each softmax row (nats; uniform over
${KEYS} keys is $\\ln ${KEYS} \\approx 4.16$), the mean largest weight, and the mean norm of the gradient through the
softmax, $\\lVert\\partial L/\\partial s\\rVert = \\lVert p \\odot (g - p\\cdot g)\\rVert$ for a random upstream gradient
$g \\sim \\mathcal N(0, 1)$ (\`softmaxBackward\`).

PASS when, for every $d_k$: $\\mathrm{Var}(q\\cdot k)/d_k \\in [0.85, 1.15]$ and the scaled variance $\\in [0.85, 1.15]$;
the scaled entropy varies by less than 5 % and the scaled gradient norm by less than 20 % across $d_k$; the unscaled
entropy and gradient norm fall and the unscaled largest weight rises at every step of $d_k$.`,
  breaks: { "no-scale": "the scaled run also uses scale 1 (the 1/√d_k factor removed)" },
  run({ mode, broken, progress }) {
    const dks = mode === "full" ? [16, 32, 64, 128, 256, 512] : [16, 64, 256];
    const queries = mode === "full" ? 512 : 128;
    const rng = new Rng(12);
    const rows: Row[] = [];
    for (const [i, dk] of dks.entries()) {
      const Q = randn([queries, 1, dk], rng);
      const K = randn([queries, KEYS, dk], rng);
      const V = Tensor.zeros([queries, KEYS, 1]);
      const unscaled = scaledDotProductAttention(Q, K, V, { scale: 1 });
      const scaled = scaledDotProductAttention(Q, K, V, broken === "no-scale" ? { scale: 1 } : {});
      const upstream = randn([queries, 1, KEYS], rng);
      const stats = (w: Tensor) => {
        let h = 0;
        let top = 0;
        let grad = 0;
        const ds = softmaxBackward(w, upstream).data; // ∂L/∂scores, (queries, 1, KEYS)
        for (let r = 0; r < queries; r++) {
          const row = w.data.subarray(r * KEYS, (r + 1) * KEYS);
          h += entropy(row);
          top += Math.max(...row);
          grad += Math.hypot(...ds.subarray(r * KEYS, (r + 1) * KEYS));
        }
        return { entropy: h / queries, top: top / queries, grad: grad / queries };
      };
      const u = stats(unscaled.weights);
      const s = stats(scaled.weights);
      rows.push({
        d_k: dk,
        varUnscaled: variance(unscaled.scores.data),
        varScaled: variance(scaled.scores.data),
        entropyUnscaled: u.entropy,
        entropyScaled: s.entropy,
        topUnscaled: u.top,
        topScaled: s.top,
        gradUnscaled: u.grad,
        gradScaled: s.grad,
      });
      progress((i + 1) / dks.length);
    }
    const col = (k: string) => rows.map((r) => r[k] as number);
    const ratios = rows.map((r) => (r.varUnscaled as number) / (r.d_k as number));
    const hs = col("entropyScaled");
    const spread = (Math.max(...hs) - Math.min(...hs)) / (hs.reduce((a, b) => a + b) / hs.length);
    const last = rows[rows.length - 1];
    const gs = col("gradScaled");
    const gradSpread = (Math.max(...gs) - Math.min(...gs)) / (gs.reduce((a, b) => a + b) / gs.length);
    return {
      figures: [
        { label: `Var(q·k)/d_k at d_k = ${last.d_k}`, value: ratios[ratios.length - 1] },
        { label: `Var(q·k/√d_k) at d_k = ${last.d_k}`, value: last.varScaled as number },
        { label: `largest weight at d_k = ${last.d_k}, unscaled`, value: last.topUnscaled as number },
        { label: `largest weight at d_k = ${last.d_k}, scaled`, value: last.topScaled as number },
        { label: `gradient norm through softmax at d_k = ${last.d_k}, unscaled`, value: last.gradUnscaled as number },
        { label: `gradient norm through softmax at d_k = ${last.d_k}, scaled`, value: last.gradScaled as number },
      ],
      checks: [
        check("Var(q·k)/d_k ∈ [0.85, 1.15] for every d_k", ratios.every((r) => r >= 0.85 && r <= 1.15), ratios.map(fmt).join(", ")),
        check(
          "Var(q·k/√d_k) ∈ [0.85, 1.15] for every d_k",
          col("varScaled").every((v) => v >= 0.85 && v <= 1.15),
          col("varScaled").map(fmt).join(", "),
        ),
        check("scaled entropy varies < 5 % across d_k", spread < 0.05, `spread ${fmt(spread * 100)} %`),
        check("scaled gradient norm varies < 20 % across d_k", gradSpread < 0.2, `spread ${fmt(gradSpread * 100)} %`),
        check(
          "unscaled gradient norm falls as d_k grows",
          increasing(col("gradUnscaled").map((g) => -g)),
          col("gradUnscaled").map(fmt).join(" → "),
        ),
        check(
          "unscaled entropy falls and unscaled largest weight rises as d_k grows",
          increasing(col("entropyUnscaled").map((h) => -h)) && increasing(col("topUnscaled")),
          `entropy ${col("entropyUnscaled").map(fmt).join(" → ")}; largest weight ${col("topUnscaled").map(fmt).join(" → ")}`,
        ),
      ],
      table: {
        columns: [
          { key: "d_k", label: "d_k" },
          { key: "varUnscaled", label: "Var(q·k)" },
          { key: "varScaled", label: "Var(q·k/√d_k)" },
          { key: "entropyUnscaled", label: "entropy, unscaled", unit: "nats" },
          { key: "entropyScaled", label: "entropy, scaled", unit: "nats" },
          { key: "topUnscaled", label: "largest weight, unscaled" },
          { key: "topScaled", label: "largest weight, scaled" },
          { key: "gradUnscaled", label: "‖∂L/∂s‖, unscaled" },
          { key: "gradScaled", label: "‖∂L/∂s‖, scaled" },
        ],
        rows,
      },
      plot: {
        mark: "line",
        x: { key: "d_k", label: "head size d_k", scale: "log" },
        y: { key: "entropy", label: "softmax entropy", unit: "nats" },
        series: "scores",
        rows: rows.flatMap((r) => [
          { d_k: r.d_k, entropy: r.entropyScaled, scores: "q·k/√d_k" },
          { d_k: r.d_k, entropy: r.entropyUnscaled, scores: "q·k" },
        ]),
        caption: `Mean entropy of a softmax over ${KEYS} random keys against the head size, with and without the 1/√d_k scale.`,
      },
    };
  },
});
