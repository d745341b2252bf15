import { defineExercises } from "@qkv/quiz";

const configs = [
  { name: "a LLaMA-2-7B-shaped model", L: 32, Hkv: 32, hd: 128 },
  { name: "a Mistral-7B-shaped model (GQA)", L: 32, Hkv: 8, hd: 128 },
  { name: "a GPT-2-small-shaped model", L: 12, Hkv: 12, hd: 64 },
  { name: "a LLaMA-2-70B-shaped model (GQA)", L: 80, Hkv: 8, hd: 128 },
];

/** Bytes of a KV cache: K and V, for every layer, KV head, head dimension, token and sequence. */
const kvBytes = (L: number, Hkv: number, hd: number, T: number, B: number, bytes: number) => 2 * L * Hkv * hd * T * B * bytes;

export default defineExercises([
  {
    id: "kv-cache-mib",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const c = configs[rng.int(configs.length)];
      const T = [1024, 2048, 4096, 8192][rng.int(4)];
      const B = 1 + rng.int(8);
      const [dtype, bytes] = rng.uniform() < 0.7 ? ["fp16", 2] : ["int8", 1];
      const mib = kvBytes(c.L, c.Hkv, c.hd, T, B, bytes) / 2 ** 20;
      return {
        prompt:
          `${c.name[0].toUpperCase() + c.name.slice(1)} has ${c.L} layers, ${c.Hkv} key/value heads of size ${c.hd}. How many MiB does the ${dtype} KV cache take ` +
          `for a batch of ${B} sequence(s) of ${T} tokens?`,
        expected: mib,
        mistakes: [
          { name: "count only K or only V (forget the factor 2)", value: mib / 2 },
          { name: "divide by 10\u2076 (MB) instead of 2\u00b2\u2070 (MiB)", value: kvBytes(c.L, c.Hkv, c.hd, T, B, bytes) / 1e6 },
        ],
        explanation: `$2 \\times L \\times H_{kv} \\times d_{\\text{head}} \\times T \\times B \\times \\text{bytes} = 2 \\cdot ${c.L} \\cdot ${c.Hkv} \\cdot ${c.hd} \\cdot ${T} \\cdot ${B} \\cdot ${bytes}$ bytes, divided by $2^{20}$.`,
      };
    },
  },
  {
    id: "kv-cache-max-tokens",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const c = configs[rng.int(configs.length)];
      const gib = [2, 4, 10, 20][rng.int(4)];
      const perToken = kvBytes(c.L, c.Hkv, c.hd, 1, 1, 2);
      return {
        prompt: `With ${gib} GiB of GPU memory left for the fp16 KV cache of ${c.name} (${c.L} layers, ${c.Hkv} KV heads of size ${c.hd}), how many tokens (summed over all sequences) fit? Give a whole number.`,
        expected: Math.floor((gib * 2 ** 30) / perToken),
        mistakes: [
          { name: "count only K or only V per token (forget the factor 2)", value: Math.floor((gib * 2 ** 30) / (perToken / 2)) },
          { name: "use 10\u2079 bytes per GB instead of 2\u00b3\u2070 per GiB", value: Math.floor((gib * 1e9) / perToken) },
        ],
        explanation: `Each token needs $2 \\cdot ${c.L} \\cdot ${c.Hkv} \\cdot ${c.hd} \\cdot 2 = ${perToken}$ bytes; divide $${gib} \\cdot 2^{30}$ by that and round down.`,
      };
    },
  },
  {
    id: "why-cache-is-valid",
    kind: "multiple-choice",
    prompt: "Why can a decoder reuse the cached keys and values of earlier tokens when a new token is appended?",
    choices: [
      {
        text: "Because of the causal mask, the K and V of position $j$ depend only on tokens $\\le j$, so appending tokens never changes them.",
        correct: true,
        explanation: "Every layer's representation of position $j$ is computed from positions $\\le j$ only, hence is final once computed.",
      },
      {
        text: "Because keys and values are the token embeddings, which never change.",
        correct: false,
        explanation: "Above the first layer K and V are projections of contextual hidden states; they are stable only thanks to causality.",
      },
      {
        text: "Because the queries are cached as well, so nothing needs recomputing.",
        correct: false,
        explanation: "Queries are not cached: only the new token's query is needed, and it is computed fresh each step.",
      },
      {
        text: "It is an approximation that slightly changes the outputs.",
        correct: false,
        explanation: "For a causal model the cache is exact: it gives the same results as recomputing the full prefix.",
      },
    ],
  },
]);
