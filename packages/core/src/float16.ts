/**
 * IEEE 754 binary16 ("half", float16): 1 sign bit, 5 exponent bits (bias 15), 10 mantissa bits. Largest finite
 * value 65504, smallest normal 2⁻¹⁴, smallest subnormal 2⁻²⁴, about 3 decimal digits. Used to store weights in
 * half the bytes of float32; all arithmetic stays in float64/float32.
 */

/**
 * The float16 bit pattern nearest to x, ties to even (as numpy's `astype(float16)` and torch's `.half()`),
 * rounded once from the float64 value:
 *
 *   |x| ≥ 65520 → ±∞;  |x| < 2⁻¹⁴ → subnormal round(|x|·2²⁴);  else (e + 15) << 10 | round((|x|/2ᵉ − 1)·2¹⁰)
 */
export function float16Bits(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= 65520) return sign | 0x7c00; // 65520 is halfway between 65504 and 2¹⁶: ties to even overflow
  if (a < 2 ** -14) return sign | roundHalfEven(a * 2 ** 24); // 1024 here is the smallest normal, bits 0x400
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  let mant = roundHalfEven((a / 2 ** e - 1) * 1024);
  if (mant === 1024) {
    mant = 0;
    e++;
  }
  return e + 15 >= 31 ? sign | 0x7c00 : sign | ((e + 15) << 10) | mant;
}

/** The value of a float16 bit pattern (exact in float64). */
export function float16Value(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const e = (bits >> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (e === 0) return sign * mant * 2 ** -24;
  if (e === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (e - 15);
}

/** x rounded to the nearest float16 value (ties to even). */
export function roundToFloat16(x: number): number {
  return float16Value(float16Bits(x));
}

function roundHalfEven(r: number): number {
  const f = Math.floor(r);
  const diff = r - f; // exact: r is a power-of-two scaling of a double below 2^11
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
