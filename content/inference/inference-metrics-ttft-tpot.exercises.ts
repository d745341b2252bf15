import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "end-to-end",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const ttft = [150, 300, 800][rng.int(3)];
      const tpot = [15, 25, 40][rng.int(3)];
      const n = [100, 250, 500][rng.int(3)];
      const total = ttft + (n - 1) * tpot;
      return {
        prompt: `A request sees TTFT = ${ttft} ms and TPOT = ${tpot} ms and generates ${n} tokens. What is its end-to-end latency in ms?`,
        expected: total,
        mistakes: [
          { name: "count TPOT for every token including the first", value: ttft + n * tpot },
          { name: "leave out the time to first token", value: n * tpot },
        ],
        explanation: `The first token arrives at TTFT; the other ${n - 1} each take one TPOT: ${ttft} + ${n - 1}·${tpot} = ${total} ms.`,
      };
    },
  },
  {
    id: "which-metric",
    kind: "multiple-choice",
    prompt: "Users complain that answers take long to *start*, although they then stream quickly. Which metric is bad, and which phase dominates it?",
    choices: [
      { text: "TTFT: queueing plus prefill of the (long) prompt", correct: true, explanation: "Streaming speed is TPOT; the wait before the first token is queueing + prefill." },
      { text: "TPOT: the decode steps are memory-bound", correct: false, explanation: "TPOT sets the streaming speed, which is fine here." },
      { text: "Throughput: the GPU is underused", correct: false, explanation: "Throughput is an aggregate; it does not say when a single answer starts." },
    ],
  },
  {
    id: "tpot-slo-batch",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const weightsGB = [7, 14, 26][rng.int(3)];
      const bandwidth = [2000, 3350][rng.int(2)]; // GB/s
      const kvGB = [0.25, 0.5, 1][rng.int(3)];
      const slo = [15, 20, 30][rng.int(3)]; // ms
      // A decode step reads the weights once plus every sequence's KV cache: t(B) = (W + B·k) / bandwidth.
      const stepMs = (b: number) => (1000 * (weightsGB + b * kvGB)) / bandwidth;
      let best = 0;
      while (stepMs(best + 1) <= slo + 1e-9) best++; // tolerance: an exact fit (e.g. 20.000…004 ms) keeps the promise
      const kvOnly = Math.floor((slo * bandwidth) / 1000 / kvGB);
      return {
        prompt:
          `A memory-bound decode step reads the ${weightsGB} GB of weights once plus ${kvGB} GB of KV cache per sequence in the batch, at ${bandwidth} GB/s. ` +
          `The service promises a TPOT of at most ${slo} ms. What is the largest batch size that keeps that promise?`,
        expected: best,
        mistakes: [{ name: "forget that every step also reads the weights", value: kvOnly }].filter((m) => m.value !== best),
        explanation:
          `A step takes $(${weightsGB} + B \\cdot ${kvGB})/${bandwidth}$ s. In ${slo} ms the GPU reads ${((slo * bandwidth) / 1000).toFixed(1)} GB; ` +
          `after the weights, ${((slo * bandwidth) / 1000 - weightsGB).toFixed(1)} GB are left for KV caches, i.e. ${best} sequences ` +
          `(TPOT ${stepMs(best).toFixed(2)} ms, throughput ${((best * 1000) / stepMs(best)).toFixed(0)} tok/s). Beyond that, throughput still rises but the promise breaks.`,
      };
    },
  },
]);
