// @qkv/core's WebAssembly SIMD kernels, in AssemblyScript (compiled by wasm/build.mjs into src/wasm/kernels-wasm.ts;
// never imported by TypeScript). The readable reference for every function here is the JS code it replaces
// (src/matmul.ts, src/kernels.ts): same blocking, same packed layouts, same order of floating-point additions
// wherever the JS reference promises one.
//
// Every pointer is a byte offset into this module's memory; the JS side (src/wasm/memory.ts) lays the buffers out.
// Nothing here allocates. Built twice: with relaxed SIMD (madd may fuse the multiply-add) and without.

/** KC rows of k per block: one packed KC×NR strip of B stays in L1 while the MR×KC strip of A streams past it. */
const KC: i32 = 256;
/** Rows of packed A per L2 block. */
const MC: i32 = 64;
/** Columns of packed B per L2 block (with the MC×KC block of A, ~400 KiB: both stay in a 1 MiB L2). */
const NC: i32 = 128;
/** Keys per attention block: the only scores ever held are one 4×BK tile. */
const BK: i32 = 64;

export function heapBase(): usize {
  return __heap_base;
}

/** c + a·b per lane (fused when the engine has relaxed SIMD and chooses to fuse). */
// @ts-ignore: decorator
@inline function madd64(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(c, f64x2.mul(a, b));
}

// @ts-ignore: decorator
@inline function madd32(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

// e^x per f64x2 lane, within ~1 ulp: x = k·ln2 + r with |r| ≤ ln2/2 (Cody–Waite, fdlibm's split of ln2, exact
// for every k reached), e^r by its Taylor series to r¹³ (remainder < 1e-17), times 2^k built from the exponent bits in
// two halves so that overflow gives ∞ and underflow 0 (x is clamped to [−746, 710] first; NaN stays NaN).
// @ts-ignore: decorator
@inline function expV(x: v128): v128 {
  x = f64x2.min(f64x2.max(x, f64x2.splat(-746)), f64x2.splat(710));
  const k = f64x2.nearest(f64x2.mul(x, f64x2.splat(1.4426950408889634)));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(k, f64x2.splat(6.93147180369123816490e-01))), f64x2.mul(k, f64x2.splat(1.90821492927058770002e-10)));
  let p = f64x2.splat(1.0 / 6227020800.0);
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 479001600.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 39916800.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 3628800.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 362880.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 40320.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 5040.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 720.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 120.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 24.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 6.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(0.5));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0));
  const ki = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(k));
  const k1 = i64x2.shr_s(ki, 1);
  const k2 = i64x2.sub(ki, k1);
  const bias = i64x2.splat(1023);
  const s1 = i64x2.shl(i64x2.add(k1, bias), 52);
  const s2 = i64x2.shl(i64x2.add(k2, bias), 52);
  return f64x2.mul(f64x2.mul(p, s1), s2);
}

// ---- float64 matmul: MR = 4 rows × NR = 4 columns (two f64x2 per row) -----------------------------------------

/**
 * Pack B (K, N) into k-blocks of KC rows; inside a block, strip s holds B[k][4s .. 4s+4) for each k in turn, zero
 * padded to N rounded up to 4. With transB the matrix given is Bᵀ (N, K) and is read by rows. Same layout as JS.
 */
export function packB64(b: usize, K: i32, N: i32, transB: bool, dst: usize): void {
  const Np = (N + 3) & ~3;
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    for (let j0 = 0; j0 < Np; j0 += 4) {
      let p = dst + ((<usize>k0 * Np + <usize>j0 * kc) << 3);
      if (!transB && j0 + 4 <= N) {
        // A full strip of B's rows: four contiguous values per k, two vector copies.
        for (let k = k0; k < k0 + kc; k++) {
          const src = b + ((<usize>k * N + j0) << 3);
          v128.store(p, v128.load(src));
          v128.store(p, v128.load(src, 16), 16);
          p += 32;
        }
        continue;
      }
      for (let k = k0; k < k0 + kc; k++) {
        for (let c = j0; c < j0 + 4; c++) {
          const at = transB ? <usize>c * K + k : <usize>k * N + c;
          store<f64>(p, c < N ? load<f64>(b + (at << 3)) : 0);
          p += 8;
        }
      }
    }
  }
}

/** Activations an epilogue can apply (src/wasm/instance.ts mirrors the numbers). */
const ACT_NONE: i32 = 0;
const ACT_GELU_TANH: i32 = 1;
/** √(2/π) as src/activations.ts computes it (Math.SQRT2 · (2/√π) · ½). */
const GELU_BETA: f64 = 0.7978845608028654;

/**
 * C (M, N) = epilogue(A (M, K) @ packed B); `ap` holds one packed KC block of A, `cp` the zero-padded (Mp, Np)
 * accumulator. Every C element sums its K products in increasing k from 0 (no FMA in the plain build): bitwise the
 * JS result. The epilogue is the JS's separate passes in their order, applied once per element as C is written:
 * c = act(acc + bias[j]) + resid[i, j], each term where given (`bias`/`resid` 0: absent; `act` ACT_NONE or
 * ACT_GELU_TANH). `resid` may be `c` itself (each element is read before it is written).
 */
export function gemm64(a: usize, M: i32, K: i32, N: i32, bp: usize, ap: usize, cp: usize, c: usize, bias: usize, act: i32, resid: usize): void {
  const Np = (N + 3) & ~3;
  const Mp = (M + 3) & ~3;
  memory.fill(cp, 0, (<usize>Mp * Np) << 3);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    let p = ap;
    for (let i0 = 0; i0 < Mp; i0 += 4) {
      for (let k = k0; k < k0 + kc; k++) {
        for (let r = i0; r < i0 + 4; r++) {
          store<f64>(p, r < M ? load<f64>(a + ((<usize>r * K + k) << 3)) : 0);
          p += 8;
        }
      }
    }
    const bBlock = bp + ((<usize>k0 * Np) << 3);
    for (let jc = 0; jc < Np; jc += NC) {
      const jEnd = min(jc + NC, Np);
      for (let ic = 0; ic < Mp; ic += MC) {
      const iEnd = min(ic + MC, Mp);
      for (let j0 = jc; j0 < jEnd; j0 += 4) {
        const pb = bBlock + ((<usize>j0 * kc) << 3);
        for (let i0 = ic; i0 < iEnd; i0 += 4) {
          micro64(ap + ((<usize>i0 * kc) << 3), pb, cp + ((<usize>i0 * Np + j0) << 3), <usize>Np << 3, kc);
        }
      }
    }
    }
  }
  if (!bias && act == ACT_NONE && !resid) unpad(cp, <usize>Np << 3, c, <usize>N << 3, M);
  else epilogue64(cp, <usize>Np << 3, c, M, N, bias, act, resid);
}

/** c[i, j] = act(cp[i, j] + bias[j]) + resid[i, j] for the M × N result (cp's row pitch `ldc` bytes). */
function epilogue64(cp: usize, ldc: usize, c: usize, M: i32, N: i32, bias: usize, act: i32, resid: usize): void {
  const bytes = <usize>N << 3;
  const b4 = bytes & ~31;
  const b2 = bytes & ~15;
  const gelu = act == ACT_GELU_TANH;
  for (let i = 0; i < M; i++) {
    const src = cp + <usize>i * ldc;
    const dst = c + <usize>i * bytes;
    const res = resid + <usize>i * bytes;
    let o: usize = 0;
    // Two vectors per pass: gelu's exponential is a long dependency chain, two independent ones overlap.
    for (; o < b4; o += 32) {
      let y0 = v128.load(src + o);
      let y1 = v128.load(src + o, 16);
      if (bias) {
        y0 = f64x2.add(y0, v128.load(bias + o));
        y1 = f64x2.add(y1, v128.load(bias + o, 16));
      }
      if (gelu) {
        y0 = geluV(y0);
        y1 = geluV(y1);
      }
      if (resid) {
        y0 = f64x2.add(v128.load(res + o), y0);
        y1 = f64x2.add(v128.load(res + o, 16), y1);
      }
      v128.store(dst + o, y0);
      v128.store(dst + o, y1, 16);
    }
    for (; o < bytes; o += 16) {
      const two = o < b2;
      let y = two ? v128.load(src + o) : v128.load64_zero(src + o);
      if (bias) y = f64x2.add(y, two ? v128.load(bias + o) : v128.load64_zero(bias + o));
      if (gelu) y = geluV(y);
      if (resid) y = f64x2.add(two ? v128.load(res + o) : v128.load64_zero(res + o), y);
      if (two) v128.store(dst + o, y);
      else store<f64>(dst + o, f64x2.extract_lane(y, 0));
    }
  }
}

/** The 4×4 tile at c (row pitch ldc bytes) += packed A strip (kc×4) · packed B strip (kc×4), k in order. */
function micro64(pa: usize, pb: usize, c: usize, ldc: usize, kc: i32): void {
  const r1 = c + ldc;
  const r2 = r1 + ldc;
  const r3 = r2 + ldc;
  let c00 = v128.load(c), c01 = v128.load(c, 16);
  let c10 = v128.load(r1), c11 = v128.load(r1, 16);
  let c20 = v128.load(r2), c21 = v128.load(r2, 16);
  let c30 = v128.load(r3), c31 = v128.load(r3, 16);
  const end = pa + (<usize>kc << 5);
  while (pa < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let x = v128.load64_splat(pa);
    c00 = madd64(x, b0, c00);
    c01 = madd64(x, b1, c01);
    x = v128.load64_splat(pa, 8);
    c10 = madd64(x, b0, c10);
    c11 = madd64(x, b1, c11);
    x = v128.load64_splat(pa, 16);
    c20 = madd64(x, b0, c20);
    c21 = madd64(x, b1, c21);
    x = v128.load64_splat(pa, 24);
    c30 = madd64(x, b0, c30);
    c31 = madd64(x, b1, c31);
    pa += 32;
    pb += 32;
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(r1, c10); v128.store(r1, c11, 16);
  v128.store(r2, c20); v128.store(r2, c21, 16);
  v128.store(r3, c30); v128.store(r3, c31, 16);
}

/** Copy `rows` rows of `bytes` each from pitch `srcPitch` to a dense destination. */
function unpad(src: usize, srcPitch: usize, dst: usize, bytes: usize, rows: i32): void {
  for (let i = 0; i < rows; i++) memory.copy(dst + <usize>i * bytes, src + <usize>i * srcPitch, bytes);
}

/**
 * Thin products (M < 4 rows of A, e.g. one decoding step) are bound by streaming B from memory, so B is not packed:
 * the JS side copies it in by chunks that stay in cache and calls these on each chunk, so B is read from memory
 * once. Each C element still sums its products in increasing k from 0, like the JS kernel.
 *
 * thinRows64: C (M, N) += A[:, k0:k0+kc] @ B[k0:k0+kc, :], with `b` holding those kc rows of B (kc, N); `first`
 * zeroes C before the first chunk. Two columns per lane pair, one row of B at a time.
 */
export function thinRows64(a: usize, M: i32, K: i32, N: i32, b: usize, k0: i32, kc: i32, c: usize, first: bool): void {
  const N2 = N & ~1;
  for (let i = 0; i < M; i++) {
    const ar = a + ((<usize>i * K + k0) << 3);
    const cr = c + ((<usize>i * N) << 3);
    if (first) memory.fill(cr, 0, <usize>N << 3);
    for (let k = 0; k < kc; k++) {
      const x = v128.load64_splat(ar + (<usize>k << 3));
      const br = b + ((<usize>k * N) << 3);
      let j = 0;
      for (; j < N2; j += 2) {
        const o = <usize>j << 3;
        v128.store(cr + o, madd64(x, v128.load(br + o), v128.load(cr + o)));
      }
      if (j < N) {
        const o = <usize>j << 3;
        const sum = madd64(x, v128.load64_splat(br + o), v128.load64_splat(cr + o));
        store<f64>(cr + o, f64x2.extract_lane(sum, 0));
      }
    }
  }
}

/**
 * thinDots64: C[:, j0:j0+nc] = A (M, K) @ Bᵀ for B given as (N, K), with `b` holding rows j0 … j0+nc−1 of B. Four
 * rows of B are dotted with an A row at once (lane pairs gathered from two rows), each sum in k order.
 */
export function thinDots64(a: usize, M: i32, K: i32, N: i32, b: usize, j0: i32, nc: i32, c: usize): void {
  const rowB = <usize>K << 3;
  for (let i = 0; i < M; i++) {
    const ar = a + ((<usize>i * K) << 3);
    const cr = c + ((<usize>i * N + j0) << 3);
    let j = 0;
    for (; j + 4 <= nc; j += 4) {
      const b0 = b + <usize>j * rowB;
      const b1 = b0 + rowB;
      const b2 = b1 + rowB;
      const b3 = b2 + rowB;
      let s01 = f64x2.splat(0);
      let s23 = f64x2.splat(0);
      for (let k = 0; k < K; k++) {
        const o = <usize>k << 3;
        const x = v128.load64_splat(ar + o);
        s01 = madd64(x, v128.load64_lane(b1 + o, v128.load64_zero(b0 + o), 1), s01);
        s23 = madd64(x, v128.load64_lane(b3 + o, v128.load64_zero(b2 + o), 1), s23);
      }
      v128.store(cr + (<usize>j << 3), s01);
      v128.store(cr + (<usize>j << 3), s23, 16);
    }
    for (; j < nc; j++) {
      const bj = b + <usize>j * rowB;
      let s = f64x2.splat(0);
      for (let k = 0; k < K; k++) {
        const o = <usize>k << 3;
        s = madd64(v128.load64_splat(ar + o), v128.load64_splat(bj + o), s);
      }
      store<f64>(cr + (<usize>j << 3), f64x2.extract_lane(s, 0));
    }
  }
}

// ---- float32 matmul: MR = 4 rows × NR = 8 columns (two f32x4 per row), float32 arithmetic ----------------------

/** As packB64, for float32 and strips of 8 columns. */
export function packB32(b: usize, K: i32, N: i32, transB: bool, dst: usize): void {
  const Np = (N + 7) & ~7;
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    for (let j0 = 0; j0 < Np; j0 += 8) {
      let p = dst + ((<usize>k0 * Np + <usize>j0 * kc) << 2);
      if (!transB && j0 + 8 <= N) {
        for (let k = k0; k < k0 + kc; k++) {
          const src = b + ((<usize>k * N + j0) << 2);
          v128.store(p, v128.load(src));
          v128.store(p, v128.load(src, 16), 16);
          p += 32;
        }
        continue;
      }
      for (let k = k0; k < k0 + kc; k++) {
        for (let c = j0; c < j0 + 8; c++) {
          const at = transB ? <usize>c * K + k : <usize>k * N + c;
          store<f32>(p, c < N ? load<f32>(b + (at << 2)) : 0);
          p += 4;
        }
      }
    }
  }
}

/** As gemm64, in float32 (each C element still sums its products in k order). */
export function gemm32(a: usize, M: i32, K: i32, N: i32, bp: usize, ap: usize, cp: usize, c: usize): void {
  const Np = (N + 7) & ~7;
  const Mp = (M + 3) & ~3;
  memory.fill(cp, 0, (<usize>Mp * Np) << 2);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    let p = ap;
    for (let i0 = 0; i0 < Mp; i0 += 4) {
      for (let k = k0; k < k0 + kc; k++) {
        for (let r = i0; r < i0 + 4; r++) {
          store<f32>(p, r < M ? load<f32>(a + ((<usize>r * K + k) << 2)) : 0);
          p += 4;
        }
      }
    }
    const bBlock = bp + ((<usize>k0 * Np) << 2);
    for (let jc = 0; jc < Np; jc += NC) {
      const jEnd = min(jc + NC, Np);
      for (let ic = 0; ic < Mp; ic += MC) {
      const iEnd = min(ic + MC, Mp);
      for (let j0 = jc; j0 < jEnd; j0 += 8) {
        const pb = bBlock + ((<usize>j0 * kc) << 2);
        for (let i0 = ic; i0 < iEnd; i0 += 4) {
          micro32(ap + ((<usize>i0 * kc) << 2), pb, cp + ((<usize>i0 * Np + j0) << 2), <usize>Np << 2, kc);
        }
      }
    }
    }
  }
  unpad(cp, <usize>Np << 2, c, <usize>N << 2, M);
}

function micro32(pa: usize, pb: usize, c: usize, ldc: usize, kc: i32): void {
  const r1 = c + ldc;
  const r2 = r1 + ldc;
  const r3 = r2 + ldc;
  let c00 = v128.load(c), c01 = v128.load(c, 16);
  let c10 = v128.load(r1), c11 = v128.load(r1, 16);
  let c20 = v128.load(r2), c21 = v128.load(r2, 16);
  let c30 = v128.load(r3), c31 = v128.load(r3, 16);
  const end = pa + (<usize>kc << 4);
  while (pa < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let x = v128.load32_splat(pa);
    c00 = madd32(x, b0, c00);
    c01 = madd32(x, b1, c01);
    x = v128.load32_splat(pa, 4);
    c10 = madd32(x, b0, c10);
    c11 = madd32(x, b1, c11);
    x = v128.load32_splat(pa, 8);
    c20 = madd32(x, b0, c20);
    c21 = madd32(x, b1, c21);
    x = v128.load32_splat(pa, 12);
    c30 = madd32(x, b0, c30);
    c31 = madd32(x, b1, c31);
    pa += 16;
    pb += 32;
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(r1, c10); v128.store(r1, c11, 16);
  v128.store(r2, c20); v128.store(r2, c21, 16);
  v128.store(r3, c30); v128.store(r3, c31, 16);
}

// ---- fused attention, float64 ----------------------------------------------------------------------------------

/**
 * One head: out = softmax(scale · Q Kᵀ + keyMask + mask) V, flash-attention style. For each block of 4 query rows
 * the keys go by in blocks of BK: a 4×BK tile of scores, its row maxima, e^{s − m} with the running max m, and the
 * running sums l and Σ e^{s − m} v (rescaled by e^{m_old − m_new} whenever the max grows); out = acc / l at the end.
 *
 * Layout (all float64): q (Lp, dk) with rows ≥ L zero; kT (dk, Sp), the keys transposed so the scores of 4 keys
 * are one pair of vectors (each still summed over d_k in order, bitwise the JS scores); v (Sp, dvp) with rows ≥ S
 * zero; out (Lp, dvp). mask (L, S) and keyMask (S) are optional (0). If `scores` is nonzero the masked scores
 * (L, S) are written there, and if `weights` is too, the softmax weights. `tmp` holds 4·BK + 12 float64.
 * A fully masked row is 0/0 = NaN, a NaN score makes its row NaN, as the JS kernel and torch.
 *
 * `causal` says that `mask` is the causal mask (−∞ exactly where key j > query i, L = S) and that no scores or
 * weights are asked for: keys beyond each group's last query are then skipped rather than added as e^{−∞} = 0
 * terms, which leaves the result unchanged (x + 0 = x, and α = e^0 = 1) while the values are finite. Only a NaN or
 * ±∞ in a later position's key or value would have reached the earlier rows (through −∞ + NaN or 0 · ∞).
 */
export function attention64(
  q: usize, kT: usize, v: usize, L: i32, S: i32, dk: i32, dvp: i32, scale: f64,
  mask: usize, keyMask: usize, out: usize, scores: usize, weights: usize, tmp: usize, causal: bool,
): void {
  const Lp = (L + 3) & ~3;
  const Sp = (S + 3) & ~3;
  const st = tmp; // (4, BK) score tile, then its exponentials
  const ml = tmp + ((<usize>BK * 4) << 3); // running max m[4], sum l[4], rescale alpha[4]
  const ktPitch = <usize>Sp << 3;
  const vPitch = <usize>dvp << 3;
  const scaleV = f64x2.splat(scale);
  for (let i0 = 0; i0 < Lp; i0 += 4) {
    for (let r = 0; r < 4; r++) {
      store<f64>(ml + (<usize>r << 3), -Infinity);
      store<f64>(ml + (<usize>r << 3), 0, 32);
    }
    memory.fill(out + <usize>i0 * vPitch, 0, vPitch * 4);
    const q0 = q + ((<usize>i0 * dk) << 3);
    const q1 = q0 + (<usize>dk << 3);
    const q2 = q1 + (<usize>dk << 3);
    const q3 = q2 + (<usize>dk << 3);
    const jEnd = causal ? min(Sp, i0 + 4) : Sp;
    for (let j0 = 0; j0 < jEnd; j0 += BK) {
      const jb = min(BK, jEnd - j0);
      // Scores tile: 4 queries × 4 keys per pass, summed over d_k in order.
      for (let jj = 0; jj < jb; jj += 4) {
        let a00 = f64x2.splat(0), a01 = f64x2.splat(0), a10 = f64x2.splat(0), a11 = f64x2.splat(0);
        let a20 = f64x2.splat(0), a21 = f64x2.splat(0), a30 = f64x2.splat(0), a31 = f64x2.splat(0);
        let kp = kT + ((<usize>(j0 + jj)) << 3);
        for (let t = 0; t < dk; t++) {
          const b0 = v128.load(kp);
          const b1 = v128.load(kp, 16);
          const o = <usize>t << 3;
          let x = v128.load64_splat(q0 + o);
          a00 = madd64(x, b0, a00);
          a01 = madd64(x, b1, a01);
          x = v128.load64_splat(q1 + o);
          a10 = madd64(x, b0, a10);
          a11 = madd64(x, b1, a11);
          x = v128.load64_splat(q2 + o);
          a20 = madd64(x, b0, a20);
          a21 = madd64(x, b1, a21);
          x = v128.load64_splat(q3 + o);
          a30 = madd64(x, b0, a30);
          a31 = madd64(x, b1, a31);
          kp += ktPitch;
        }
        const sp = st + (<usize>jj << 3);
        const row = <usize>BK << 3;
        v128.store(sp, f64x2.mul(a00, scaleV)); v128.store(sp, f64x2.mul(a01, scaleV), 16);
        v128.store(sp + row, f64x2.mul(a10, scaleV)); v128.store(sp + row, f64x2.mul(a11, scaleV), 16);
        v128.store(sp + 2 * row, f64x2.mul(a20, scaleV)); v128.store(sp + 2 * row, f64x2.mul(a21, scaleV), 16);
        v128.store(sp + 3 * row, f64x2.mul(a30, scaleV)); v128.store(sp + 3 * row, f64x2.mul(a31, scaleV), 16);
      }
      // Masks and block max (scalar), exponentials two lanes at a time, running sums.
      for (let r = 0; r < 4; r++) {
        const i = i0 + r;
        const sr = st + ((<usize>r * BK) << 3);
        let bm = -Infinity;
        for (let jj = 0; jj < jb; jj++) {
          const j = j0 + jj;
          let s = -Infinity;
          if (j < S) {
            s = load<f64>(sr + (<usize>jj << 3));
            if (keyMask) s += load<f64>(keyMask + (<usize>j << 3));
            if (mask && i < L) s += load<f64>(mask + ((<usize>i * S + j) << 3));
            if (scores && i < L) store<f64>(scores + ((<usize>i * S + j) << 3), s);
          }
          store<f64>(sr + (<usize>jj << 3), s);
          bm = max(bm, s); // NaN-propagating, like the JS `s > m || s !== s`
        }
        const mOld = load<f64>(ml + (<usize>r << 3));
        const m = max(mOld, bm);
        let alpha: f64 = 1;
        let sum: f64 = 0;
        if (m == -Infinity) {
          // Everything so far is masked: nothing to add, and e^{−∞ − (−∞)} must not poison later blocks.
          memory.fill(sr, 0, <usize>jb << 3);
        } else {
          alpha = Math.exp(mOld - m);
          const mV = f64x2.splat(m);
          for (let jj = 0; jj < jb; jj += 2) {
            const p = sr + (<usize>jj << 3);
            const e = expV(f64x2.sub(v128.load(p), mV));
            v128.store(p, e);
            sum += f64x2.extract_lane(e, 0);
            sum += f64x2.extract_lane(e, 1);
          }
        }
        store<f64>(ml + (<usize>r << 3), m);
        store<f64>(ml + (<usize>r << 3), load<f64>(ml + (<usize>r << 3), 32) * alpha + sum, 32);
        store<f64>(ml + (<usize>r << 3), alpha, 64);
      }
      // acc_r = acc_r · alpha_r + Σ_j p_rj v_j, 4 rows × 4 value columns in registers per pass.
      const al0 = v128.load64_splat(ml, 64), al1 = v128.load64_splat(ml, 72);
      const al2 = v128.load64_splat(ml, 80), al3 = v128.load64_splat(ml, 88);
      for (let t0 = 0; t0 < dvp; t0 += 4) {
        const o0 = out + <usize>i0 * vPitch + (<usize>t0 << 3);
        const o1 = o0 + vPitch, o2 = o1 + vPitch, o3 = o2 + vPitch;
        let c00 = f64x2.mul(v128.load(o0), al0), c01 = f64x2.mul(v128.load(o0, 16), al0);
        let c10 = f64x2.mul(v128.load(o1), al1), c11 = f64x2.mul(v128.load(o1, 16), al1);
        let c20 = f64x2.mul(v128.load(o2), al2), c21 = f64x2.mul(v128.load(o2, 16), al2);
        let c30 = f64x2.mul(v128.load(o3), al3), c31 = f64x2.mul(v128.load(o3, 16), al3);
        let vp = v + <usize>j0 * vPitch + (<usize>t0 << 3);
        let pp = st;
        const pEnd = st + (<usize>jb << 3);
        const row = <usize>BK << 3;
        while (pp < pEnd) {
          const b0 = v128.load(vp);
          const b1 = v128.load(vp, 16);
          let x = v128.load64_splat(pp);
          c00 = madd64(x, b0, c00);
          c01 = madd64(x, b1, c01);
          x = v128.load64_splat(pp + row);
          c10 = madd64(x, b0, c10);
          c11 = madd64(x, b1, c11);
          x = v128.load64_splat(pp + 2 * row);
          c20 = madd64(x, b0, c20);
          c21 = madd64(x, b1, c21);
          x = v128.load64_splat(pp + 3 * row);
          c30 = madd64(x, b0, c30);
          c31 = madd64(x, b1, c31);
          pp += 8;
          vp += vPitch;
        }
        v128.store(o0, c00); v128.store(o0, c01, 16);
        v128.store(o1, c10); v128.store(o1, c11, 16);
        v128.store(o2, c20); v128.store(o2, c21, 16);
        v128.store(o3, c30); v128.store(o3, c31, 16);
      }
    }
    for (let r = 0; r < 4; r++) {
      const inv = f64x2.splat(load<f64>(ml + (<usize>r << 3), 32));
      const o = out + <usize>(i0 + r) * vPitch;
      for (let t = 0; t < dvp; t += 2) {
        const p = o + (<usize>t << 3);
        v128.store(p, f64x2.div(v128.load(p), inv));
      }
      const i = i0 + r;
      if (weights && i < L) {
        const m = load<f64>(ml + (<usize>r << 3));
        const l = load<f64>(ml + (<usize>r << 3), 32);
        const base = <usize>i * S;
        for (let j = 0; j < S; j++) {
          const s = load<f64>(scores + ((base + j) << 3));
          store<f64>(weights + ((base + j) << 3), Math.exp(s - m) / l);
        }
      }
    }
  }
}

// ---- row-wise normalisations, float64 (rows of n contiguous values) --------------------------------------------

/**
 * softmax (or log-softmax, `log`) of each row of `x`, z = x / temperature: out = e^{z − max z} / Σ e^{z − max z}.
 * The max propagates NaN; e^x two lanes at a time (expV); the sum runs left to right as in the JS (src/softmax.ts).
 */
export function softmax64(x: usize, out: usize, rows: i32, n: i32, temperature: f64, log: bool): void {
  const bytes = <usize>n << 3;
  const n2 = <usize>(n & ~1) << 3;
  const tV = f64x2.splat(temperature);
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * bytes;
    const yr = out + <usize>r * bytes;
    let mV = f64x2.splat(-Infinity);
    let o: usize = 0;
    for (; o < n2; o += 16) {
      const z = temperature == 1 ? v128.load(xr + o) : f64x2.div(v128.load(xr + o), tV);
      v128.store(yr + o, z);
      mV = f64x2.max(mV, z);
    }
    let m = max(f64x2.extract_lane(mV, 0), f64x2.extract_lane(mV, 1));
    if (o < bytes) {
      const z = temperature == 1 ? load<f64>(xr + o) : load<f64>(xr + o) / temperature;
      store<f64>(yr + o, z);
      m = max(m, z);
    }
    let s: f64 = 0;
    const mS = f64x2.splat(m);
    for (o = 0; o < n2; o += 16) {
      const e = expV(f64x2.sub(v128.load(yr + o), mS));
      if (!log) v128.store(yr + o, e);
      s += f64x2.extract_lane(e, 0);
      s += f64x2.extract_lane(e, 1);
    }
    if (o < bytes) {
      const e = Math.exp(load<f64>(yr + o) - m);
      if (!log) store<f64>(yr + o, e);
      s += e;
    }
    if (log) {
      const ls = Math.log(s);
      const mV2 = f64x2.splat(m);
      const lsV = f64x2.splat(ls);
      for (o = 0; o < n2; o += 16) v128.store(yr + o, f64x2.sub(f64x2.sub(v128.load(yr + o), mV2), lsV));
      if (o < bytes) store<f64>(yr + o, load<f64>(yr + o) - m - ls);
    } else {
      const sV = f64x2.splat(s);
      for (o = 0; o < n2; o += 16) v128.store(yr + o, f64x2.div(v128.load(yr + o), sV));
      if (o < bytes) store<f64>(yr + o, load<f64>(yr + o) / s);
    }
  }
}

/** Σ of the row's values (f64x2 partial sums, combined at the end). */
function rowSum(xr: usize, bytes: usize): f64 {
  const b2 = bytes & ~15;
  let acc = f64x2.splat(0);
  let o: usize = 0;
  for (; o < b2; o += 16) acc = f64x2.add(acc, v128.load(xr + o));
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (o < bytes) s += load<f64>(xr + o);
  return s;
}

/** Σ (x − c)² over the row. */
function rowSquares(xr: usize, bytes: usize, c: f64): f64 {
  const b2 = bytes & ~15;
  const cV = f64x2.splat(c);
  let acc = f64x2.splat(0);
  let o: usize = 0;
  for (; o < b2; o += 16) {
    const v = f64x2.sub(v128.load(xr + o), cV);
    acc = f64x2.add(acc, f64x2.mul(v, v));
  }
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (o < bytes) {
    const v = load<f64>(xr + o) - c;
    s += v * v;
  }
  return s;
}

/**
 * LayerNorm of each row: y = (x − μ) · rstd · γ + β with μ and the biased variance σ² of the row (two passes, as
 * src/layer-norm.ts; the sums in two lanes), rstd = 1/√(σ² + eps). `gamma`/`beta` are 0 when absent.
 */
export function layerNorm64(x: usize, out: usize, rows: i32, d: i32, eps: f64, gamma: usize, beta: usize): void {
  const bytes = <usize>d << 3;
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * bytes;
    const yr = out + <usize>r * bytes;
    const mu = rowSum(xr, bytes) / d;
    const rs = 1 / Math.sqrt(rowSquares(xr, bytes, mu) / d + eps);
    scaleRow(xr, yr, bytes, mu, rs, gamma, beta);
  }
}

/** RMSNorm of each row: y = x · (1 / √(mean(x²) + eps)) · g, as src/rms-norm.ts. `g` is 0 when absent. */
export function rmsNorm64(x: usize, out: usize, rows: i32, d: i32, eps: f64, g: usize): void {
  const bytes = <usize>d << 3;
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * bytes;
    const yr = out + <usize>r * bytes;
    const inv = 1 / Math.sqrt(rowSquares(xr, bytes, 0) / d + eps);
    scaleRow(xr, yr, bytes, 0, inv, g, 0);
  }
}

/** y = (x − c) · s, then · γ and + β where given (the JS expression order, so elementwise results match bitwise). */
function scaleRow(xr: usize, yr: usize, bytes: usize, c: f64, s: f64, gamma: usize, beta: usize): void {
  const b2 = bytes & ~15;
  const cV = f64x2.splat(c);
  const sV = f64x2.splat(s);
  let o: usize = 0;
  for (; o < b2; o += 16) {
    let y = f64x2.mul(f64x2.sub(v128.load(xr + o), cV), sV);
    if (gamma) y = f64x2.mul(y, v128.load(gamma + o));
    if (beta) y = f64x2.add(y, v128.load(beta + o));
    v128.store(yr + o, y);
  }
  if (o < bytes) {
    let y = (load<f64>(xr + o) - c) * s;
    if (gamma) y *= load<f64>(gamma + o);
    if (beta) y += load<f64>(beta + o);
    store<f64>(yr + o, y);
  }
}

// ---- activations, float64 ---------------------------------------------------------------------------------------

/**
 * gelu_tanh(x) = ½ x (1 + tanh(β (x + 0.044715 x³))), β = √(2/π), with tanh(u) = 1 − 2 / (e^{2u} + 1) on two lanes
 * (absolute error ~1e-16, so gelu's relative error stays ~1e-16). The JS expression's order of operations.
 */
// @ts-ignore: decorator
@inline function geluV(v: v128): v128 {
  const one = f64x2.splat(1);
  const two = f64x2.splat(2);
  const u = f64x2.mul(f64x2.splat(GELU_BETA), f64x2.add(v, f64x2.mul(f64x2.mul(f64x2.mul(f64x2.splat(0.044715), v), v), v)));
  const t = f64x2.sub(one, f64x2.div(two, f64x2.add(expV(f64x2.mul(two, u)), one)));
  return f64x2.mul(f64x2.mul(f64x2.splat(0.5), v), f64x2.add(one, t));
}

/** gelu_tanh of n float64 values (geluV), two vectors per pass. */
export function geluTanh64(x: usize, out: usize, n: i32): void {
  const bytes = <usize>n << 3;
  const b4 = bytes & ~31;
  let o: usize = 0;
  for (; o < b4; o += 32) {
    const y0 = geluV(v128.load(x + o));
    const y1 = geluV(v128.load(x + o, 16));
    v128.store(out + o, y0);
    v128.store(out + o, y1, 16);
  }
  for (; o < bytes; o += 16) {
    if (o + 16 <= bytes) v128.store(out + o, geluV(v128.load(x + o)));
    else store<f64>(out + o, f64x2.extract_lane(geluV(v128.load64_zero(x + o)), 0));
  }
}

// ---- moving blocks between layouts, float64 (pitches in elements) ------------------------------------------------

/** dst[r, 0:cols] = src[r, 0:cols] for `rows` rows: one head's columns in or out of a (T, d) activation. */
export function copyBlock64(src: usize, srcPitch: i32, dst: usize, dstPitch: i32, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    memory.copy(dst + ((<usize>r * dstPitch) << 3), src + ((<usize>r * srcPitch) << 3), <usize>cols << 3);
  }
}

/** dst[c, r] = src[r, c] for the rows × cols block: one head's keys, transposed for attention64. */
export function transposeBlock64(src: usize, srcPitch: i32, dst: usize, dstPitch: i32, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const s = src + ((<usize>r * srcPitch) << 3);
    const d = dst + (<usize>r << 3);
    for (let c = 0; c < cols; c++) store<f64>(d + ((<usize>c * dstPitch) << 3), load<f64>(s + (<usize>c << 3)));
  }
}
