import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "objective",
    kind: "multiple-choice",
    prompt: "What do GPTQ and AWQ minimise that round-to-nearest quantisation does not?",
    choices: [
      { text: "The error of the layer's output $XW$ on calibration inputs, rather than the error of each weight", correct: true, explanation: "Weights that multiply large or correlated activations count more." },
      { text: "The training loss, by fine-tuning the quantised weights with gradients", correct: false, explanation: "That is quantisation-aware training; GPTQ and AWQ are post-training and gradient-free." },
      { text: "The number of bits per weight", correct: false, explanation: "The bit width is fixed beforehand; they choose the integer values." },
    ],
  },
  {
    id: "awq-trick",
    kind: "multiple-choice",
    prompt: "AWQ multiplies a salient input channel's weights by $s = 2$. What else must it do so the model's output is unchanged before quantisation?",
    choices: [
      { text: "Divide that channel's activations by 2 (folded into the preceding norm or linear layer)", correct: true, explanation: "$(x/s)(s w) = x w$." },
      { text: "Nothing: scaling weights never changes the output", correct: false, explanation: "It scales that channel's contribution by $s$." },
      { text: "Multiply the activations by 2 as well", correct: false, explanation: "That would scale the contribution by 4." },
    ],
  },
  {
    id: "gptq-recall",
    kind: "recall",
    prompt: "In one sentence: how does GPTQ compensate for the rounding error of a column it has just quantised?",
    answer: "It updates the not-yet-quantised columns by the error times the inverse-Hessian ($H = X^\\top X$) correlations, so later weights absorb the earlier rounding error in the layer's output.",
  },
  {
    id: "awq-largest-factor",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      // One INT4 group (absmax, step = max|w| / 7); weight 0 multiplies a salient input channel.
      const group = Array.from({ length: 8 }, () => Math.round((rng.uniform() * 2 - 1) * 100) / 1000);
      group[0] = Math.round((0.01 + rng.uniform() * 0.02) * 1000) / 1000;
      group[1 + rng.int(7)] = (rng.uniform() < 0.5 ? -1 : 1) * Math.round((0.05 + rng.uniform() * 0.05) * 1000) / 1000; // the group's maximum
      const otherMax = Math.max(...group.slice(1).map(Math.abs));
      const expected = otherMax / Math.abs(group[0]);
      const step = (g: number[]) => Math.max(...g.map(Math.abs)) / 7;
      // Check: up to the factor the step is unchanged, beyond it the scaled salient weight sets a larger step.
      const scaled = (s: number) => group.map((v, i) => (i === 0 ? v * s : v));
      if (!(step(scaled(expected * 0.999)) === step(group) && step(scaled(expected * 1.01)) > step(group)))
        throw new Error("awq-largest-factor: step check failed");
      return {
        prompt:
          `An INT4 group holds the weights $[${group.join(", ")}]$, quantised with one absmax scale (step $= \\max|w|/7$). Weight 0 multiplies a ` +
          `salient input channel, so AWQ multiplies it by $s > 1$ (and divides that channel's activations by $s$). What is the largest $s$ that ` +
          `does not coarsen the step for the other weights of the group?`,
        expected,
        mistakes: [
          { name: "divide the other way (salient weight over the group's maximum)", value: Math.abs(group[0]) / otherMax },
          { name: "use the step size instead of the maximum", value: otherMax / 7 / Math.abs(group[0]) },
        ],
        explanation:
          `The step is set by the largest magnitude, ${otherMax}. Scaling weight 0 is free while $s \\cdot ${Math.abs(group[0])} \\le ${otherMax}$, ` +
          `i.e. $s \\le ${expected.toFixed(3)}$: the error on the effective weight $(s w_0)/s$ shrinks by $s$ and no other weight loses precision. ` +
          `Beyond that the scaled weight becomes the maximum and every other weight in the group gets a coarser step: the trade-off AWQ's search over $s$ balances.`,
      };
    },
  },
]);
