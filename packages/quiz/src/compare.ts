import type { Tolerance } from "./exercise.js";

/** Shape of a nested-array value, or null when it is not a rectangular array of numbers. */
export function shapeOf(v: unknown): number[] | null {
  if (typeof v === "number") return [];
  if (!Array.isArray(v)) return null;
  if (v.length === 0) return [0];
  const inner = shapeOf(v[0]);
  if (inner === null) return null;
  for (let i = 1; i < v.length; i++) {
    const s = shapeOf(v[i]);
    if (s === null || s.length !== inner.length || s.some((d, k) => d !== inner[k])) return null;
  }
  return [v.length, ...inner];
}

/** "a number", "a vector of length 4", "a 3×4 matrix", "a 2×3×4 array", or what else it is. */
export function describeValue(v: unknown): string {
  const shape = shapeOf(v);
  if (shape === null) {
    if (v === undefined) return "nothing (undefined)";
    if (v === null) return "null";
    if (Array.isArray(v)) return `a ragged or non-numeric array of length ${v.length}`;
    if (typeof v === "string") return `a string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
    if (typeof v === "boolean") return `the boolean ${v}`;
    return `a ${typeof v}`;
  }
  if (shape.length === 0) return "a number";
  if (shape.length === 1) return `a vector of length ${shape[0]}`;
  if (shape.length === 2) return `a ${shape[0]}×${shape[1]} matrix`;
  return `a ${shape.join("×")} array`;
}

export function formatTolerance(t: Tolerance): string {
  const parts: string[] = [];
  if (t.abs !== undefined) parts.push(`±${t.abs} absolute`);
  if (t.rel !== undefined) parts.push(`±${t.rel * 100}% relative`);
  return parts.length ? parts.join(" or ") : "exact";
}

/** Formats numbers compactly (up to 6 significant digits) and nested arrays in bracket form. */
export function formatValue(v: unknown): string {
  if (typeof v === "number") return formatNumber(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(", ")}]`;
  if (v === undefined) return "undefined";
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** `x` to `digits` significant digits (default 6), trailing zeros dropped; exponent form outside [1e-4, 1e6). */
export function formatNumber(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e6) return String(Number(x.toPrecision(digits)));
  return x.toExponential(digits - 1).replace(/\.?0+e/, "e");
}

/**
 * `x` with the fewest significant digits (at least 6, for readability) whose value, typed back, is still within
 * `tol` of `x`: a displayed expected value always passes when copied.
 */
export function formatPassing(x: number, tol: Tolerance): string {
  if (!Number.isFinite(x) || x === 0) return formatNumber(x);
  for (let p = 6; p <= 17; p++) {
    const s = formatNumber(x, p);
    // Whole numbers below 1e15 read better written out: 1557612345, not 1.557612345e+9.
    if (withinTolerance(x, Number(s), tol))
      return Number.isInteger(Number(s)) && Math.abs(x) < 1e15 ? String(Number(s)) : s;
  }
  return String(x);
}

/** A value (number or nested array) with every element formatted by `formatPassing`. */
export function formatValuePassing(v: unknown, tol: Tolerance): string {
  if (typeof v === "number") return formatPassing(v, tol);
  if (Array.isArray(v)) return `[${v.map((x) => formatValuePassing(x, tol)).join(", ")}]`;
  return formatValue(v);
}

/** `got` with as many significant digits (at least 6) as it takes to print differently from `shown` when unequal. */
export function formatAgainst(got: number, shown: string): string {
  if (Object.is(Number(shown), got)) return shown;
  for (let p = 6; p <= 17; p++) {
    const g = formatNumber(got, p);
    if (g !== shown) return g;
  }
  return String(got);
}

/**
 * Expected and got for a verdict: the expected value exactly enough to pass, the given one with enough digits to
 * differ from it, so a wrong answer never reads "expected 2, got 2".
 */
export function formatDistinct(want: number, got: number, tol: Tolerance): [string, string] {
  const w = formatPassing(want, tol);
  return [w, formatAgainst(got, w)];
}

/** A given value formatted against the expected one (element by element when the shapes agree). */
export function formatValueAgainst(got: unknown, expected: unknown, tol: Tolerance): string {
  if (typeof got === "number" && typeof expected === "number") return formatDistinct(expected, got, tol)[1];
  if (Array.isArray(got) && Array.isArray(expected) && got.length === expected.length)
    return `[${got.map((x, i) => formatValueAgainst(x, expected[i], tol)).join(", ")}]`;
  return formatValue(got);
}

export function withinTolerance(want: number, got: number, t: Tolerance): boolean {
  if (Number.isNaN(got) || Number.isNaN(want)) return Number.isNaN(got) && Number.isNaN(want);
  if (!Number.isFinite(want) || !Number.isFinite(got)) return want === got;
  const diff = Math.abs(got - want);
  if (t.abs === undefined && t.rel === undefined) return diff === 0;
  return (t.abs !== undefined && diff <= t.abs) || (t.rel !== undefined && diff <= t.rel * Math.abs(want));
}

export type Comparison = { equal: true } | { equal: false; reason: string };

/**
 * Compares a value against the expected one element by element. The reason names the shape mismatch
 * ("expected a 3×4 matrix, got a vector of length 4") or the first differing element with both values.
 */
export function compareValues(expected: unknown, got: unknown, tol: Tolerance): Comparison {
  const want = shapeOf(expected);
  const have = shapeOf(got);
  if (want === null) {
    // Non-numeric expected values (rare) compare structurally.
    return JSON.stringify(expected) === JSON.stringify(got)
      ? { equal: true }
      : { equal: false, reason: `expected ${formatValue(expected)}, got ${formatValue(got)}` };
  }
  if (have === null || have.length !== want.length || have.some((d, i) => d !== want[i]))
    return { equal: false, reason: `expected ${describeValue(expected)}, got ${describeValue(got)}` };
  const flatWant: number[] = [];
  const flatGot: number[] = [];
  flatten(expected, flatWant);
  flatten(got, flatGot);
  for (let i = 0; i < flatWant.length; i++) {
    if (!withinTolerance(flatWant[i], flatGot[i], tol)) {
      const where = want.length === 0 ? "" : ` at ${indexString(i, want)}`;
      const what = Number.isFinite(flatGot[i]) ? "" : ` (${flatGot[i]} — overflow or 0/0?)`;
      const [w, g] = formatDistinct(flatWant[i], flatGot[i], tol);
      return {
        equal: false,
        reason: `value${where} differs: expected ${w}, got ${g}${what}; tolerance ${formatTolerance(tol)}`,
      };
    }
  }
  return { equal: true };
}

export function flatten(v: unknown, out: number[]): void {
  if (Array.isArray(v)) for (const x of v) flatten(x, out);
  else out.push(v as number);
}

/** Flat index → "[i][j]" for a row-major array of `shape`. */
export function indexString(flat: number, shape: number[]): string {
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift(flat % shape[d]);
    flat = Math.floor(flat / shape[d]);
  }
  return idx.map((i) => `[${i}]`).join("");
}
