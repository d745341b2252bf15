// Comparison of computed outputs with a case's `expected`, with the FORMAT.md tolerances.
import { Tensor } from "../src/index.js";
import { IntLiteral } from "./fixture.js";

export interface Tolerance {
  abs: number;
  /** When set, a value also passes if |computed − expected| ≤ rel·|expected|. */
  rel?: number;
}

export interface Comparison {
  ok: boolean;
  maxAbsErr: number;
  reason?: string;
}

/** Normalise computed values: Tensors and typed arrays become nested arrays. */
function plain(v: unknown): unknown {
  if (v instanceof Tensor) return v.toArray();
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
  return v;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `array of ${v.length}`;
  if (v instanceof IntLiteral) return `integer ${v.value}`;
  return v === null ? "null" : typeof v === "object" ? "object" : `${typeof v} ${String(v)}`;
}

/**
 * Compare every key of `expected` (a missing computed key fails). Floats: |Δ| ≤ tol.abs (or ≤ tol.rel·|e|);
 * NaN ⇔ NaN and ±Infinity exactly; integer literals and booleans exactly.
 */
export function compareOutputs(expected: Record<string, unknown>, computed: Record<string, unknown>, tol: Tolerance): Comparison {
  const state = { max: 0, reason: undefined as string | undefined };
  for (const key of Object.keys(expected)) {
    if (!(key in computed) || computed[key] === undefined) {
      state.reason ??= `missing computed output "${key}"`;
      continue;
    }
    walk(expected[key], plain(computed[key]), key, tol, state);
  }
  return { ok: state.reason === undefined, maxAbsErr: state.max, reason: state.reason };
}

function walk(e: unknown, c: unknown, path: string, tol: Tolerance, st: { max: number; reason?: string }): void {
  const fail = (msg: string): void => {
    st.reason ??= `${path}: ${msg}`;
  };
  c = plain(c);
  if (Array.isArray(e)) {
    if (!Array.isArray(c)) return fail(`expected array of ${e.length}, got ${describe(c)}`);
    if (c.length !== e.length) return fail(`expected length ${e.length}, got ${c.length}`);
    e.forEach((x, i) => walk(x, c[i], `${path}[${i}]`, tol, st));
    return;
  }
  if (e instanceof IntLiteral) {
    const v = typeof c === "boolean" ? Number(c) : c;
    if (typeof v !== "number") return fail(`expected integer ${e.value}, got ${describe(c)}`);
    if (v !== e.value) {
      if (Number.isFinite(v)) st.max = Math.max(st.max, Math.abs(v - e.value));
      return fail(`expected integer ${e.value} exactly, got ${v}`);
    }
    return;
  }
  if (typeof e === "boolean") {
    const v = typeof c === "number" && (c === 0 || c === 1) ? c === 1 : c;
    if (v !== e) fail(`expected ${e}, got ${describe(c)}`);
    return;
  }
  if (typeof e === "number") {
    if (typeof c !== "number") return fail(`expected number ${e}, got ${describe(c)}`);
    if (Number.isNaN(e) || Number.isNaN(c)) {
      if (!(Number.isNaN(e) && Number.isNaN(c))) fail(`expected ${e}, got ${c}`);
      return;
    }
    if (!Number.isFinite(e) || !Number.isFinite(c)) {
      if (e !== c) fail(`expected ${e}, got ${c}`);
      return;
    }
    const err = Math.abs(c - e);
    st.max = Math.max(st.max, err);
    const ok = err <= tol.abs || (tol.rel !== undefined && err <= tol.rel * Math.abs(e));
    if (!ok) fail(`expected ${e}, got ${c} (|Δ| = ${err.toExponential(2)})`);
    return;
  }
  if (e === null) {
    if (c !== null) fail(`expected null, got ${describe(c)}`);
    return;
  }
  if (typeof e === "object") {
    if (!c || typeof c !== "object" || Array.isArray(c)) return fail(`expected object, got ${describe(c)}`);
    const obj = c as Record<string, unknown>;
    for (const k of Object.keys(e as object)) {
      if (!(k in obj)) fail(`missing computed output "${k}"`);
      else walk((e as Record<string, unknown>)[k], obj[k], `${path}.${k}`, tol, st);
    }
    return;
  }
  if (e !== c) fail(`expected ${JSON.stringify(e)}, got ${describe(c)}`);
}
