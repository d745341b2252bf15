import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "kv-head-of-query-head",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const H = [8, 16, 32, 64][rng.int(4)];
      const divisors = [1, 2, 4, 8].filter((d) => d <= H);
      const Hkv = divisors[rng.int(divisors.length)];
      const h = rng.int(H);
      const group = H / Hkv;
      return {
        prompt: `A GQA layer has $H = ${H}$ query heads and $H_{kv} = ${Hkv}$ key/value heads (contiguous groups). Which KV head (0-based) does query head ${h} use?`,
        expected: Math.floor(h / group),
        mistakes: [
          { name: "take h mod H_kv (interleaved groups) instead of \u230ah / group\u230b", value: h % Hkv },
        ],
        explanation: `Each KV head serves $H / H_{kv} = ${group}$ consecutive query heads, so the index is $\\lfloor ${h} / ${group} \\rfloor$.`,
      };
    },
  },
  {
    id: "kv-projection-parameters",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [2048, 4096, 5120][rng.int(3)];
      const hd = 128;
      const H = d / hd;
      const Hkv = [1, 4, 8][rng.int(3)];
      const mha = 2 * d * H * hd, gqa = 2 * d * Hkv * hd;
      return {
        prompt: `A layer has $d = ${d}$ and ${H} heads of size ${hd}. How many weights does switching $W_K$ and $W_V$ from MHA to ${Hkv === 1 ? "MQA (1 KV head)" : `GQA with ${Hkv} KV heads`} save (no biases)?`,
        expected: mha - gqa,
        mistakes: [
          { name: "give the GQA size instead of the saving", value: gqa },
          { name: "count only W_K (forget W_V)", value: (mha - gqa) / 2 },
        ],
        explanation: `MHA: $2 \\cdot d \\cdot H\\,d_{\\text{head}} = ${mha}$; with $H_{kv}$ heads: $2 \\cdot d \\cdot H_{kv} d_{\\text{head}} = ${gqa}$.`,
      };
    },
  },
  {
    id: "what-gqa-saves",
    kind: "multiple-choice",
    prompt: "What is the main benefit of grouped-query attention over standard multi-head attention?",
    choices: [
      {
        text: "A KV cache (and memory traffic per decoding step) smaller by $H / H_{kv}$, with quality close to MHA.",
        correct: true,
        explanation: "Decoding is memory-bandwidth bound; fewer K/V heads means fewer bytes read per token and more room for long contexts or batches.",
      },
      {
        text: "It removes the quadratic cost of the attention scores.",
        correct: false,
        explanation: "All $H$ query heads still compute $T \\times T$ scores; GQA only shares K and V.",
      },
      {
        text: "It reduces the number of query heads, so each head gets a larger $d_k$.",
        correct: false,
        explanation: "The query heads and their size are unchanged; only key/value heads are shared.",
      },
      {
        text: "It is required for RoPE to work.",
        correct: false,
        explanation: "RoPE works with MHA, GQA and MQA alike.",
      },
    ],
  },

  {
    id: "round-robin-port",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const H = [8, 16, 32, 64][rng.int(4)];
      const choices = [2, 4, 8].filter((k) => k < H);
      const Hkv = choices[rng.int(choices.length)];
      const group = H / Hkv;
      const right = Array.from({ length: H }, (_, h) => h).filter((h) => h % Hkv === Math.floor(h / group)).length;
      return {
        prompt:
          `A checkpoint trained with contiguous GQA groups ($H = ${H}$ query heads, $H_{kv} = ${Hkv}$) is loaded into a port that gives query head $h$ the K/V head $h \\bmod H_{kv}$. ` +
          `Predict how many of the ${H} query heads still read the K/V head they were trained with.`,
        expected: right,
        mistakes: [
          { name: "assume every query head is now wrong", value: 0 },
          { name: "assume one right head per group", value: Hkv },
        ].filter((m) => m.value !== right),
        explanation: `Head $h$ is right when $h \\bmod ${Hkv} = \\lfloor h / ${group} \\rfloor$; counting over $h = 0..${H - 1}$ gives ${right}. The model runs without an error and produces fluent-looking garbage, so a check against reference logits is the only reliable test.`,
      };
    },
  },
]);
