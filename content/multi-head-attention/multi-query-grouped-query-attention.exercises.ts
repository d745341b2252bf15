import { defineExercises } from "@qkv/quiz";
import { Rng, multiHeadAttention, randn } from "@qkv/core";

export default defineExercises([
  {
    id: "kv-cache-size",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const layers = [24, 32, 40, 80][rng.int(4)];
      const h = [32, 64][rng.int(2)];
      const hkv = [1, 4, 8, h][rng.int(4)];
      const dk = 128;
      const T = [2048, 4096, 8192][rng.int(3)];
      const B = 1 + rng.int(8);
      const gib = (2 * layers * hkv * dk * T * B * 2) / 2 ** 30;
      return {
        prompt:
          `A model has ${layers} layers, ${h} query heads and $h_{kv} = ${hkv}$ key/value heads of size ${dk}. In fp16, how many GiB ` +
          `does the KV cache take for a batch of ${B} sequences of ${T} tokens?`,
        expected: gib,
        mistakes: [
          { name: "count the query heads instead of the key/value heads", value: (2 * layers * h * dk * T * B * 2) / 2 ** 30 },
          { name: "count only K or only V (forget the factor 2)", value: gib / 2 },
          { name: "take fp32 (4 bytes) instead of fp16", value: gib * 2 },
        ],
        explanation: `$2\\,(K,V)\\times ${layers}\\times ${hkv}\\times ${dk}\\times ${T}\\times ${B}\\times 2$ bytes $= ${gib.toFixed(3)}$ GiB. The ${h} query heads do not enter.`,
      };
    },
  },
  {
    id: "kv-head-of-query-head",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const hkv = [1, 2, 4][rng.int(3)];
      const h = hkv * [2, 4][rng.int(2)];
      const q = rng.int(h);
      // Find the shared K/V head with core: make every K/V head's values a constant equal to its index.
      const dk = 2, d = h * dk, r = new Rng(3);
      const eye = (n: number, m: number) => Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
      const WV = Array.from({ length: d }, (_, i) => Array.from({ length: hkv * dk }, (_, j) => (i === 0 ? Math.floor(j / dk) : 0)));
      const X = [[1, ...Array(d - 1).fill(0)]];
      const out = multiHeadAttention(X, X, { W_Q: randn([d, d], r), W_K: randn([d, hkv * dk], r), W_V: WV, W_O: eye(d, d) }, { numHeads: h, numKVHeads: hkv }).output;
      const g = out.data[q * dk];
      return {
        prompt: `GQA with $h = ${h}$ query heads and $h_{kv} = ${hkv}$ key/value heads (heads numbered from 0). Which key/value head does query head ${q} use?`,
        expected: g,
        mistakes: [
          { name: "take q mod h_kv (interleaved groups) instead of \u230aq / (h/h_kv)\u230b", value: q % hkv },
        ],
        explanation: `Each group of $h/h_{kv} = ${h / hkv}$ consecutive query heads shares one K/V head: $\\lfloor ${q} / ${h / hkv}\\rfloor = ${g}$.`,
      };
    },
  },
  {
    id: "what-gqa-saves",
    kind: "multiple-choice",
    prompt: "Compared with standard MHA, what does grouped-query attention mainly reduce during autoregressive decoding?",
    choices: [
      { text: "The size of the KV cache and the memory traffic to read it", correct: true, explanation: "Keys and values are stored for $h_{kv}$ instead of $h$ heads; decoding is memory-bound, so this speeds it up." },
      { text: "The number of attention patterns per layer", correct: false, explanation: "There are still $h$ query heads, each with its own softmax distribution." },
      { text: "The FLOPs of $QK^\\top$", correct: false, explanation: "Every query head still scores every cached key; the saving is in memory, not arithmetic." },
      { text: "The size of $W_Q$", correct: false, explanation: "$W_Q$ keeps all $h$ heads; only $W_K$ and $W_V$ shrink." },
    ],
  },
  {
    id: "sequences-that-fit",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // A serving budget: after the weights, how many full-length sequences can share the GPU's KV-cache memory?
      const cfg = [
        { name: "a LLaMA-2-70B-like model", layers: 80, h: 64, hkv: 8, dk: 128, weightsGiB: 130 },
        { name: "a LLaMA-3-8B-like model", layers: 32, h: 32, hkv: 8, dk: 128, weightsGiB: 15 },
        { name: "a Falcon-7B-like MQA model", layers: 32, h: 71, hkv: 1, dk: 64, weightsGiB: 13.5 },
      ][rng.int(3)];
      const gpuGiB = cfg.weightsGiB > 100 ? 160 : [24, 40, 80][rng.int(3)];
      const T = [4096, 8192, 32768][rng.int(3)];
      const perSeq = (hkv: number, kv: number, bytes: number) => kv * cfg.layers * hkv * cfg.dk * T * bytes; // bytes
      const free = (gpuGiB - cfg.weightsGiB) * 2 ** 30;
      const fit = (hkv: number, kv = 2, bytes = 2) => Math.floor(free / perSeq(hkv, kv, bytes));
      const n = fit(cfg.hkv);
      return {
        prompt:
          `You serve ${cfg.name} (${cfg.layers} layers, ${cfg.h} query heads, $h_{kv} = ${cfg.hkv}$ key/value heads of size ${cfg.dk}) in fp16 ` +
          `on ${gpuGiB} GiB of GPU memory; the weights take ${cfg.weightsGiB} GiB and you give all the rest to the KV cache (ignore activations). ` +
          `How many sequences of ${T} tokens can be cached at once?`,
        expected: n,
        mistakes: [
          { name: "size the cache with the query heads (as if it were full multi-head attention)", value: fit(cfg.h) },
          { name: "cache only K or only V (forget the factor 2)", value: fit(cfg.hkv, 1) },
          { name: "forget to subtract the weights from the GPU memory", value: Math.floor((gpuGiB * 2 ** 30) / perSeq(cfg.hkv, 2, 2)) },
        ].filter((m) => m.value !== n),
        explanation:
          `One sequence needs $2\\cdot ${cfg.layers}\\cdot ${cfg.hkv}\\cdot ${cfg.dk}\\cdot ${T}\\cdot 2$ bytes $= ${(perSeq(cfg.hkv, 2, 2) / 2 ** 30).toFixed(3)}$ GiB; ` +
          `${gpuGiB - cfg.weightsGiB} GiB hold ${n} of them. With full MHA ($h_{kv} = ${cfg.h}$) only ${fit(cfg.h)} would fit: the batch size a GPU can ` +
          `serve, and so its throughput, is what GQA/MQA buy.`,
      };
    },
  },
]);
