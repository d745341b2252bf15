import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "max-concurrent",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const layers = [32, 40, 48][rng.int(3)];
      const heads = 32;
      const kvHeads = [32, 8, 4][rng.int(3)];
      const headDim = 128;
      const paramsB = [7, 8, 13][rng.int(3)];
      const ctx = [2048, 4096, 8192][rng.int(3)];
      const gpu = [40, 80][rng.int(2)];
      const perReq = (2 * layers * kvHeads * headDim * 2 * ctx) / 1e9;
      const free = gpu - paramsB * 2;
      const n = Math.max(0, Math.floor(free / perReq));
      const mha = Math.max(0, Math.floor(free / ((2 * layers * heads * headDim * 2 * ctx) / 1e9)));
      const oneTensor = Math.max(0, Math.floor(free / (perReq / 2)));
      return {
        prompt:
          `${paramsB === 8 ? "An" : "A"} ${paramsB}B model (fp16 weights, ${layers} layers, ${heads} query heads, ${kvHeads} KV heads, head size ${headDim}) runs on ${gpu === 80 ? "an" : "a"} ${gpu} GB GPU ` +
          `(1 GB = 1e9 bytes). Using all memory not taken by the weights for an fp16 KV cache, how many requests of ${ctx} tokens fit at once?`,
        expected: n,
        mistakes: [
          { name: "size the cache with the query heads instead of the KV heads", value: mha },
          { name: "store only K (forget the factor 2 for V)", value: oneTensor },
        ].filter((m) => m.value !== n),
        explanation:
          `Per request: $2 \\cdot ${layers} \\cdot ${kvHeads} \\cdot ${headDim} \\cdot 2\\,\\text{B} \\cdot ${ctx} = ${perReq.toFixed(3)}$ GB; ` +
          `free memory ${gpu} − ${paramsB * 2} = ${free} GB, so ⌊${free}/${perReq.toFixed(3)}⌋ = ${n}.`,
      };
    },
  },
  {
    id: "biggest-lever",
    kind: "multiple-choice",
    prompt: "Going from 32 KV heads (MHA) to 8 (GQA) in a 32-head model, with everything else fixed, changes the KV cache by what factor?",
    choices: [
      { text: "It shrinks 4×", correct: true, explanation: "The cache is proportional to the number of KV heads." },
      { text: "It shrinks 2×, because only K is shared", correct: false, explanation: "GQA shares both K and V across each group of query heads." },
      { text: "It is unchanged; GQA only saves compute", correct: false, explanation: "GQA's purpose is a smaller cache and less memory traffic per decode step." },
    ],
  },
]);
