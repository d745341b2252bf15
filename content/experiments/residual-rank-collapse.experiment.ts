import { Rng, add, layerNorm, multiHeadAttention, randn, Tensor, type AttentionWeights } from "@qkv/core";
import { check, defineExperiment, fmt, type Row } from "@qkv/experiments";

/** ‖X − 1·x̄ᵀ‖_F / ‖X‖_F: how far the tokens are from all being the same vector (0 = rank-1 collapse). */
function tokenSpread(X: Tensor): number {
  const [T, d] = X.shape;
  let total = 0;
  let spread = 0;
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < T; i++) m += X.data[i * d + j];
    m /= T;
    for (let i = 0; i < T; i++) {
      spread += (X.data[i * d + j] - m) ** 2;
      total += X.data[i * d + j] ** 2;
    }
  }
  return Math.sqrt(spread / total);
}

export default defineExperiment<"no-residual">({
  id: "residual-rank-collapse",
  title: "Residual connections stop deep attention from collapsing the tokens",
  claim:
    "A deep stack of self-attention layers without residual connections collapses all token representations into one vector, while the same stack with (pre-LN) residual connections keeps them distinct.",
  method: `Random tokens $X$ $(T{=}16, d{=}32)$ pass through $L$ layers of multi-head self-attention (4 heads, random
weights, \`multiHeadAttention\`), either as $X_{l+1} = \\mathrm{MHA}(X_l)$ or as a pre-LN residual block (GPT-2's
placement), $X_{l+1} = X_l + \\mathrm{MHA}(\\mathrm{LN}(X_l))$. After each layer measure the token spread
$\\lVert X - \\mathbf 1\\bar x^\\top\\rVert_F / \\lVert X\\rVert_F$ (0 means every token is the same vector: the
output has rank 1). Each attention output is a convex mix of value vectors, so without the identity path the
tokens are averaged again and again (Dong et al. 2021, "Attention is not all you need"). For information, a
residual without LayerNorm, $X_l + \\mathrm{MHA}(X_l)$, is shown too: it slows the collapse but, with the shared
component growing unnormalised, the spread still shrinks geometrically.

PASS when, at the deepest layer, the spread without residuals is below $10^{-3}$ and the spread of the pre-LN
residual stack is above 0.1.`,
  breaks: { "no-residual": "the residual stack drops its skip connection" },
  run({ mode, broken, progress }) {
    const depth = mode === "full" ? 32 : 12;
    const T = 16;
    const d = 32;
    const rng = new Rng(15);
    const w = () => randn([d, d], rng, 1 / Math.sqrt(d));
    const layers: AttentionWeights[] = Array.from({ length: depth }, () => ({ W_Q: w(), W_K: w(), W_V: w(), W_O: w() }));
    const X = randn([T, d], rng);
    const attend = (x: Tensor, W: AttentionWeights) => multiHeadAttention(x, x, W, { numHeads: 4, weights: "none" }).output;
    let plain = X;
    let preLn = X;
    let bare = X;
    const s0 = tokenSpread(X);
    const rows: Row[] = [{ layer: 0, plain: s0, residual: s0, bare: s0 }];
    for (const [l, W] of layers.entries()) {
      plain = attend(plain, W);
      const f = attend(layerNorm(preLn), W);
      preLn = broken === "no-residual" ? f : add(preLn, f);
      bare = add(bare, attend(bare, W));
      rows.push({ layer: l + 1, plain: tokenSpread(plain), residual: tokenSpread(preLn), bare: tokenSpread(bare) });
      progress((l + 1) / depth);
    }
    const last = rows[rows.length - 1];
    return {
      figures: [
        { label: `token spread after ${depth} layers, no residual`, value: last.plain as number },
        { label: `token spread after ${depth} layers, pre-LN residual`, value: last.residual as number },
        { label: `token spread after ${depth} layers, residual without LayerNorm`, value: last.bare as number },
      ],
      checks: [
        check(`without residuals the spread after ${depth} layers is < 1e-3`, (last.plain as number) < 1e-3, fmt(last.plain as number)),
        check(`with pre-LN residuals the spread after ${depth} layers is > 0.1`, (last.residual as number) > 0.1, fmt(last.residual as number)),
      ],
      table: {
        columns: [
          { key: "layer", label: "layer" },
          { key: "plain", label: "token spread, no residual" },
          { key: "residual", label: "token spread, pre-LN residual" },
          { key: "bare", label: "token spread, residual without LN" },
        ],
        rows,
      },
      plot: {
        mark: "line",
        x: { key: "layer", label: "depth (layers)" },
        y: { key: "spread", label: "token spread ‖X − 1x̄ᵀ‖ / ‖X‖", scale: "log" },
        series: "stack",
        rows: rows.flatMap((r) => [
          { layer: r.layer, spread: Math.max(r.plain as number, 1e-18), stack: "attention only" },
          { layer: r.layer, spread: r.residual, stack: "pre-LN residual" },
          { layer: r.layer, spread: r.bare, stack: "residual, no LN" },
        ]),
        caption: "How distinct the token vectors stay through a deep stack of self-attention, with and without residuals.",
      },
    };
  },
});
