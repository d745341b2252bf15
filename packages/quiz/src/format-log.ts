// What a live-code run prints for one console.log call. Strings, numbers, booleans, null and undefined print as
// Node's console.log prints them, printf directives (%s %d %i %f %j %o %O %c %%) included, so an edited example that
// prints text reads exactly like its checked output. Numbers in a vector, matrix or tensor (core's Tensor, a typed array,
// a rectangular nested array) print as aligned rows with a few significant digits, written as a JavaScript array
// literal so that a printed matrix can be pasted back into code. Everything else is shown like Node's inspect, briefly.
import { flatten, shapeOf } from "./compare.js";

/** Significant digits of the largest magnitude in a grid; the other values share its decimal places, so they align. */
const DIGITS = 4;
/** A grid of more values than this shows each long dimension as its first and last EDGE entries around "…". */
const SUMMARIZE_ABOVE = 400;
const EDGE = 4;
/** Arrays and objects nested deeper than this print as [Array] / [Object]. */
const MAX_DEPTH = 4;
/** Entries shown of a long non-numeric array, Map, Set or object. */
const MAX_ITEMS = 50;
/** A list or object printed on one line when it fits this width and has no line break. */
const LINE_WIDTH = 72;

/** The text one `console.log(...args)` prints: directives of a first string argument filled, the rest joined by spaces. */
export function formatLog(args: readonly unknown[]): string {
  const [first, ...rest] = args;
  const plain = (xs: readonly unknown[]) => xs.map((a) => (typeof a === "string" ? a : formatLogValue(a)));
  if (typeof first !== "string" || rest.length === 0) return plain(args).join(" ");
  const { text, used } = fillDirectives(first, rest);
  return [text, ...plain(rest.slice(used))].join(" ");
}

/** A number as Node prints it (-0 keeps its sign). */
const num = (x: number) => (Object.is(x, -0) ? "-0" : String(x));

/** One printf directive (the letter after "%") applied to `v`, as Node's util.format does. */
function directive(letter: string, v: unknown): string {
  switch (letter) {
    case "s":
      if (typeof v === "bigint") return `${v}n`;
      if (typeof v === "number") return num(v);
      return typeof v === "object" && v !== null ? formatLogValue(v) : String(v);
    case "d":
    case "i":
    case "f":
      if (typeof v === "bigint") return letter === "f" ? num(parseFloat(String(v))) : `${v}n`;
      if (typeof v === "symbol") return "NaN";
      return num(letter === "d" ? Number(v) : letter === "i" ? parseInt(String(v)) : parseFloat(String(v)));
    case "j":
      try {
        return JSON.stringify(v) ?? "undefined";
      } catch {
        return "[Circular]";
      }
    case "c":
      return "";
    default: // o, O
      return formatLogValue(v);
  }
}

/** `format` with its directives filled from `args` in order; `used` counts the arguments consumed. */
function fillDirectives(format: string, args: readonly unknown[]): { text: string; used: number } {
  let used = 0;
  const text = format.replace(/%([sdifjoOc%])/g, (whole, letter: string) => {
    if (letter === "%") return "%";
    if (used >= args.length) return whole;
    return directive(letter, args[used++]);
  });
  return { text, used };
}

/** One value as console.log shows it inside a live-code run (strings quoted, as inside an array). */
export function formatLogValue(v: unknown): string {
  return inspect(v, 0, new Set());
}

/** A core Tensor (or anything of its form): row-major `data` whose length is the product of `shape`. */
interface TensorLike {
  shape: readonly number[];
  data: Float64Array | Float32Array;
}

function isTensorLike(v: object): v is TensorLike {
  const t = v as Partial<TensorLike>;
  if (!(t.data instanceof Float64Array || t.data instanceof Float32Array) || !Array.isArray(t.shape)) return false;
  if (!t.shape.every((d) => Number.isInteger(d) && d >= 0)) return false;
  return t.shape.reduce((a, b) => a * b, 1) === t.data.length;
}

function inspect(v: unknown, depth: number, seen: Set<object>): string {
  switch (typeof v) {
    case "string":
      return quote(v);
    case "number":
      return Object.is(v, -0) ? "-0" : String(v);
    case "bigint":
      return `${v}n`;
    case "symbol":
      return v.toString();
    case "function":
      return v.name ? `[Function: ${v.name}]` : "[Function (anonymous)]";
    case "object":
      if (v === null) return "null";
      break;
    default:
      return String(v);
  }
  if (seen.has(v)) return "[Circular]";
  if (isTensorLike(v)) {
    const dtype = v.data instanceof Float32Array ? "float32" : "float64";
    const shape = `(${v.shape.join(", ")}${v.shape.length === 1 ? "," : ""})`;
    return `Tensor ${shape} ${dtype}\n${formatGrid(v.shape, v.data)}`;
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const values = v as unknown as ArrayLike<unknown>;
    const head = `${v.constructor.name}(${values.length})`;
    if (values.length > 0 && typeof values[0] !== "number") return `${head} [ ${Array.from(values, String).join(", ")} ]`;
    return `${head} ${formatGrid([values.length], values as ArrayLike<number>)}`;
  }
  if (Array.isArray(v)) {
    const shape = shapeOf(v);
    if (shape !== null && shape.length > 0 && v.length > 0) {
      const flat: number[] = [];
      flatten(v, flat);
      return formatGrid(shape, flat);
    }
  }
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  if (depth >= MAX_DEPTH) return Array.isArray(v) ? "[Array]" : "[Object]";
  seen.add(v);
  try {
    const inner = (x: unknown) => inspect(x, depth + 1, seen);
    if (Array.isArray(v)) return list("[", "]", v.slice(0, MAX_ITEMS).map(inner), v.length);
    if (v instanceof Map)
      return list(`Map(${v.size}) {`, "}", [...v].slice(0, MAX_ITEMS).map(([k, x]) => `${inner(k)} => ${inner(x)}`), v.size);
    if (v instanceof Set) return list(`Set(${v.size}) {`, "}", [...v].slice(0, MAX_ITEMS).map(inner), v.size);
    const keys = Object.keys(v);
    const name = (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor?.name;
    const open = name && name !== "Object" ? `${name} {` : "{";
    return list(open, "}", keys.slice(0, MAX_ITEMS).map((k) => `${key(k)}: ${inner((v as Record<string, unknown>)[k])}`), keys.length);
  } finally {
    seen.delete(v);
  }
}

/** `open item, item close` on one line when short, else one item per line (continuation lines indented). */
function list(open: string, close: string, items: string[], total: number): string {
  if (total > items.length) items.push(`… ${total - items.length} more`);
  if (items.length === 0) return `${open}${close}`;
  const oneLine = `${open} ${items.join(", ")} ${close}`;
  if (oneLine.length <= LINE_WIDTH && !oneLine.includes("\n")) return oneLine;
  return `${open}\n${items.map((s) => "  " + s.replace(/\n/g, "\n  ")).join(",\n")}\n${close}`;
}

/** A string as Node's inspect quotes it: single quotes, or double / backticks when that avoids escaping a quote. */
function quote(s: string): string {
  const body = s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
  if (s.includes("'")) {
    if (!s.includes('"')) return `"${body}"`;
    if (!s.includes("`") && !s.includes("${")) return `\`${body}\``;
  }
  return `'${body.replace(/'/g, "\\'")}'`;
}

function key(k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k);
}

/**
 * The one number format shared by every value of a grid: integers as they are; otherwise fixed decimals giving the
 * largest magnitude DIGITS significant digits (so decimal points align), or exponent form when that magnitude is
 * at least 1e6 or below 1e-4. Infinity, -Infinity and NaN are spelled as in JavaScript.
 */
export function gridNumberFormat(values: readonly number[]): (x: number) => string {
  const finite = values.filter(Number.isFinite);
  const hi = finite.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  const special = (f: (x: number) => string) => (x: number) => (Number.isFinite(x) ? f(x) : String(x));
  if (finite.every(Number.isInteger) && hi < 1e15) return special((x) => String(x));
  if (hi >= 1e6 || hi < 1e-4) return special((x) => x.toExponential(DIGITS - 1));
  const decimals = Math.max(1, DIGITS - 1 - Math.floor(Math.log10(hi)));
  return special((x) => x.toFixed(decimals));
}

/**
 * Row-major `values` of `shape` as nested bracketed rows, every cell right-aligned to the widest:
 * ```
 * [[ 0.5000, -Infinity ],
 *  [ 0.2500,    1.0000 ]]
 * ```
 * Rank-3 and higher blocks are separated by blank lines. Large grids are summarized with "…".
 */
export function formatGrid(shape: readonly number[], values: ArrayLike<number>): string {
  if (shape.length === 0) return gridNumberFormat([values[0]])(values[0]);
  if (values.length === 0) return "[]";
  const summarize = values.length > SUMMARIZE_ABOVE;
  // Indices shown along each dimension; -1 stands for the elided middle.
  const shown = shape.map((n) =>
    summarize && n > 2 * EDGE
      ? [...range(0, EDGE), -1, ...range(n - EDGE, n)]
      : range(0, n),
  );
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const picked: number[] = [];
  const collect = (d: number, offset: number): void => {
    for (const i of shown[d]) {
      if (i < 0) continue;
      if (d === shape.length - 1) picked.push(values[offset + i]);
      else collect(d + 1, offset + i * strides[d]);
    }
  };
  collect(0, 0);
  const format = gridNumberFormat(picked);
  const width = picked.reduce((w, x) => Math.max(w, format(x).length), 1);
  const cell = (x: number) => format(x).padStart(width);
  const block = (d: number, offset: number): string => {
    if (d === shape.length - 1)
      return `[ ${shown[d].map((i) => (i < 0 ? "…".padStart(width) : cell(values[offset + i]))).join(", ")} ]`;
    const rows = shown[d].map((i) => (i < 0 ? "…" : block(d + 1, offset + i * strides[d])));
    return `[${rows.join("," + "\n".repeat(Math.max(1, shape.length - d - 1)) + " ".repeat(d + 1))}]`;
  };
  return block(0, 0);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
