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
  {
    id: "count-nan-rows",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Predict which query rows have no visible key at all, then count the NaN rows core actually produces.
      const B = 2 + rng.int(2), T = 5, side = rng.int(2) === 0 ? "left" : "right";
      const pads = Array.from({ length: B }, () => rng.int(3)); // 0–2 pad tokens per sequence
      const padding = pads.map((p) => Array.from({ length: T }, (_, j) => (side === "left" ? j < p : j >= T - p)));
      const mask = combineMasks(causalMask(T), keyPaddingMask(padding)); // (B, 1, T, T)
      const X = tensor(Array.from({ length: B }, () => [Array.from({ length: T }, () => [small(rng), small(rng)])])); // (B, 1, T, 2)
      const W = scaledDotProductAttention(X, X, X, { mask }).weights.data;
      let nanRows = 0;
      for (let r = 0; r < B * T; r++) if (Number.isNaN(W[r * T])) nanRows++;
      const totalPads = pads.reduce((a, b) => a + b, 0);
      return {
        prompt:
          `A batch of ${B} sequences of length ${T} is padded on the **${side}** with ${pads.join(", ")} [PAD] token(s) respectively. ` +
          `Self-attention uses the causal mask combined with a key-padding mask (pad keys blocked, pad queries kept). How many query rows ` +
          `in the whole batch get NaN attention weights?`,
        expected: nanRows,
        mistakes: [
          { name: "assume every pad query row is NaN, whichever side the padding is on", value: totalPads },
          { name: "assume a causal row can never be empty because a query always sees itself", value: 0 },
        ].filter((m) => m.value !== nanRows),
        explanation:
          `A row is NaN when every key it may see is blocked ($0/0$ in the softmax). Causally, query $i$ sees keys $1..i$. ` +
          (side === "left"
            ? `With left padding the first pad queries see only pad keys, so every pad query is a NaN row: ${nanRows}.`
            : `With right padding every query, pads included, still sees the real tokens before it, so no row is NaN.`) +
          ` Core's weights have ${nanRows} NaN row(s).`,
      };
    },
  },
]);
