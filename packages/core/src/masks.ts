import { ArgumentError, checkShape } from "./errors.js";
import { add } from "./ops.js";
import { Tensor, asTensor, type NestedArray, type TensorLike } from "./tensor.js";

/** A boolean mask as nested arrays of booleans (or 0/1), or a Tensor whose nonzero entries are true. */
export type BoolLike = Tensor | NestedBool;
export type NestedBool = boolean | number | NestedBool[];

/** Convert a boolean mask to a 0/1 tensor. */
export function asBoolTensor(x: BoolLike): Tensor {
  if (x instanceof Tensor) return x;
  const toNum = (v: NestedBool): NestedArray => (Array.isArray(v) ? v.map(toNum) : v ? 1 : 0);
  return Tensor.from(toNum(x));
}

function checkLength(fn: string, arg: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new ArgumentError(fn, arg, `must be an integer ≥ 0, got ${n}`);
}

function visibleMask(L: number, S: number, visible: (i: number, j: number) => boolean): Tensor {
  const m = Tensor.zeros([L, S]);
  for (let i = 0; i < L; i++) for (let j = 0; j < S; j++) if (!visible(i, j)) m.data[i * S + j] = -Infinity;
  return m;
}

/**
 * Causal (look-ahead) mask, additive (L, S): 0 where key j ≤ query i, −∞ where j > i.
 * Top-left aligned when L ≠ S (query i sees keys 0 … i), as torch `is_causal`; with L > S the rows i ≥ S see
 * every key. (KV-cache decoding wants bottom-right alignment instead: offset the query index by S − L.)
 */
export function causalMask(L: number, S: number = L): Tensor {
  checkLength("causalMask", "L", L);
  checkLength("causalMask", "S", S);
  return visibleMask(L, S, (i, j) => j <= i);
}

/**
 * Sliding-window causal attention (Mistral). Both rules are in use and differ by one key:
 * - "i-j<W": query i sees keys with 0 ≤ i−j < W, i.e. W keys including itself (HF masking_utils, flash-attn).
 * - "i-j<=W": 0 ≤ i−j ≤ W, i.e. W+1 keys (mistral-src `triu(diagonal=-W)`, older HF).
 */
export type SlidingWindowRule = "i-j<W" | "i-j<=W";

/** Additive (L, S) causal sliding-window mask under the named rule (top-left aligned, like `causalMask`). */
export function slidingWindowMask(L: number, window: number, rule: SlidingWindowRule, S: number = L): Tensor {
  checkLength("slidingWindowMask", "L", L);
  checkLength("slidingWindowMask", "S", S);
  const span = slidingWindowSpan(window, rule);
  return visibleMask(L, S, (i, j) => j <= i && i - j < span);
}

/** How many of the most recent keys a query sees, itself included: W under "i-j<W", W + 1 under "i-j<=W". */
export function slidingWindowSpan(window: number, rule: SlidingWindowRule, fn = "slidingWindowMask"): number {
  if (!Number.isInteger(window) || window < 1) throw new ArgumentError(fn, "window", `must be an integer ≥ 1, got ${window}`);
  if (rule === "i-j<W") return window;
  if (rule === "i-j<=W") return window + 1;
  throw new ArgumentError(fn, "rule", `must be "i-j<W" or "i-j<=W", got ${String(rule)}`);
}

/**
 * Which keys a query may see: causal, causal sliding-window (Mistral), or any additive (T, T) mask given
 * explicitly (0 visible, −∞ blocked; e.g. causal combined with padding).
 */
export type AttentionPattern =
  | { kind: "causal" }
  | { kind: "sliding_window"; window: number; rule: SlidingWindowRule }
  | { kind: "mask"; mask: TensorLike };

/** The additive (T, S) mask of an attention pattern (query i and key j both counted from position 0). */
export function attentionPatternMask(pattern: AttentionPattern, T: number, S = T, fn = "attentionPatternMask"): Tensor {
  if (pattern?.kind === "causal") return causalMask(T, S);
  if (pattern?.kind === "sliding_window") return slidingWindowMask(T, pattern.window, pattern.rule, S);
  if (pattern?.kind === "mask") {
    const m = asTensor(pattern.mask);
    checkShape(fn, "attention.mask", m.shape, [T, S]);
    return m;
  }
  throw badPattern(fn, pattern);
}

/**
 * The number of most recent keys (itself included) a query may see under a causal pattern: every earlier key
 * (Infinity) or the sliding window's span. An explicit mask has no span and is rejected.
 */
export function attentionPatternSpan(pattern: AttentionPattern, fn = "attentionPatternSpan"): number {
  if (pattern?.kind === "causal") return Infinity;
  if (pattern?.kind === "sliding_window") return slidingWindowSpan(pattern.window, pattern.rule, fn);
  if (pattern?.kind === "mask") {
    throw new ArgumentError(fn, "attention", `must be causal or sliding_window: a fixed (T, T) mask cannot follow a growing cache`);
  }
  throw badPattern(fn, pattern);
}

function badPattern(fn: string, pattern: unknown): ArgumentError {
  return new ArgumentError(
    fn,
    "attention",
    `must be { kind: "causal" }, { kind: "sliding_window", window, rule } or { kind: "mask", mask }, got ${JSON.stringify(pattern)}`,
  );
}

/**
 * Key-padding mask to additive form. `padding` is bool with true = PADDING (torch MHA semantics): that key is
 * hidden from every query. (B, S) → (B, 1, 1, S), broadcasting against scores (B, H, L, S); (S,) → (1, S).
 */
export function keyPaddingMask(padding: BoolLike): Tensor {
  const P = asBoolTensor(padding);
  if (P.rank === 1) {
    const m = Tensor.zeros([1, P.shape[0]]);
    for (let j = 0; j < P.size; j++) if (P.data[j]) m.data[j] = -Infinity;
    return m;
  }
  const { B, S } = checkShape("keyPaddingMask", "padding", P.shape, ["B", "S"]);
  const m = Tensor.zeros([B, 1, 1, S]);
  for (let j = 0; j < P.size; j++) if (P.data[j]) m.data[j] = -Infinity;
  return m;
}

/**
 * Boolean keep-mask to additive form: true = MAY attend → 0, false → −∞ (torch `F.scaled_dot_product_attention`
 * semantics — the opposite of MHA's boolean masks, where true means blocked). Any shape, kept.
 */
export function boolKeepMask(keep: BoolLike): Tensor {
  const K = asBoolTensor(keep);
  const m = Tensor.zeros(K.shape);
  for (let j = 0; j < K.size; j++) if (!K.data[j]) m.data[j] = -Infinity;
  return m;
}

/**
 * Sum of additive masks with broadcasting (−∞ wins: a key blocked by any mask stays blocked).
 * `undefined` entries are skipped; returns undefined when nothing is left.
 */
export function combineMasks(...masks: (TensorLike | undefined)[]): Tensor | undefined {
  let acc: Tensor | undefined;
  for (const m of masks) {
    if (m === undefined) continue;
    acc = acc === undefined ? asTensor(m) : add(acc, m);
  }
  return acc;
}
