// Attention demo model: tokens → embeddings (+ sinusoidal positions) → one head's Q, K, V → attention.
// All math is @qkv/core; this file only decides the demo's inputs (seeded weights) and the order of the steps.
import {
  Rng,
  add,
  causalMask,
  embed,
  keyPaddingMask,
  matmul,
  randn,
  scale,
  scaledDotProductAttention,
  sinusoidalEncoding,
  slidingWindowMask,
  transpose,
  type Tensor,
} from "@qkv/core";
import { hashSeed } from "./render";

export const D_MODEL = 16;
export const HEADS = 4;
export const DK_CHOICES = [2, 4, 8, 16] as const;
export const MAX_TOKENS = 16;
export const PAD = "<pad>";
export type MaskKind = "none" | "causal" | "padding" | "sliding";

export interface AttentionState {
  tokens: string[];
  head: number;
  dk: number;
  mask: MaskKind;
  window: number;
}

export const DEFAULT_STATE: AttentionState = {
  tokens: "the cat sat on the mat".split(" ").concat([PAD, PAD]),
  head: 0,
  dk: 4,
  mask: "causal",
  window: 3,
};

/** Whitespace-separated tokens, at most MAX_TOKENS. */
export function parseTokens(text: string): string[] {
  return text.split(/\s+/).filter((t) => t !== "").slice(0, MAX_TOKENS);
}

/** X (T, d_model): each distinct token's seeded embedding row, plus the sinusoidal encoding of its position. */
export function inputEmbeddings(tokens: readonly string[]): Tensor {
  const vocab = [...new Set(tokens)];
  const table = vocab.map((t) => Array.from(randn([D_MODEL], new Rng(hashSeed(t))).data));
  const ids = tokens.map((t) => vocab.indexOf(t));
  return add(embed(table, ids), sinusoidalEncoding(tokens.length, D_MODEL));
}

/** W_Q, W_K, W_V (d_model, d_k) of one head, seeded by head and d_k, scaled 1/√d_model. */
export function headWeights(head: number, dk: number): { WQ: Tensor; WK: Tensor; WV: Tensor } {
  const rng = new Rng(1009 * (head + 1) + dk);
  const std = 1 / Math.sqrt(D_MODEL);
  return { WQ: randn([D_MODEL, dk], rng, std), WK: randn([D_MODEL, dk], rng, std), WV: randn([D_MODEL, dk], rng, std) };
}

/** Additive mask (L, S) or (1, S) for the chosen kind, or undefined for none. */
export function attentionMask(state: AttentionState): Tensor | undefined {
  const T = state.tokens.length;
  switch (state.mask) {
    case "none":
      return undefined;
    case "causal":
      return causalMask(T);
    case "padding":
      return keyPaddingMask(state.tokens.map((t) => t === PAD));
    case "sliding":
      return slidingWindowMask(T, state.window, "i-j<W");
  }
}

export interface AttentionSteps {
  X: Tensor;
  Q: Tensor;
  K: Tensor;
  V: Tensor;
  /** Q Kᵀ */
  raw: Tensor;
  /** Q Kᵀ / √d_k */
  scaled: Tensor;
  mask: Tensor | undefined;
  /** scaled + mask (scaledDotProductAttention's `scores`) */
  masked: Tensor;
  weights: Tensor;
  output: Tensor;
}

export function computeAttention(state: AttentionState): AttentionSteps {
  const X = inputEmbeddings(state.tokens);
  const { WQ, WK, WV } = headWeights(state.head, state.dk);
  const Q = matmul(X, WQ);
  const K = matmul(X, WK);
  const V = matmul(X, WV);
  const raw = matmul(Q, transpose(K));
  const scaled = scale(raw, 1 / Math.sqrt(state.dk));
  const mask = attentionMask(state);
  const { scores, weights, output } = scaledDotProductAttention(Q, K, V, mask ? { mask } : {});
  return { X, Q, K, V, raw, scaled, mask, masked: scores, weights, output };
}
