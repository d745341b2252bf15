import { Rng, add, multiHeadAttention, randn, sinusoidalEncoding, Tensor, type AttentionWeights } from "@qkv/core";
import { check, defineExperiment, fmt, maxAbsDiff, type Row } from "@qkv/experiments";

type Position = "none" | "sinusoidal" | "RoPE";
const POSITIONS: Position[] = ["none", "sinusoidal", "RoPE"];

/** Rows of x (T, d) in the order `perm`: row i of the result is row perm[i] of x. */
function permuteRows(x: Tensor, perm: number[]): Tensor {
  const [T, d] = x.shape;
  const out = Tensor.zeros([T, d]);
  for (let i = 0; i < T; i++) out.data.set(x.data.subarray(perm[i] * d, (perm[i] + 1) * d), i * d);
  return out;
}

export default defineExperiment<"no-position">({
  id: "permutation-equivariance",
  title: "Without positions, self-attention cannot tell word order",
  claim:
    "Without positional information self-attention is permutation-equivariant (shuffling the tokens shuffles the outputs the same way), while with sinusoidal encodings or RoPE it is not.",
  method: `Random tokens $X$ $(T, d{=}16)$, random multi-head attention weights (2 heads) and a random permutation $P$.
For each kind of position information compute $f(X)$ with \`multiHeadAttention\` (sinusoidal: $X + PE$ before the layer;
RoPE: the layer's \`rope\` option) and measure the relative deviation
$\\max|f(PX) - P f(X)| / \\max|f(X)|$. Positions belong to slots, not tokens: after shuffling, token $i$ sits at a new
position.

PASS when the deviation is below $10^{-12}$ (rounding) without positions and above $10^{-2}$ with sinusoidal
encodings and with RoPE, for every $T$.`,
  breaks: { "no-position": "the sinusoidal and RoPE runs leave the positions out" },
  run({ mode, broken, progress }) {
    const lengths = mode === "full" ? [4, 8, 16, 32, 64] : [4, 8, 16];
    const d = 16;
    const rng = new Rng(2);
    const w = (): Tensor => randn([d, d], rng, 1 / Math.sqrt(d));
    const W: AttentionWeights = { W_Q: w(), W_K: w(), W_V: w(), W_O: w() };
    const rows: Row[] = [];
    for (const [n, T] of lengths.entries()) {
      const X = randn([T, d], rng);
      const perm = Array.from({ length: T }, (_, i) => i);
      for (let i = T - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [perm[i], perm[j]] = [perm[j], perm[i]];
      }
      const pe = sinusoidalEncoding(T, d);
      for (const position of POSITIONS) {
        const off = broken === "no-position";
        const f = (x: Tensor): Tensor => {
          const input = position === "sinusoidal" && !off ? add(x, pe) : x;
          const rope = position === "RoPE" && !off ? { rope: { convention: "rotate_half" as const } } : {};
          return multiHeadAttention(input, input, W, { numHeads: 2, weights: "none", ...rope }).output;
        };
        const fx = f(X);
        const dev = maxAbsDiff(f(permuteRows(X, perm)).data, permuteRows(fx, perm).data);
        const scale = Math.max(...Array.from(fx.data, Math.abs));
        rows.push({ T, position, deviation: dev / scale });
      }
      progress((n + 1) / lengths.length);
    }
    const of = (p: Position) => rows.filter((r) => r.position === p).map((r) => r.deviation as number);
    return {
      figures: POSITIONS.map((p) => ({ label: `largest relative deviation, ${p}`, value: Math.max(...of(p)) })),
      checks: [
        check("no positions: max|f(PX) − P f(X)| / max|f(X)| < 1e-12 for every T", of("none").every((v) => v < 1e-12), of("none").map(fmt).join(", ")),
        check("sinusoidal: deviation > 1e-2 for every T", of("sinusoidal").every((v) => v > 1e-2), of("sinusoidal").map(fmt).join(", ")),
        check("RoPE: deviation > 1e-2 for every T", of("RoPE").every((v) => v > 1e-2), of("RoPE").map(fmt).join(", ")),
      ],
      table: {
        columns: [
          { key: "T", label: "T", unit: "tokens" },
          { key: "position", label: "position information" },
          { key: "deviation", label: "max|f(PX) − P f(X)| / max|f(X)|" },
        ],
        rows,
      },
      plot: {
        mark: "line",
        x: { key: "T", label: "sequence length", unit: "tokens", scale: "log" },
        // Exact equivariance can give a deviation of exactly 0, which a log axis cannot show: floor at 1e-18.
        y: { key: "shown", label: "relative deviation from equivariance (floor 1e-18)", scale: "log" },
        series: "position",
        rows: rows.map((r) => ({ ...r, shown: Math.max(r.deviation as number, 1e-18) })),
        caption: "How far f(PX) is from P f(X) after shuffling the tokens, by kind of position information.",
      },
    };
  },
});
