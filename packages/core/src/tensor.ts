import { ArgumentError, QkvError, ShapeError, formatShape } from "./errors.js";

export type DType = "float64" | "float32";
export type TensorData = Float64Array | Float32Array;
/** A number or arbitrarily nested arrays of numbers, row-major (JSON's shape for a tensor). */
export type NestedArray = number | NestedArray[];

/**
 * A dense, contiguous, row-major n-d array over a Float64Array (default) or Float32Array.
 * The shape is fixed at construction and checked against the buffer length. Tensors are treated as immutable by
 * every function in @qkv/core: operations allocate their results and never write into their inputs.
 */
export class Tensor {
  readonly data: TensorData;
  readonly shape: readonly number[];

  constructor(data: TensorData, shape: readonly number[]) {
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) throw new QkvError(`Tensor: invalid shape ${formatShape(shape)}`);
    }
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== data.length) {
      throw new QkvError(`Tensor: shape ${formatShape(shape)} needs ${size} values, buffer has ${data.length}`);
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
  }

  get dtype(): DType {
    return this.data instanceof Float32Array ? "float32" : "float64";
  }
  get rank(): number {
    return this.shape.length;
  }
  get size(): number {
    return this.data.length;
  }

  static zeros(shape: readonly number[], dtype: DType = "float64"): Tensor {
    const n = shape.reduce((a, b) => a * b, 1);
    return new Tensor(dtype === "float32" ? new Float32Array(n) : new Float64Array(n), shape);
  }

  static full(shape: readonly number[], value: number, dtype: DType = "float64"): Tensor {
    const t = Tensor.zeros(shape, dtype);
    t.data.fill(value);
    return t;
  }

  /** Build from nested arrays; every row at a depth must have the same length. */
  static from(values: NestedArray, dtype: DType = "float64"): Tensor {
    const shape: number[] = [];
    let probe: NestedArray = values;
    while (Array.isArray(probe)) {
      shape.push(probe.length);
      if (probe.length === 0) break;
      probe = probe[0];
    }
    const t = Tensor.zeros(shape, dtype);
    let k = 0;
    const walk = (v: NestedArray, depth: number, path: string): void => {
      if (depth === shape.length) {
        if (typeof v !== "number") throw new QkvError(`Tensor.from: expected a number at ${path || "top"}, got an array`);
        t.data[k++] = v;
        return;
      }
      if (!Array.isArray(v) || v.length !== shape[depth]) {
        throw new QkvError(`Tensor.from: ragged array at ${path || "top"}: expected ${shape[depth]} items`);
      }
      v.forEach((x, i) => walk(x, depth + 1, `${path}[${i}]`));
    };
    walk(values, 0, "");
    return t;
  }

  /** Nested arrays (a plain number for rank 0). */
  toArray(): NestedArray {
    if (this.rank === 0) return this.data[0];
    let k = 0;
    const build = (depth: number): NestedArray[] => {
      const out: NestedArray[] = [];
      for (let i = 0; i < this.shape[depth]; i++) out.push(depth === this.rank - 1 ? this.data[k++] : build(depth + 1));
      return out;
    };
    return build(0);
  }

  /** Same data, new shape; one dimension may be -1 and is inferred. Shares the buffer. */
  reshape(shape: readonly number[]): Tensor {
    const known = shape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const resolved = shape.map((d) => (d === -1 ? this.size / known : d));
    if (resolved.reduce((a, b) => a * b, 1) !== this.size || resolved.some((d) => !Number.isInteger(d))) {
      throw new ShapeError("reshape", "shape", `with ${this.size} elements`, shape);
    }
    return new Tensor(this.data, resolved);
  }

  /** The element at a full index, e.g. `t.get(b, i, j)`. */
  get(...index: number[]): number {
    return this.data[this.offset(index)];
  }

  /** Sub-tensor along the first axis (a copy), e.g. batch element b of a (B, T, d) tensor. */
  index(i: number): Tensor {
    if (this.rank === 0 || i < 0 || i >= this.shape[0]) {
      throw new ArgumentError("Tensor.index", "i", `must be in [0, ${this.shape[0] ?? 0}), got ${i}`);
    }
    const inner = this.shape.slice(1);
    const n = this.size / this.shape[0];
    return new Tensor(this.data.slice(i * n, (i + 1) * n), inner);
  }

  /** Copy with another element type. */
  astype(dtype: DType): Tensor {
    return new Tensor(dtype === "float32" ? Float32Array.from(this.data) : Float64Array.from(this.data), this.shape);
  }

  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  private offset(index: number[]): number {
    if (index.length !== this.rank) {
      throw new ArgumentError("Tensor.get", "index", `must have ${this.rank} coordinates, got ${index.length}`);
    }
    let off = 0;
    for (let d = 0; d < this.rank; d++) {
      const i = index[d];
      if (!Number.isInteger(i) || i < 0 || i >= this.shape[d]) {
        throw new ArgumentError("Tensor.get", "index", `${index.join(", ")} is outside shape ${formatShape(this.shape)}`);
      }
      off = off * this.shape[d] + i;
    }
    return off;
  }
}

/** Accept a Tensor or nested arrays wherever a tensor argument is expected. */
export type TensorLike = Tensor | NestedArray;

export function asTensor(x: TensorLike, dtype?: DType): Tensor {
  if (x instanceof Tensor) return dtype && x.dtype !== dtype ? x.astype(dtype) : x;
  return Tensor.from(x, dtype ?? "float64");
}

/** Shorthand for `Tensor.from`. */
export function tensor(values: NestedArray, dtype: DType = "float64"): Tensor {
  return Tensor.from(values, dtype);
}
