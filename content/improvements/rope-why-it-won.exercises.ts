import { defineExercises } from "@qkv/quiz";
import { applyRope, ropeAngles, tensor } from "@qkv/core";


// "Which bug": scores of a new token against 4 cached keys, computed with core's applyRope correctly and with
// candidate mistakes. The keys sit at positions 0..3; the new query is at position p.
const rq = [0.6, -0.4, 1.1, 0.3], rk = [[0.2, 0.9, -0.5, 0.4], [1.0, -0.3, 0.2, 0.7], [-0.6, 0.5, 0.8, -0.1], [0.3, 0.3, -0.9, 0.6]];
const rot = (v: number[], pos: number) => Array.from(applyRope(tensor([[v]]), { convention: "interleaved", startPos: pos }).data);
const cachedKeys = rk.map((k, j) => rot(k, j)); // rotated once, at their own positions
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
const scoresWith = (q: number[]) => `[${cachedKeys.map((k) => dot(q, k).toFixed(4)).join(", ")}]`;

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

  {
    id: "which-cache-bug",
    kind: "multiple-choice",
    prompt:
      `A RoPE model decodes with a KV cache. For the new token's query $q$ against the 4 cached keys (positions 0–3), your implementation prints the scores ` +
      `${scoresWith(rot(rq, 0))} when the new token is at position 4, and exactly the same scores when it is at position 9. ` +
      `A full recomputation gives ${scoresWith(rot(rq, 4))} at position 4 and ${scoresWith(rot(rq, 9))} at position 9. What is the bug?`,
    choices: [
      {
        text: "The new query is rotated with position 0 (startPos not set to the cache length).",
        correct: true,
        explanation: `Rotating $q$ at position 0 gives ${scoresWith(rot(rq, 0))} whatever the real position is, so the scores cannot depend on it. Pass startPos = number of cached tokens.`,
      },
      {
        text: "Cached keys are rotated a second time when read.",
        correct: false,
        explanation: `Keys rotated twice (at $2j$) with a correct query at position 4 give [${rk.map((k, j) => dot(rot(rq, 4), rot(k, 2 * j)).toFixed(4)).join(", ")}], and they still change with the query's position.`,
      },
      {
        text: "RoPE only encodes relative offsets, so identical scores at positions 4 and 9 are expected.",
        correct: false,
        explanation: "The offsets to the cached keys differ (4–j versus 9–j), so the scores must differ, as the recomputation shows.",
      },
    ],
  },
]);
