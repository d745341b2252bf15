import { defineExercises } from "@qkv/quiz";
import { ropeAngles } from "@qkv/core";

export default defineExercises([
  {
    id: "interpolated-angle",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const train = [2048, 4096][rng.int(2)];
      const factor = [2, 4, 8][rng.int(3)];
      const target = train * factor;
      const m = train + rng.int(target - train);
      const hd = 128, i = rng.int(64);
      const angle = ropeAngles([m / factor], hd).angles.data[i];
      return {
        prompt:
          `A RoPE model (head dim 128, base 10000) trained on ${train} tokens is extended to ${target} with position interpolation. ` +
          `What rotation angle (radians) does pair $i = ${i}$ get at position ${m}?`,
        expected: angle,
        mistakes: [
          { name: "forget to interpolate (use the raw position)", value: ropeAngles([m], hd).angles.data[i] },
          { name: "multiply the position by the factor instead of dividing", value: ropeAngles([m * factor], hd).angles.data[i] },
        ],
        explanation: `Positions are scaled by $${train}/${target}$: $m' = ${m}/${factor} = ${m / factor}$, and the angle is $m'\\cdot 10000^{-${2 * i}/128} = ${angle.toPrecision(6)}$ — inside the trained range.`,
      };
    },
  },
  {
    id: "pi-vs-ntk",
    kind: "multiple-choice",
    prompt: "How does NTK-aware scaling differ from linear position interpolation for RoPE?",
    choices: [
      { text: "It raises the base, stretching low frequencies much more than high ones, so local resolution is kept", correct: true, explanation: "High-frequency pairs barely change; long-wavelength pairs are stretched to cover the new length." },
      { text: "It scales every frequency by the same factor", correct: false, explanation: "That is linear position interpolation, which also squeezes the high frequencies." },
      { text: "It adds learned position embeddings for the new positions", correct: false, explanation: "No parameters are added; only the rotation frequencies change." },
      { text: "It removes RoPE beyond the training length", correct: false, explanation: "All positions keep rotary encoding, just with a different base." },
    ],
  },
]);
