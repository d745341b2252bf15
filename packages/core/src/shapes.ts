// Shape plumbing shared by core's functions: axes, NumPy broadcasting and the dtype rule. Internal (exported from
// `@qkv/core/internal`, not from the public index); argument shapes themselves are checked with `checkShape`
// (errors.ts), which names the argument in its error.
import { ArgumentError, ShapeError, formatShape } from "./errors.js";
import type { DType, TensorData } from "./tensor.js";

/** Resolve a possibly negative axis against `rank`, throwing ArgumentError when it is out of range. */
export function normalizeAxis(fn: string, axis: number, rank: number, arg = "axis"): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(axis) || a < 0 || a >= rank) {
    throw new ArgumentError(fn, arg, `must be an integer in [${-rank}, ${rank - 1}], got ${axis}`);
  }
  return a;
}

/**
 * NumPy broadcasting: align shapes from the right; sizes must be equal or 1.
 * Throws ShapeError naming `fn` and the second operand when the shapes are incompatible; `error` overrides its
 * name (default "b"), what it should be (default "broadcastable with <a>"; a function is only called on failure,
 * so hot callers build no message) and the shape reported (default b).
 */
export function broadcastShapes(
  fn: string,
  a: readonly number[],
  b: readonly number[],
  error: { arg?: string; expected?: string | (() => string); given?: readonly number[] } = {},
): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      const { expected = `broadcastable with ${formatShape(a)}` } = error;
      throw new ShapeError(fn, error.arg ?? "b", typeof expected === "function" ? expected() : expected, error.given ?? b);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Element strides of `shape` when broadcast to `target` (0 along broadcast dims), one per target dim.
 * `shape` must already be known to broadcast to `target`.
 */
export function broadcastStrides(shape: readonly number[], target: readonly number[]): number[] {
  const strides = new Array<number>(target.length).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const t = target.length - shape.length + i;
    strides[t] = shape[i] === 1 && target[t] !== 1 ? 0 : s;
    s *= shape[i];
  }
  return strides;
}

/**
 * Strides of `shape` broadcast to exactly `target` (an additive mask against the scores): ShapeError with
 * `expected` unless broadcasting `shape` against `target` gives `target` itself.
 */
export function broadcastToStrides(fn: string, arg: string, shape: readonly number[], target: readonly number[], expected: string): number[] {
  const b = broadcastShapes(fn, target, shape, { arg, expected });
  if (b.length !== target.length || b.some((d, i) => d !== target[i])) throw new ShapeError(fn, arg, expected, shape);
  return broadcastStrides(shape, target);
}

/**
 * The dtype rule of every computing function: float32 only when every tensor input is float32, else float64
 * (arithmetic is float64 either way; float32 results are rounded once when stored).
 */
export function resultDtype(...dtypes: readonly DType[]): DType {
  return dtypes.length > 0 && dtypes.every((d) => d === "float32") ? "float32" : "float64";
}

/** `x` itself when it is float64, else a float64 copy (exact: every float32 is a float64). */
export function asFloat64(x: TensorData): Float64Array {
  return x instanceof Float64Array ? x : Float64Array.from(x);
}
