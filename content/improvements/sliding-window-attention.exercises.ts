import { defineExercises } from "@qkv/quiz";
import { slidingWindowMask } from "@qkv/core";

export default defineExercises([
  {
    id: "visible-pairs",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const T = 6 + rng.int(10);
      const W = 2 + rng.int(4);
      const rule = rng.uniform() < 0.5 ? ("i-j<W" as const) : ("i-j<=W" as const);
      const visible = Array.from(slidingWindowMask(T, W, rule).data).filter((v) => v === 0).length;
      return {
        prompt: `Causal sliding-window attention over $T = ${T}$ tokens, window $W = ${W}$, rule "query $i$ sees key $j$ iff $0 \\le i - j ${rule === "i-j<W" ? "<" : "\\le"} W$". How many (query, key) pairs are visible in total?`,
        expected: visible,
        mistakes: [
          { name: "use the other window rule (< vs \u2264)", value: Array.from(slidingWindowMask(T, W, rule === "i-j<W" ? "i-j<=W" : "i-j<W").data).filter((v) => v === 0).length },
          { name: "count the plain causal mask (no window)", value: (T * (T + 1)) / 2 },
        ],
        explanation: `Each query sees at most ${rule === "i-j<W" ? W : W + 1} keys (itself included); the first queries see fewer because there are fewer earlier tokens. Sum over all ${T} queries.`,
      };
    },
  },
  {
    id: "receptive-field",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const W = [512, 1024, 4096][rng.int(3)];
      const L = [8, 16, 32][rng.int(3)];
      return {
        prompt: `A model uses sliding-window attention with window $W = ${W}$ in all ${L} layers. Ignoring off-by-one details, roughly how many positions back can information reach the last layer (the theoretical receptive field)?`,
        expected: L * W,
        mistakes: [
          { name: "give a single layer's window W", value: W },
        ],
        explanation: `Each layer moves information at most about $W$ positions; stacking ${L} layers gives $${L} \\times ${W}$.`,
      };
    },
  },
  {
    id: "swa-saving",
    kind: "multiple-choice",
    prompt: "What does sliding-window attention with a fixed window $W$ change asymptotically?",
    choices: [
      {
        text: "Attention time and memory become $O(TW)$ instead of $O(T^2)$, and the decode-time KV cache is bounded by $W$ per layer.",
        correct: true,
        explanation: "Each query has at most $W$ visible keys; older keys are never needed again.",
      },
      {
        text: "The model can no longer use any information older than $W$ tokens.",
        correct: false,
        explanation: "Information can be relayed through layers, up to about $L \\cdot W$ positions, though indirectly.",
      },
      {
        text: "The FFN cost drops from quadratic to linear.",
        correct: false,
        explanation: "The FFN is already linear in $T$; only attention changes.",
      },
      {
        text: "A dense $T \\times T$ matmul with a band mask runs in $O(TW)$ automatically.",
        correct: false,
        explanation: "The saving needs a kernel that skips masked blocks; a dense product plus a mask still costs $O(T^2)$.",
      },
    ],
  },

  {
    id: "tiles-computed",
    kind: "numeric",
    tolerance: { abs: 0.05 },
    generate(rng) {
      const T = 1024, tile = [32, 64][rng.int(2)], W = [64, 128, 256][rng.int(3)];
      const mask = slidingWindowMask(T, W, "i-j<W").data;
      const n = T / tile;
      let used = 0, visible = 0;
      for (let bi = 0; bi < n; bi++)
        for (let bj = 0; bj < n; bj++) {
          let any = false;
          for (let i = bi * tile; i < (bi + 1) * tile && !any; i++) for (let j = bj * tile; j < (bj + 1) * tile; j++) if (mask[i * T + j] === 0) { any = true; break; }
          if (any) used++;
        }
      for (const v of mask) if (v === 0) visible++;
      const percent = (100 * used) / (n * n);
      return {
        prompt:
          `A fused attention kernel works on ${tile}×${tile} tiles of the $T \\times T$ score matrix and skips tiles that are fully masked. For causal sliding-window attention with ` +
          `$T = ${T}$ and $W = ${W}$ (rule $i - j < W$), what percentage of the tiles must it compute? (Check your estimate on core's \`slidingWindowMask\`.)`,
        expected: percent,
        mistakes: [
          { name: "give the percentage of visible entries instead of tiles", value: (100 * visible) / (T * T) },
          { name: "count the tiles of plain causal attention", value: (100 * (n * (n + 1)) / 2) / (n * n) },
        ],
        explanation: `Tiles touching the band: the diagonal tile of each block row plus the ones to its left that the window reaches, ${used} of ${n * n} (${percent.toFixed(2)}%), versus ${((100 * visible) / (T * T)).toFixed(2)}% of entries visible: tiles along the band's edge are partly wasted, but the saving over causal (${((100 * (n * (n + 1)) / 2) / (n * n)).toFixed(2)}%) grows with $T/W$.`,
      };
    },
  },
]);
