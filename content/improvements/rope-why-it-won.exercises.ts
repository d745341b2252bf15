import { defineExercises } from "@qkv/quiz";
import { applyRope, ropeAngles, tensor } from "@qkv/core";

export default defineExercises([
  {
    id: "rope-angle",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const hd = [8, 64, 128][rng.int(3)];
      const i = rng.int(hd / 2);
      const pos = [1, 10, 100, 1000][rng.int(4)];
      const base = [10000, 500000][rng.int(2)];
      const angle = ropeAngles([pos], hd, base).angles.data[i];
      return {
        prompt: `RoPE with head dimension ${hd} and base ${base}: what rotation angle (radians) is applied to pair $i = ${i}$ (0-based) at position ${pos}?`,
        expected: angle,
        explanation: `$\\theta_i = \\text{base}^{-2i/d} = ${base}^{-${2 * i}/${hd}}$, and the angle is $\\text{position} \\cdot \\theta_i$.`,
      };
    },
  },
  {
    id: "rope-relative-score",
    kind: "numeric",
    tolerance: { abs: 1e-6 },
    generate(rng) {
      const q = [rng.int(5) - 2, rng.int(5) - 2], k = [rng.int(5) - 2, rng.int(5) - 2];
      if (q[0] === 0 && q[1] === 0) q[0] = 1;
      if (k[0] === 0 && k[1] === 0) k[1] = 1;
      const m = rng.int(20), n = m + 1 + rng.int(5);
      const rot = (v: number[], pos: number) => Array.from(applyRope(tensor([[v]]), { convention: "interleaved", startPos: pos }).data);
      const qr = rot(q, m), kr = rot(k, n);
      return {
        prompt: `Head dimension 2 (one pair, $\\theta = 1$). Rotate $q = [${q.join(", ")}]$ at position ${m} and $k = [${k.join(", ")}]$ at position ${n}. What is the score $\\langle R_m q, R_n k\\rangle$?`,
        expected: qr[0] * kr[0] + qr[1] * kr[1],
        explanation: `Only the offset matters: $\\langle R_m q, R_n k\\rangle = q^\\top R_{n-m} k$ with $n - m = ${n - m}$, i.e. $\\cos(${n - m})\\,(q\\cdot k) + \\sin(${n - m})\\,(q_2k_1 - q_1k_2)$.`,
      };
    },
  },
  {
    id: "rope-property",
    kind: "multiple-choice",
    prompt: "What property makes RoPE a *relative* position method?",
    choices: [
      {
        text: "Rotating $q$ by its position and $k$ by its position makes $q\\cdot k$ depend only on their offset, because $R_m^\\top R_n = R_{n-m}$.",
        correct: true,
        explanation: "The absolute positions cancel in the dot product, leaving the relative rotation.",
      },
      {
        text: "It adds a learned bias for each relative distance to the scores.",
        correct: false,
        explanation: "That is T5's relative position bias (or ALiBi's fixed slopes); RoPE has no parameters.",
      },
      {
        text: "It rotates the value vectors, so outputs encode the offset.",
        correct: false,
        explanation: "Only queries and keys are rotated; values are left untouched.",
      },
      {
        text: "It adds sinusoids to the token embeddings once at the input.",
        correct: false,
        explanation: "That is the 2017 sinusoidal encoding; RoPE acts inside every attention layer.",
      },
    ],
  },
]);
