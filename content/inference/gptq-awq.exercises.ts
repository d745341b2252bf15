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
]);
