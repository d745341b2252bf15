import {
  Rng,
  feedForwardPart,
  layerNormPart,
  randn,
  residualWithPullback,
  Tensor,
  type FeedForwardWeights,
  type Pullback,
} from "@qkv/core";
import { check, defineExperiment, fmt, type Row } from "@qkv/experiments";

type Stack = "residual" | "no residual" | "no residual, LayerNorm";
const STACKS: Stack[] = ["residual", "no residual", "no residual, LayerNorm"];
const identity = (x: Tensor) => ({ y: x, back: (dy: Tensor) => dy });

export default defineExperiment<"no-residual">({
  id: "residual-gradient-depth",
  title: "Residual connections keep the first layer's gradient alive at any depth",
  claim:
    "With residual connections the gradient reaching the first layer keeps its size as the network gets deeper, while without them it vanishes exponentially with depth.",
  method: `Stacks of $L$ feed-forward sub-layers ($d = 32$, $d_{ff} = 128$, GELU, GPT-2's initialisation
$\\mathcal N(0, 0.02^2)$), once as residual blocks $x + \\mathrm{FFN}(x)$ (core's \`residualWithPullback\`) and once
with the skip removed, $\\mathrm{FFN}(x)$. A random loss $L = \\sum y \\odot g$ on the last output is pulled back
through every layer with core's backward functions (\`feedForwardPart\`, \`residualBackward\`), and the norm of
$\\partial L/\\partial W_1$ of the first layer is recorded for each depth.

A third stack is shown for information: no skip but a LayerNorm before every sub-layer,
$\\mathrm{FFN}(\\mathrm{LN}(x))$ (\`layerNormPart\`). Its gradient does not vanish at initialisation either,
because each LayerNorm's backward divides by the (small) scale of its input and undoes the shrinking; residuals are
what keep the identity path as the weights change, so the claim is about stacks without that rescaling.

PASS when, from the shallowest to the deepest stack, the residual stack's first-layer gradient changes by less than
a factor 2 while the stack without residuals loses more than a factor $10^3$, shrinking at every step of depth.`,
  breaks: { "no-residual": "the residual stack drops its skip connection" },
  run({ mode, broken, progress }) {
    const depths = mode === "full" ? [1, 2, 4, 8, 16, 32] : [1, 2, 4, 8];
    const d = 32;
    const T = 8;
    const rows: Row[] = [];
    for (const [i, L] of depths.entries()) {
      for (const stack of STACKS) {
        const rng = new Rng(20); // the same weights for both stacks at each depth
        const layers = Array.from({ length: L }, () => ({
          ffn: { kind: "dense", activation: "gelu", W1: randn([d, 4 * d], rng, 0.02), W2: randn([4 * d, d], rng, 0.02) } satisfies FeedForwardWeights,
          ln: { gamma: Tensor.full([d], 1), beta: Tensor.zeros([d]) },
        }));
        let x: Tensor = randn([T, d], rng);
        const upstream = randn([T, d], rng);
        const backs: Pullback[] = [];
        let firstW1: Tensor | undefined;
        layers.forEach((layer, l) => {
          const sub = feedForwardPart(layer.ffn, (g) => {
            if (l === 0) firstW1 = g.W1;
          });
          const norm = stack === "no residual, LayerNorm" ? layerNormPart(layer.ln, {}, "ln") : identity;
          if (stack === "residual" && broken !== "no-residual") {
            const r = residualWithPullback(x, "pre", sub, norm);
            backs.push(r.back);
            x = r.y;
          } else {
            const n = norm(x);
            const f = sub(n.y);
            backs.push((dy) => n.back(f.back(dy)));
            x = f.y;
          }
        });
        let dy = upstream;
        for (let l = L - 1; l >= 0; l--) dy = backs[l](dy);
        rows.push({ depth: L, stack, gradient: Math.hypot(...firstW1!.data) });
      }
      progress((i + 1) / depths.length);
    }
    const of = (s: Stack) => rows.filter((r) => r.stack === s).map((r) => r.gradient as number);
    const res = of("residual");
    const plain = of("no residual");
    const resRatio = Math.max(...res) / Math.min(...res);
    const plainDrop = plain[0] / plain[plain.length - 1];
    return {
      figures: [
        { label: `first-layer gradient, residual, depth ${depths[0]} → ${depths[depths.length - 1]}`, value: res[res.length - 1] / res[0], unit: "× change" },
        { label: `first-layer gradient, no residual, depth ${depths[0]} → ${depths[depths.length - 1]}`, value: plain[plain.length - 1] / plain[0], unit: "× change" },
      ],
      checks: [
        check("residual: largest / smallest first-layer gradient over depths < 2", resRatio < 2, `${res.map(fmt).join(", ")} (ratio ${fmt(resRatio)})`),
        check(
          "no residual: the first-layer gradient shrinks at every step of depth, by > 1e3 overall",
          plainDrop > 1e3 && plain.every((g, k) => k === 0 || g < plain[k - 1]),
          `${plain.map(fmt).join(" → ")}`,
        ),
      ],
      table: {
        columns: [
          { key: "depth", label: "depth L" },
          { key: "stack", label: "stack" },
          { key: "gradient", label: "‖∂L/∂W₁‖ of the first layer" },
        ],
        rows,
      },
      plot: {
        mark: "line",
        x: { key: "depth", label: "depth (sub-layers)", scale: "log" },
        y: { key: "gradient", label: "first-layer gradient norm ‖∂L/∂W₁‖", scale: "log" },
        series: "stack",
        rows,
        caption: "Gradient norm reaching the first layer's weights as the stack gets deeper, with and without residual connections.",
      },
    };
  },
});
