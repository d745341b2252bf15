import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "lora-parameters",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [2048, 4096, 5120][rng.int(3)];
      const r = [4, 8, 16, 64][rng.int(4)];
      const L = [24, 32, 40][rng.int(3)];
      const m = 1 + rng.int(4);
      return {
        prompt: `LoRA with rank $r = ${r}$ is applied to ${m} square $${d} \\times ${d}$ projection(s) in each of ${L} layers. How many trainable parameters does it add?`,
        expected: L * m * r * (d + d),
        mistakes: [
          { name: "count only one of the two factors (r\u00b7d)", value: L * m * r * d },
          { name: "count a full d\u00d7d update per matrix", value: L * m * d * d },
        ],
        explanation: `Each adapted matrix gets $B$ ($d \\times r$) and $A$ ($r \\times d$): $r(d + d) = ${r * 2 * d}$; times ${m} matrices and ${L} layers.`,
      };
    },
  },
  {
    id: "lora-init",
    kind: "multiple-choice",
    prompt: "In LoRA, $W = W_0 + \\frac{\\alpha}{r}BA$. Why is $B$ initialised to zero?",
    choices: [
      {
        text: "So that $BA = 0$ at the start and fine-tuning begins exactly from the pre-trained model.",
        correct: true,
        explanation: "With $A$ random and $B = 0$ the update is zero initially, yet both factors receive gradients.",
      },
      {
        text: "So that the adapter has no effect at inference time.",
        correct: false,
        explanation: "After training $B \\ne 0$ and the adapter changes the outputs; that is its purpose.",
      },
      {
        text: "Because $A$ and $B$ must both be zero for the gradient to be defined.",
        correct: false,
        explanation: "If both were zero, neither would get a gradient (each gradient is multiplied by the other factor).",
      },
      {
        text: "To make the update full-rank.",
        correct: false,
        explanation: "The rank of $BA$ is at most $r$ whatever the initialisation.",
      },
    ],
  },
  {
    id: "qlora-recall",
    kind: "recall",
    prompt: "What does QLoRA change compared with LoRA, and what does it enable?",
    answer:
      "The frozen base model is stored in 4-bit (NF4) quantisation while the LoRA adapters are trained in higher precision " +
      "(gradients flow through the dequantised weights). It cuts memory enough to fine-tune 7B–70B models on a single GPU.",
  },

  {
    id: "qlora-memory",
    kind: "numeric",
    tolerance: { rel: 0.005 },
    generate(rng) {
      const m = [
        { name: "LLaMA-2-7B", P: 6.74e9, L: 32, d: 4096 },
        { name: "LLaMA-2-13B", P: 13.0e9, L: 40, d: 5120 },
        { name: "a 65B LLaMA", P: 65.2e9, L: 80, d: 8192 },
      ][rng.int(3)];
      const r = [8, 16, 64][rng.int(3)];
      const adapters = m.L * 4 * r * (m.d + m.d); // W_Q, W_K, W_V, W_O, each d x d
      const gb = (base: number, adapterBytes: number) => (base + adapters * adapterBytes) / 1e9;
      return {
        prompt:
          `QLoRA on ${m.name} (${m.P / 1e9}B parameters, ${m.L} layers, $d = ${m.d}$): the frozen base is stored in 4 bits (ignore the quantisation constants), ` +
          `LoRA adapters of rank ${r} sit on all four attention projections ($d \\times d$ each), and every trainable parameter costs 16 bytes ` +
          `(bf16 weight and gradient, fp32 master copy and two Adam moments). How many GB (10⁹ bytes) do weights, gradients and optimiser states take, activations excluded?`,
        expected: gb(m.P * 0.5, 16),
        mistakes: [
          { name: "charge 16 bytes for every parameter (full fine-tuning)", value: (m.P * 16) / 1e9 },
          { name: "keep the frozen base in bf16 (plain LoRA)", value: gb(m.P * 2, 16) },
          { name: "forget the adapters and their optimiser states", value: (m.P * 0.5) / 1e9 },
        ],
        explanation: `Base: $${m.P / 1e9}\\cdot10^9 \\times 0.5$ bytes. Adapters: $${m.L} \\times 4 \\times ${r}(d + d) = ${adapters}$ parameters $\\times 16$ bytes. Here the adapters' share of the total is ${((100 * adapters * 16) / (m.P * 0.5 + adapters * 16)).toFixed(0)}%; the 4-bit base is what brings a model of this size within one GPU's memory.`,
      };
    },
  },
]);
