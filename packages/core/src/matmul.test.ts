import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ShapeError } from "./errors.js";
import { matmul, matmulTransposed } from "./matmul.js";
import { transpose } from "./ops.js";
import { Rng, randn } from "./random.js";
import { Tensor } from "./tensor.js";

/** Textbook triple loop on one (M, K) @ (K, N) pair, summing k in increasing order. */
function naive(a: ArrayLike<number>, b: ArrayLike<number>, M: number, K: number, N: number): number[] {
  const c = new Array<number>(M * N).fill(0);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += a[i * K + k] * b[k * N + j];
      c[i * N + j] = s;
    }
  }
  return c;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    if (Math.abs(actual[i] - e) > tol * (1 + Math.abs(e))) {
      throw new Error(`element ${i}: got ${actual[i]}, expected ${e}`);
    }
  }
}

describe("matmul", () => {
  it("is bitwise equal to the naive triple loop on random 2-D shapes (same k order)", () => {
    // M spans the thin path (< 4) and several row blocks; K spans several k-blocks; N is ragged against the tile.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 140 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (M, K, N, seed) => {
          const rng = new Rng(seed);
          const a = randn([M, K], rng);
          const b = randn([K, N], rng);
          const c = matmul(a, b);
          expect(c.shape).toEqual([M, N]);
          expect(c.dtype).toBe("float64");
          expect(Array.from(c.data)).toEqual(naive(a.data, b.data, M, K, N));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("broadcasts batch dimensions and matches a per-matrix naive product", () => {
    const dim = fc.integer({ min: 1, max: 3 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(dim, fc.boolean(), fc.boolean()), { maxLength: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 9 }), dim), // M on both sides of the thin path
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (batchSpec, dropLeading, [M, K, N], seed) => {
          // Each batch dim has size d or 1 (broadcast) in a and in b; b may also omit its leading dims.
          const aBatch = batchSpec.map(([d, oneA]) => (oneA ? 1 : d));
          const bBatchFull = batchSpec.map(([d, oneA, oneB]) => (oneB && !oneA ? 1 : d));
          const drop = Math.min(dropLeading, bBatchFull.length);
          const bBatch = bBatchFull.slice(drop);
          const outBatch = aBatch.map((d, i) => Math.max(d, i < drop ? 1 : bBatchFull[i]));
          const rng = new Rng(seed);
          const a = randn([...aBatch, M, K], rng);
          const b = randn([...bBatch, K, N], rng);
          const c = matmul(a, b);
          expect(c.shape).toEqual([...outBatch, M, N]);
          const count = outBatch.reduce((x, y) => x * y, 1);
          for (let n = 0; n < count; n++) {
            // Unravel n over the output batch, then index a and b with broadcast (size-1 dims pinned to 0).
            let rem = n;
            const idx = outBatch.map(() => 0);
            for (let d = outBatch.length - 1; d >= 0; d--) {
              idx[d] = rem % outBatch[d];
              rem = Math.floor(rem / outBatch[d]);
            }
            const flat = (shape: number[], offset: number): number => {
              let f = 0;
              shape.forEach((s, d) => (f = f * s + (s === 1 ? 0 : idx[d + offset])));
              return f;
            };
            const am = a.data.subarray(flat(aBatch, 0) * M * K, (flat(aBatch, 0) + 1) * M * K);
            const bm = b.data.subarray(flat(bBatch, drop) * K * N, (flat(bBatch, drop) + 1) * K * N);
            expectClose(c.data.subarray(n * M * N, (n + 1) * M * N), naive(am, bm, M, K, N), 1e-12);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("shares a 2-D b across every batch element of a", () => {
    const rng = new Rng(7);
    const a = randn([2, 3, 4, 5], rng);
    const b = randn([5, 6], rng);
    const c = matmul(a, b);
    expect(c.shape).toEqual([2, 3, 4, 6]);
    for (let n = 0; n < 6; n++) {
      const expected = naive(a.data.subarray(n * 20, (n + 1) * 20), b.data, 4, 5, 6);
      expectClose(c.data.subarray(n * 24, (n + 1) * 24), expected, 1e-12);
    }
  });

  it("accepts nested arrays and gives the textbook result", () => {
    const c = matmul(
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    );
    expect(c.toArray()).toEqual([
      [19, 22],
      [43, 50],
    ]);
  });

  it("returns float32 only when both inputs are float32", () => {
    const rng = new Rng(3);
    const a32 = randn([7, 33], rng, 1, "float32");
    const b32 = randn([33, 9], rng, 1, "float32");
    const c32 = matmul(a32, b32);
    expect(c32.dtype).toBe("float32");
    expectClose(c32.data, naive(a32.data, b32.data, 7, 33, 9), 1e-5);
    expect(matmul(a32, b32.astype("float64")).dtype).toBe("float64");
    expect(matmul(a32.astype("float64"), b32).dtype).toBe("float64");
  });

  it("propagates NaN and Infinity like the naive sum", () => {
    const c = matmul(
      [
        [0, 1],
        [Infinity, 1],
      ],
      [
        [Infinity, 1],
        [NaN, 2],
      ],
    );
    expect(c.toArray()).toEqual([
      [NaN, 2],
      [NaN, Infinity],
    ]);
  });

  it("propagates NaN and Infinity in the packed kernel too (zero padding never leaks into the result)", () => {
    const rng = new Rng(11);
    const a = randn([6, 7], rng);
    const b = randn([7, 5], rng);
    a.data[3] = Infinity; // row 0
    a.data[7 * 4 + 2] = NaN; // row 4
    b.data[5 * 6 + 1] = -Infinity; // row 6, column 1
    expect(Array.from(matmul(a, b).data)).toEqual(naive(a.data, b.data, 6, 7, 5));
  });

  it("handles empty dimensions", () => {
    expect(matmul(Tensor.zeros([0, 3]), Tensor.zeros([3, 4])).shape).toEqual([0, 4]);
    const c = matmul(Tensor.zeros([2, 0]), Tensor.zeros([0, 3]));
    expect(c.shape).toEqual([2, 3]);
    expect(Array.from(c.data)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("names the argument and both shapes when the inner dimensions differ", () => {
    const call = () => matmul(Tensor.zeros([2, 3]), Tensor.zeros([4, 5]));
    expect(call).toThrow(ShapeError);
    expect(call).toThrow('matmul: argument "b" must have shape (…, K=3, N), got (4, 5)');
  });

  it("rejects inputs of rank below 2, naming the argument", () => {
    expect(() => matmul(Tensor.zeros([3]), Tensor.zeros([3, 2]))).toThrow(
      'matmul: argument "a" must have shape (…, M, K), got (3,)',
    );
    expect(() => matmul(Tensor.zeros([2, 3]), Tensor.zeros([3]))).toThrow(
      'matmul: argument "b" must have shape (…, K=3, N), got (3,)',
    );
  });

  it("rejects batch dimensions that do not broadcast", () => {
    const call = () => matmul(Tensor.zeros([2, 4, 3]), Tensor.zeros([3, 3, 5]));
    expect(call).toThrow(ShapeError);
    expect(call).toThrow(/matmul: argument "b" must have shape .*broadcastable.*\(2,\).*got \(3, 3, 5\)/);
  });
});

describe("matmulTransposed", () => {
  it("is bitwise equal to matmul(a, transpose(b)) on random shapes, batched and broadcast, float64 and float32", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }), // both sides of the thin path (M < 4) and several row blocks
        fc.integer({ min: 1, max: 300 }), // several k-blocks
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom([] as number[], [2], [3, 1]),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (M, K, N, batch, sharedB, f32, seed) => {
          const rng = new Rng(seed);
          let a = randn([...batch, M, K], rng);
          let b = randn(sharedB ? [N, K] : [...batch.map((d) => (d === 3 ? 1 : d)), N, K], rng);
          if (f32) [a, b] = [a.astype("float32"), b.astype("float32")];
          const c = matmulTransposed(a, b);
          const ref = matmul(a, transpose(b));
          expect(c.shape).toEqual(ref.shape);
          expect(c.dtype).toBe(ref.dtype);
          expect(Array.from(c.data)).toEqual(Array.from(ref.data));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("names the argument and both shapes when the shared dimension differs", () => {
    expect(() => matmulTransposed(Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))).toThrow(/matmulTransposed: argument "b"/);
  });
});
