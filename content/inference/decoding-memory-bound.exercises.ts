import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "min-tpot",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const params = [7, 13, 34, 70][rng.int(4)];
      const bytes = [2, 1, 0.5][rng.int(3)];
      const bw = [1.0, 2.0, 3.35][rng.int(3)];
      const ms = (params * 1e9 * bytes) / (bw * 1e12) * 1000;
      const flopsMs = (2 * params * 1e9) / 990e12 * 1000;
      return {
        prompt:
          `A ${params}B model with ${bytes * 8}-bit weights decodes at batch 1 on a GPU with ${bw} TB/s of memory bandwidth and ` +
          `990 TFLOP/s. Ignoring the KV cache, what is the lower bound on the time per output token, in ms?`,
        expected: ms,
        mistakes: [
          { name: "bound it by compute (2·params FLOPs ÷ peak FLOP/s)", value: flopsMs },
          { name: "assume 2 bytes per weight whatever the precision", value: (params * 1e9 * 2) / (bw * 1e12) * 1000 },
        ].filter((m) => Math.abs(m.value - ms) > 1e-3 * ms),
        explanation: `Every weight is read once per step: ${params}e9 × ${bytes} B ÷ ${bw} TB/s = ${ms.toFixed(2)} ms; the FLOPs would take only ${flopsMs.toFixed(3)} ms.`,
      };
    },
  },
  {
    id: "ridge-batch",
    kind: "numeric",
    tolerance: { rel: 1e-2 },
    generate(rng) {
      const tflops = [312, 990, 1979][rng.int(3)];
      const tbs = [2.0, 3.35, 8.0][rng.int(3)];
      const bytes = [2, 1][rng.int(2)];
      const b = (tflops / tbs) * bytes / 2;
      return {
        prompt:
          `A GPU has ${tflops} TFLOP/s and ${tbs} TB/s. Weights are stored with ${bytes} byte(s) per parameter. Roughly from what ` +
          `batch size (tokens per decode step) do the weight matmuls become compute-bound? (Intensity of a $(B,d)\\times(d,d)$ matmul ≈ $2B/\\text{bytes per weight}$ FLOPs/byte.)`,
        expected: b,
        mistakes: [{ name: "forget that each multiply-add is 2 FLOPs", value: b * 2 }],
        explanation: `Ridge point ${tflops}/${tbs} = ${(tflops / tbs).toFixed(0)} FLOPs/byte; setting $2B/${bytes}$ equal to it gives $B ≈ ${b.toFixed(0)}$.`,
      };
    },
  },
  {
    id: "what-helps",
    kind: "multiple-choice",
    prompt: "Which change speeds up batch-1 decoding of a dense LLM the most on the same GPU?",
    choices: [
      { text: "Quantising the weights from 16 to 4 bits (fewer bytes read per token)", correct: true, explanation: "Decode time ≈ bytes moved ÷ bandwidth." },
      { text: "A GPU with twice the FLOP/s and the same memory bandwidth", correct: false, explanation: "Batch-1 decoding does not use the FLOPs it already has." },
      { text: "Fusing the softmax into the attention kernel", correct: false, explanation: "Helps a little; weight reads dominate a decode step." },
    ],
  },
]);
