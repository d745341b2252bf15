import { ArgumentError, ShapeError } from "./errors.js";
import { broadcastShapes, broadcastStrides, normalizeAxis, resultDtype } from "./shapes.js";
import { Tensor, asTensor, type TensorData, type TensorLike } from "./tensor.js";

/** A tensor argument or a plain number (broadcast as a scalar). */
export type Operand = TensorLike | number;

function product(dims: readonly number[], from = 0, to = dims.length): number {
  let p = 1;
  for (let i = from; i < to; i++) p *= dims[i];
  return p;
}

function toOperand(x: Operand): Tensor {
  return typeof x === "number" ? new Tensor(Float64Array.of(x), []) : asTensor(x);
}

/** Elementwise binary op with broadcasting; `f` is inlined per op by the callers below. */
function binary(fn: string, a0: Operand, b0: Operand, f: (x: number, y: number) => number): Tensor {
  const a = toOperand(a0);
  const b = toOperand(b0);
  const shape = broadcastShapes(fn, a.shape, b.shape);
  // A plain number never widens the result: only tensor operands take part in the dtype rule.
  const out = Tensor.zeros(shape, resultDtype(...[a0, b0].flatMap((x0, i) => (typeof x0 === "number" ? [] : [(i === 0 ? a : b).dtype]))));
  const o = out.data;
  const ad = a.data;
  const bd = b.data;
  const n = o.length;
  if (ad.length === n && bd.length === n) {
    for (let i = 0; i < n; i++) o[i] = f(ad[i], bd[i]);
    return out;
  }
  if (bd.length === 1 && ad.length === n) {
    const y = bd[0];
    for (let i = 0; i < n; i++) o[i] = f(ad[i], y);
    return out;
  }
  if (ad.length === 1 && bd.length === n) {
    const x = ad[0];
    for (let i = 0; i < n; i++) o[i] = f(x, bd[i]);
    return out;
  }
  // General case: walk the output with an odometer over the broadcast strides, contiguous along the last dim.
  const rank = shape.length;
  const sa = broadcastStrides(a.shape, shape);
  const sb = broadcastStrides(b.shape, shape);
  const last = rank === 0 ? 1 : shape[rank - 1];
  const la = rank === 0 ? 0 : sa[rank - 1];
  const lb = rank === 0 ? 0 : sb[rank - 1];
  const idx = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let k = 0; k < n; k += last) {
    for (let j = 0; j < last; j++) o[k + j] = f(ad[ia + j * la], bd[ib + j * lb]);
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]++;
      ia += sa[d];
      ib += sb[d];
      if (idx[d] < shape[d]) break;
      ia -= sa[d] * shape[d];
      ib -= sb[d] * shape[d];
      idx[d] = 0;
    }
  }
  return out;
}

/** `a + b` elementwise with NumPy broadcasting; either side may be a number. */
export function add(a: Operand, b: Operand): Tensor {
  return binary("add", a, b, (x, y) => x + y);
}

/** `a - b` elementwise with NumPy broadcasting. */
export function sub(a: Operand, b: Operand): Tensor {
  return binary("sub", a, b, (x, y) => x - y);
}

/** `a * b` elementwise (Hadamard) with NumPy broadcasting. */
export function mul(a: Operand, b: Operand): Tensor {
  return binary("mul", a, b, (x, y) => x * y);
}

/** `a / b` elementwise with NumPy broadcasting (IEEE: x/0 = ±Infinity, 0/0 = NaN). */
export function div(a: Operand, b: Operand): Tensor {
  return binary("div", a, b, (x, y) => x / y);
}

/** `f(x_i)` for every element; same shape and dtype. */
export function map(x: TensorLike, f: (v: number) => number): Tensor {
  if (typeof f !== "function") throw new ArgumentError("map", "f", `must be a function, got ${typeof f}`);
  const t = asTensor(x);
  const out = Tensor.zeros(t.shape, t.dtype);
  const src = t.data;
  const dst = out.data;
  for (let i = 0; i < src.length; i++) dst[i] = f(src[i]);
  return out;
}

/** `s · x`. */
export function scale(x: TensorLike, s: number): Tensor {
  if (typeof s !== "number") throw new ArgumentError("scale", "s", `must be a number, got ${typeof s}`);
  const t = asTensor(x);
  const out = Tensor.zeros(t.shape, t.dtype);
  const src = t.data;
  const dst = out.data;
  for (let i = 0; i < src.length; i++) dst[i] = src[i] * s;
  return out;
}

/**
 * Permute axes: `y[i_axes[0], …] = x[i_0, …]`, i.e. output dim k is input dim `axes[k]`.
 * Default swaps the last two axes, `(…, M, N) → (…, N, M)`.
 */
export function transpose(x: TensorLike, axes?: readonly number[]): Tensor {
  const t = asTensor(x);
  const rank = t.rank;
  let perm: number[];
  if (axes === undefined) {
    if (rank < 2) throw new ShapeError("transpose", "x", "(…, M, N) with at least 2 dims", t.shape);
    perm = [...Array(rank).keys()];
    perm[rank - 2] = rank - 1;
    perm[rank - 1] = rank - 2;
  } else {
    perm = axes.map((a) => normalizeAxis("transpose", a, rank, "axes"));
    if (perm.length !== rank || new Set(perm).size !== rank) {
      throw new ArgumentError("transpose", "axes", `must be a permutation of ${rank} axes, got [${axes.join(", ")}]`);
    }
  }
  const shape = perm.map((p) => t.shape[p]);
  const inStrides = new Array<number>(rank);
  let s = 1;
  for (let d = rank - 1; d >= 0; d--) {
    inStrides[d] = s;
    s *= t.shape[d];
  }
  const strides = perm.map((p) => inStrides[p]);
  const out = Tensor.zeros(shape, t.dtype);
  copyStrided(t.data, out.data, shape, strides);
  return out;
}

/** Gather `src` through per-output-dim `strides` into contiguous `dst`. */
function copyStrided(src: TensorData, dst: TensorData, shape: readonly number[], strides: readonly number[]): void {
  const rank = shape.length;
  const n = dst.length;
  if (rank === 0) {
    if (n) dst[0] = src[0];
    return;
  }
  const last = shape[rank - 1];
  const ls = strides[rank - 1];
  const idx = new Array<number>(rank).fill(0);
  let off = 0;
  for (let k = 0; k < n; k += last) {
    for (let j = 0; j < last; j++) dst[k + j] = src[off + j * ls];
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]++;
      off += strides[d];
      if (idx[d] < shape[d]) break;
      off -= strides[d] * shape[d];
      idx[d] = 0;
    }
  }
}

type Reducer = (data: TensorData, start: number, n: number, stride: number) => number;

function reduce(fn: string, x: TensorLike, axis: number, keepdims: boolean, r: Reducer): Tensor {
  const t = asTensor(x);
  if (t.rank === 0) throw new ShapeError(fn, "x", "(…, n) with at least 1 dim", t.shape);
  const a = normalizeAxis(fn, axis, t.rank);
  const outer = product(t.shape, 0, a);
  const n = t.shape[a];
  const inner = product(t.shape, a + 1);
  const shape = keepdims ? t.shape.map((d, i) => (i === a ? 1 : d)) : t.shape.filter((_, i) => i !== a);
  const out = Tensor.zeros(shape, t.dtype);
  const o = out.data;
  for (let p = 0; p < outer; p++) {
    for (let q = 0; q < inner; q++) o[p * inner + q] = r(t.data, p * n * inner + q, n, inner);
  }
  return out;
}

/** `Σ_axis x`; removes `axis` unless `keepdims`. */
export function sum(x: TensorLike, axis = -1, keepdims = false): Tensor {
  return reduce("sum", x, axis, keepdims, (d, s, n, st) => {
    let acc = 0;
    for (let i = 0; i < n; i++) acc += d[s + i * st];
    return acc;
  });
}

/** `(1/n) Σ_axis x`. */
export function mean(x: TensorLike, axis = -1, keepdims = false): Tensor {
  return reduce("mean", x, axis, keepdims, (d, s, n, st) => {
    let acc = 0;
    for (let i = 0; i < n; i++) acc += d[s + i * st];
    return acc / n;
  });
}

/** `max_axis x`; NaN propagates (as torch.max). An empty axis gives -Infinity. */
export function max(x: TensorLike, axis = -1, keepdims = false): Tensor {
  return reduce("max", x, axis, keepdims, (d, s, n, st) => {
    let m = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = d[s + i * st];
      if (v > m || v !== v) m = v;
      if (m !== m) break;
    }
    return m;
  });
}

/** Index of the maximum along `axis` (first one on ties, as torch.argmax); the axis is removed. */
export function argmax(x: TensorLike, axis = -1): Tensor {
  const r = reduce("argmax", x, axis, false, (d, s, n, st) => {
    let m = -Infinity;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const v = d[s + i * st];
      if (v !== v) return i;
      if (v > m) {
        m = v;
        k = i;
      }
    }
    return k;
  });
  return r.dtype === "float64" ? r : r.astype("float64");
}

/** Join tensors along `axis`; all other dims must agree. */
export function concat(xs: readonly TensorLike[], axis: number): Tensor {
  if (xs.length === 0) throw new ArgumentError("concat", "xs", "must contain at least one tensor");
  const ts = xs.map((x) => asTensor(x));
  const first = ts[0];
  const a = normalizeAxis("concat", axis, first.rank);
  ts.forEach((t, k) => {
    if (t.rank !== first.rank || t.shape.some((d, i) => i !== a && d !== first.shape[i])) {
      const expected = first.shape.map((d, i) => (i === a ? "n" : String(d))).join(", ");
      throw new ShapeError("concat", `xs[${k}]`, `(${expected})`, t.shape);
    }
  });
  const outer = product(first.shape, 0, a);
  const inner = product(first.shape, a + 1);
  const total = ts.reduce((s, t) => s + t.shape[a], 0);
  const shape = first.shape.map((d, i) => (i === a ? total : d));
  const out = Tensor.zeros(shape, resultDtype(...ts.map((t) => t.dtype)));
  let col = 0;
  for (const t of ts) {
    const block = t.shape[a] * inner;
    for (let p = 0; p < outer; p++) out.data.set(t.data.subarray(p * block, (p + 1) * block), p * total * inner + col);
    col += block;
  }
  return out;
}

/** `x[…, start:end, …]` along `axis` (end exclusive; negative indices count from the end, as Python). */
export function slice(x: TensorLike, axis: number, start: number, end?: number): Tensor {
  const t = asTensor(x);
  const a = normalizeAxis("slice", axis, t.rank);
  const n = t.shape[a];
  const norm = (v: number, name: string): number => {
    if (!Number.isInteger(v)) throw new ArgumentError("slice", name, `must be an integer, got ${v}`);
    return Math.min(Math.max(v < 0 ? v + n : v, 0), n);
  };
  const s = norm(start, "start");
  const e = Math.max(norm(end ?? n, "end"), s);
  const outer = product(t.shape, 0, a);
  const inner = product(t.shape, a + 1);
  const shape = t.shape.map((d, i) => (i === a ? e - s : d));
  const out = Tensor.zeros(shape, t.dtype);
  const block = (e - s) * inner;
  for (let p = 0; p < outer; p++) {
    const from = (p * n + s) * inner;
    out.data.set(t.data.subarray(from, from + block), p * block);
  }
  return out;
}
