import { Rng, add, multiHeadAttention, randn, slidingWindowMask, Tensor, type AttentionWeights, type SlidingWindowRule } from "@qkv/core";
import { check, defineExperiment, type Row } from "@qkv/experiments";

/** Keys per hop: "i-j<W" sees W positions including itself (W − 1 back), "i-j<=W" sees W back. */
const hop = (W: number, rule: SlidingWindowRule) => (rule === "i-j<W" ? W - 1 : W);

export default defineExperiment<"no-stacking">({
  id: "sliding-window-reach",
  title: "Stacked sliding windows see L times further",
  claim:
    "With sliding-window attention of window W, after L layers a token can be influenced by tokens about L·W positions back (exactly L·(W−1) under the i−j<W rule, L·W under i−j≤W), not only W.",
  method: `Two measurements on $T$ tokens with window $W = 4$, for both window rules of \`slidingWindowMask\`:
(1) **reachability**: the boolean product of the mask's keep-pattern with itself $L$ times; the reach is the
farthest key the last token connects to. (2) **influence**: a stack of $L$ masked self-attention layers with
residuals (\`multiHeadAttention\`, random weights); nudge the input of token $j$ and see whether the last token's
output moves at all. The reach is the farthest $j$ that moves it.

PASS when, for every depth $L$ and both rules, measured influence and reachability both equal $L·\\text{hop}$
(hop = $W-1$ or $W$), which exceeds $W$ from $L = 2$ on.`,
  breaks: { "no-stacking": "every layer attends over the original input instead of the previous layer's output" },
  run({ mode, broken, progress }) {
    const W = 4;
    const depths = mode === "full" ? [1, 2, 3, 4, 5, 6] : [1, 2, 3];
    const T = depths[depths.length - 1] * W + 4;
    const d = 8;
    const rng = new Rng(14);
    const w = () => randn([d, d], rng, 1 / Math.sqrt(d));
    const layers: AttentionWeights[] = depths.map(() => ({ W_Q: w(), W_K: w(), W_V: w(), W_O: w() }));
    const x = randn([T, d], rng);
    const rows: Row[] = [];
    let ok = true;
    const rules: SlidingWindowRule[] = ["i-j<W", "i-j<=W"];
    for (const [ri, rule] of rules.entries()) {
      const mask = slidingWindowMask(T, W, rule);
      const keep = (i: number, j: number) => mask.data[i * T + j] === 0;
      for (const L of depths) {
        // (1) reachability from the last token: which positions connect within L hops.
        let reach = new Set([T - 1]);
        for (let l = 0; l < L; l++) {
          const next = new Set<number>();
          const sources = broken === "no-stacking" ? [T - 1] : [...reach];
          for (const i of sources) for (let j = 0; j < T; j++) if (keep(i, j)) next.add(j);
          reach = broken === "no-stacking" ? next : new Set([...reach, ...next]);
        }
        const reachable = T - 1 - Math.min(...reach);
        // (2) influence through the real layers.
        const forward = (input: Tensor) => {
          let h = input;
          for (const Wl of layers.slice(0, L)) {
            const src = broken === "no-stacking" ? input : h;
            h = add(h, multiHeadAttention(src, src, Wl, { numHeads: 2, attnMask: mask, weights: "none" }).output);
          }
          return h.data.subarray((T - 1) * d);
        };
        const base = forward(x);
        let influence = 0;
        for (let j = 0; j < T - 1; j++) {
          const nudged = new Tensor(x.data.slice(), x.shape);
          nudged.data[j * d] += 1;
          const out = forward(nudged);
          if (out.some((v, k) => v !== base[k])) influence = Math.max(influence, T - 1 - j);
        }
        const expected = L * hop(W, rule);
        ok &&= influence === expected && reachable === expected;
        rows.push({ rule, layers: L, expected, reachable, influence });
      }
      progress((ri + 1) / rules.length);
    }
    const deepest = rows.filter((r) => r.layers === depths[depths.length - 1]);
    return {
      figures: deepest.map((r) => ({ label: `reach after ${r.layers} layers, ${r.rule} (W = ${W})`, value: r.influence as number, unit: "tokens" })),
      checks: [
        check(
          "influence = reachability = L·hop for every L and both rules",
          ok,
          rows.map((r) => `${r.rule} L=${r.layers}: ${r.influence}/${r.reachable}/${r.expected}`).join("; "),
        ),
      ],
      table: {
        columns: [
          { key: "rule", label: "window rule" },
          { key: "layers", label: "layers L" },
          { key: "expected", label: "L·hop" },
          { key: "reachable", label: "reachable", unit: "tokens back" },
          { key: "influence", label: "measured influence", unit: "tokens back" },
        ],
        rows,
      },
      plot: {
        mark: "line",
        x: { key: "layers", label: "layers L" },
        y: { key: "influence", label: "farthest token that influences the last", unit: "tokens back" },
        series: "rule",
        rows: [...rows, ...depths.map((L) => ({ layers: L, influence: W, rule: "window W (one layer)" }))],
        caption: `Receptive field of the last token under sliding-window attention (W = ${W}) as layers are stacked.`,
      },
    };
  },
});
