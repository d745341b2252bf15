import { defineExercises } from "@qkv/quiz";
import { Rng, learnedPositions, randn } from "@qkv/core";

export default defineExercises([
  {
    id: "table-size",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const ctx = [512, 1024, 2048][rng.int(3)];
      const d = [768, 1024, 1600][rng.int(3)];
      const newCtx = ctx * 2;
      return {
        prompt: `A GPT-2-style model has a learned position table for ${ctx} positions at width ${d}. You extend the context to ${newCtx}. How many new trainable parameters does the table need?`,
        expected: (newCtx - ctx) * d,
        mistakes: [
          { name: "count the whole new table instead of the added rows", value: newCtx * d },
          { name: "think sinusoidal-style positions need no new rows", value: 0 },
        ],
        explanation: `One row of ${d} per new position: $(${newCtx} - ${ctx})\\cdot${d} = ${(newCtx - ctx) * d}$.`,
      };
    },
  },
  {
    id: "beyond-table",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const ctx = 4 + rng.int(6), T = 2 + rng.int(3);
      const table = randn([ctx, 2], new Rng(rng.int(1e6)));
      let maxStart = -1;
      for (let s = 0; s <= ctx; s++) {
        try { learnedPositions(table, T, s); maxStart = s; } catch { break; }
      }
      return {
        prompt: `A learned position table has ${ctx} rows. A chunk of ${T} tokens is fed with positions starting at \`start\` (as when decoding with a KV cache). What is the largest \`start\` that works?`,
        expected: maxStart,
        mistakes: [{ name: "forget that the chunk's last position must also have a row (ctx − 1)", value: ctx - 1 }].filter((m) => m.value !== maxStart),
        explanation: `Positions start … start + ${T} − 1 must all exist: start + ${T} ≤ ${ctx}, so start ≤ ${maxStart} (core's \`learnedPositions\` throws beyond that).`,
      };
    },
  },
]);
