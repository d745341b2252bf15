import { defineExercises } from "@qkv/quiz";
import { causalMask, combineMasks, keyPaddingMask, scaledDotProductAttention, tensor, type Rng } from "@qkv/core";

const small = (rng: Rng): number => Math.round((rng.uniform() * 4 - 2) * 10) / 10;

export default defineExercises([
  {
    id: "weight-with-padding",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const T = 4;
      const pad = 1 + rng.int(2); // the last `pad` positions are padding
      const padding = Array.from({ length: T }, (_, j) => j >= T - pad);
      const mask = combineMasks(causalMask(T), keyPaddingMask(padding));
      const q = [[small(rng), small(rng)]], K = Array.from({ length: T }, () => [small(rng), small(rng)]);
      const Q = Array.from({ length: T }, () => q[0]);
      const { weights } = scaledDotProductAttention(tensor(Q), tensor(K), tensor(K), { mask });
      const i = T - 1, j = rng.int(T - pad);
      return {
        prompt:
          `Causal + padding mask, $T = 4$, the last ${pad} position(s) are [PAD]. Every query is $q = [${q[0].join(", ")}]$ and the keys are ` +
          `$${JSON.stringify(K)}$ ($d_k = 2$, scores $q\\cdot k_j/\\sqrt{2}$). What weight does query 4 put on key ${j + 1}?`,
        expected: weights.get(i, j),
        mistakes: [
          { name: "ignore the padding mask (causal mask only)", value: scaledDotProductAttention(tensor(Q), tensor(K), tensor(K), { mask: causalMask(T) }).weights.get(i, j) },
        ],
        explanation: `Query 4 may see keys 1–4 causally, but padded keys are blocked, so the softmax runs over keys 1–${T - pad} only.`,
      };
    },
  },
  {
    id: "bool-mask-conventions",
    kind: "multiple-choice",
    prompt: "In PyTorch, `nn.MultiheadAttention(key_padding_mask=m)` and `F.scaled_dot_product_attention(attn_mask=m)` both accept boolean masks. What does `True` mean in each?",
    choices: [
      {
        text: "MHA: `True` = ignore this key (padding). SDPA: `True` = this position may be attended.",
        correct: true,
        explanation: "The conventions are opposite; converting between them needs a logical NOT.",
      },
      {
        text: "`True` means \"may attend\" in both.",
        correct: false,
        explanation: "For `nn.MultiheadAttention`'s `key_padding_mask`, `True` marks keys to ignore.",
      },
      {
        text: "`True` means \"blocked\" in both.",
        correct: false,
        explanation: "For the boolean `attn_mask` of `scaled_dot_product_attention`, `True` means the position takes part in attention.",
      },
      {
        text: "Boolean masks are not allowed; both need additive float masks.",
        correct: false,
        explanation: "Both accept boolean masks (and additive float masks).",
      },
    ],
  },
]);
