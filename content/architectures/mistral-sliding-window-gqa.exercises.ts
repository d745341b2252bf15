import { defineExercises } from "@qkv/quiz";
import { matmul, slidingWindowMask, tensor } from "@qkv/core";


/** Farthest distance back from the last query that can influence it after `layers` sliding-window layers (core's mask). */
function reachBack(T: number, W: number, rule: "i-j<W" | "i-j<=W", layers: number): number {
  const keep = tensor(Array.from(slidingWindowMask(T, W, rule).data, (v) => (v === 0 ? 1 : 0))).reshape([T, T]);
  let reach = keep;
  for (let l = 1; l < layers; l++) reach = matmul(reach, keep); // (T, T): paths of length l + 1 through visible pairs
  const last = T - 1;
  let j = 0;
  while (reach.data[last * T + j] === 0) j++;
  return last - j;
}

export default defineExercises([
  {
    id: "keys-seen-by-query",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const W = 2 + rng.int(5);
      const T = W + 3 + rng.int(6);
      const i = rng.int(T);
      const rule = rng.uniform() < 0.5 ? ("i-j<W" as const) : ("i-j<=W" as const);
      const row = Array.from(slidingWindowMask(T, W, rule).data.slice(i * T, (i + 1) * T));
      return {
        prompt: `Sliding window $W = ${W}$ with the rule $0 \\le i - j ${rule === "i-j<W" ? "<" : "\\le"} W$. How many keys does query $i = ${i}$ (0-based) attend to?`,
        expected: row.filter((v) => v === 0).length,
        mistakes: [
          { name: "use the other window rule (< vs \u2264)", value: Array.from(slidingWindowMask(T, W, rule === "i-j<W" ? "i-j<=W" : "i-j<W").data.slice(i * T, (i + 1) * T)).filter((v) => v === 0).length },
        ],
        explanation: `Keys $j$ from $\\max(0, i - ${rule === "i-j<W" ? "W + 1" : "W"})$ to $i$: at most ${rule === "i-j<W" ? W : W + 1} keys including itself, fewer near the start.`,
      };
    },
  },
  {
    id: "rolling-buffer-slot",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const W = [4, 8, 4096][rng.int(3)];
      const pos = rng.int(5 * W);
      return {
        prompt: `A rolling-buffer KV cache with $W = ${W}$ slots stores the key/value of absolute position ${pos} in which slot (0-based)?`,
        expected: pos % W,
        mistakes: [
          { name: "divide instead of taking the remainder", value: Math.floor(pos / W) },
        ],
        explanation:
          `Slot $= i \\bmod W = ${pos} \\bmod ${W}$. ` +
          (pos >= W ? `It overwrites the entry of position ${pos - W}, which no query needs any more.` : "The buffer is not full yet, so nothing is overwritten."),
      };
    },
  },

  {
    id: "exact-receptive-field",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const W = 2 + rng.int(5), layers = 2 + rng.int(3);
      const rule = rng.uniform() < 0.5 ? ("i-j<W" as const) : ("i-j<=W" as const);
      const T = layers * (W + 1) + 4;
      const span = rule === "i-j<W" ? W - 1 : W;
      return {
        prompt:
          `A stack of ${layers} sliding-window attention layers, window $W = ${W}$, rule "query $i$ sees key $j$ iff $0 \\le i - j ${rule === "i-j<W" ? "<" : "\\le"} W$". ` +
          `Predict the largest distance $i - j$ such that token $j$ can still influence the last layer's output at position $i$ (a long sequence), then check it on core's mask.`,
        expected: reachBack(T, W, rule, layers),
        mistakes: [
          { name: `use the other window rule (${rule === "i-j<W" ? "\u2264" : "<"})`, value: layers * (rule === "i-j<W" ? W : W - 1) },
          { name: "count only one layer's reach", value: span },
        ],
        explanation: `One layer moves information at most ${span} position(s) back (${rule === "i-j<W" ? "$W - 1$" : "$W$"}); ${layers} layers compose to $${layers} \\times ${span} = ${layers * span}$. Multiplying core's 0/1 visibility matrix by itself ${layers} times gives the same reach.`,
      };
    },
  },
]);
