import { Rng, add, causalMask, multiHeadAttention, randn, Tensor, type AttentionWeights } from "@qkv/core";
import { bitwiseEqual, check, defineExperiment, maxAbsDiff, type Row } from "@qkv/experiments";

export default defineExperiment<"no-mask">({
  id: "causal-mask",
  title: "A causal mask hides the future exactly",
  claim:
    "With a causal mask every future key gets exactly zero attention weight, so changing future tokens leaves the outputs at earlier positions bitwise equal.",
  method: `A two-layer stack of masked multi-head self-attention with residual connections,
$h_{l+1} = h_l + \\mathrm{MHA}(h_l; \\text{causalMask}(T))$, on random tokens $(T, d{=}16)$, 2 heads. Read every
weight on a key $j > i$ in both layers. Then, for every cut $t$, replace the tokens after $t$ with new random ones
and compare the outputs at positions $0…t$ element by element (\`Object.is\`, i.e. bitwise).

PASS when every future weight is exactly 0 and, for every cut, the earlier outputs are bitwise equal.`,
  breaks: { "no-mask": "the layers run without the causal mask" },
  run({ mode, broken, progress }) {
    const T = mode === "full" ? 24 : 10;
    const d = 16;
    const rng = new Rng(3);
    const w = (): Tensor => randn([d, d], rng, 1 / Math.sqrt(d));
    const layers: AttentionWeights[] = [0, 1].map(() => ({ W_Q: w(), W_K: w(), W_V: w(), W_O: w() }));
    const mask = broken === "no-mask" ? undefined : causalMask(T);
    const forward = (x: Tensor) => {
      let h = x;
      const weights: Tensor[] = [];
      for (const W of layers) {
        const r = multiHeadAttention(h, h, W, { numHeads: 2, attnMask: mask, weights: "per-head" });
        weights.push(r.weights);
        h = add(h, r.output);
      }
      return { h, weights };
    };
    const X = randn([T, d], rng);
    const base = forward(X);
    let futureMax = 0;
    let futureNonzero = 0;
    for (const wts of base.weights) // (H, T, T)
      for (let hh = 0; hh < 2; hh++)
        for (let i = 0; i < T; i++)
          for (let j = i + 1; j < T; j++) {
            const v = wts.data[(hh * T + i) * T + j];
            futureMax = Math.max(futureMax, v);
            if (v !== 0) futureNonzero++;
          }
    const rows: Row[] = [];
    for (let t = 0; t < T - 1; t++) {
      const Y = new Tensor(X.data.slice(), X.shape);
      Y.data.set(randn([T - 1 - t, d], rng).data, (t + 1) * d);
      const changed = forward(Y).h;
      const keep = (t + 1) * d;
      const earlier = base.h.data.subarray(0, keep);
      const after = changed.data.subarray(0, keep);
      rows.push({ cut: t, bitwise: bitwiseEqual(earlier, after) ? "yes" : "no", maxDiff: maxAbsDiff(earlier, after) });
      progress((t + 1) / (T - 1));
    }
    const equalCuts = rows.filter((r) => r.bitwise === "yes").length;
    const heat: Row[] = [];
    for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) heat.push({ query: i, key: j, weight: base.weights[0].data[i * T + j] });
    return {
      figures: [
        { label: "largest weight on a future key", value: futureMax },
        { label: "cuts with earlier outputs bitwise equal", value: equalCuts, unit: `of ${T - 1}` },
        { label: "largest change of an earlier output", value: Math.max(...rows.map((r) => r.maxDiff as number)) },
      ],
      checks: [
        check("every weight on a future key (j > i) is exactly 0, both layers, both heads", futureNonzero === 0, `${futureNonzero} nonzero, largest ${futureMax}`),
        check("changing the tokens after t leaves outputs 0…t bitwise equal, for every t", equalCuts === T - 1, `${equalCuts} of ${T - 1} cuts`),
      ],
      table: {
        columns: [
          { key: "cut", label: "tokens changed after position t" },
          { key: "bitwise", label: "outputs 0…t bitwise equal" },
          { key: "maxDiff", label: "max |Δ output| at 0…t" },
        ],
        rows,
      },
      plot: {
        mark: "cell",
        x: { key: "key", label: "key position j", scale: "band" },
        y: { key: "query", label: "query position i", scale: "band" },
        fill: { key: "weight", label: "attention weight" },
        rows: heat,
        caption: "Layer 1, head 1 attention weights (brighter = larger): everything right of the diagonal (future keys) is exactly 0.",
      },
    };
  },
});
