import type { MathNode } from "mathjs";
import { parseExpression } from "#mathjs-parse";
import type { NumericValue } from "./exercise.js";

// mathjs only parses. The tree is checked against a whitelist and evaluated here over plain numbers and nested
// arrays, so no mathjs function (import, createUnit, evaluate, units, parser state) can ever run, and assignments,
// function definitions, property access, ranges, strings and objects are refused with a reason.

const OPERATORS = new Set([
  "add",
  "subtract",
  "multiply",
  "divide",
  "pow",
  "unaryMinus",
  "unaryPlus",
  "dotMultiply",
  "dotDivide",
  "dotPow",
]);
/** Functions a learner may call in an answer (`ln` is an alias for the natural log). */
export const ANSWER_FUNCTIONS = [
  "sqrt",
  "cbrt",
  "exp",
  "log",
  "ln",
  "log2",
  "log10",
  "sin",
  "cos",
  "tan",
  "sinh",
  "cosh",
  "tanh",
  "abs",
  "max",
  "min",
  "sum",
] as const;
const FUNCTIONS = new Set<string>(ANSWER_FUNCTIONS);
const CONSTANTS = new Set(["pi", "e", "tau"]);
const MAX_INPUT = 20_000;

export type ParsedAnswer = { ok: true; value: NumericValue } | { ok: false; reason: string };

/**
 * Parses a learner's numeric answer: a number (`0.25`, `1e-3`, `-2`), a vector `[1, 2]`, a matrix `[[1,2],[3,4]]`
 * or an arithmetic expression (`e^2/(1+e^2)`, `sqrt(2)/2`, `1/sqrt(8)`, `[1, 2] / 3`). Never throws; on failure the
 * reason says what was wrong in words.
 */
export function parseAnswer(input: string): ParsedAnswer {
  const text = input
    .trim()
    .replace(/[−–]/g, "-")
    .replace(/×/g, "*")
    .replace(/÷/g, "/")
    .replace(/√\s*(\d+(?:\.\d+)?|[A-Za-z]+)/g, "sqrt($1)")
    .replace(/√/g, "sqrt")
    .replace(/π/g, "pi");
  if (text === "") return { ok: false, reason: "the answer is empty" };
  if (text.length > MAX_INPUT) return { ok: false, reason: `the answer is too long (over ${MAX_INPUT} characters)` };
  let node: MathNode;
  try {
    node = parseExpression(text);
  } catch (err) {
    return { ok: false, reason: `could not read "${abbreviate(text)}": ${(err as Error).message}` };
  }
  let rejected: string | null;
  try {
    rejected = checkNode(node, false);
  } catch {
    return { ok: false, reason: "the expression is nested too deeply" }; // stack exhausted while walking the tree
  }
  if (rejected) return { ok: false, reason: rejected };
  let raw: Value;
  try {
    raw = evaluate(node);
  } catch (err) {
    return { ok: false, reason: `could not evaluate "${abbreviate(text)}": ${(err as Error).message}` };
  }
  return toNumericValue(raw);
}

function checkNode(node: MathNode, asFunctionName: boolean): string | null {
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case "ConstantNode":
      return typeof n.value === "number" ? null : `only numbers are allowed, not ${JSON.stringify(n.value)}`;
    case "SymbolNode": {
      const name = n.name as string;
      if (asFunctionName) return FUNCTIONS.has(name) ? null : unknownFunction(name);
      if (CONSTANTS.has(name)) return null;
      if (FUNCTIONS.has(name)) return `"${name}" is a function: write ${name}(…)`;
      return `unknown name "${name}" (known constants: pi, e, tau)`;
    }
    case "OperatorNode": {
      const fn = n.fn as string;
      if (!OPERATORS.has(fn)) return `the operator "${n.op as string}" is not allowed (use + - * / ^ and parentheses)`;
      return firstError(n.args as MathNode[]);
    }
    case "ParenthesisNode":
      return checkNode(n.content as MathNode, false);
    case "ArrayNode":
      return firstError(n.items as MathNode[]);
    case "FunctionNode": {
      const fnNode = n.fn as MathNode;
      if (fnNode.type !== "SymbolNode") return "only plain function calls like sqrt(2) are allowed";
      return checkNode(fnNode, true) ?? firstError(n.args as MathNode[]);
    }
    case "AssignmentNode":
    case "FunctionAssignmentNode":
      return "assignments and function definitions are not allowed: type a value or an expression";
    case "AccessorNode":
    case "IndexNode":
      return "indexing and property access are not allowed";
    case "BlockNode":
      return "only one expression is allowed (no `;` or line breaks between expressions)";
    default:
      return `this kind of expression (${node.type.replace(/Node$/, "").toLowerCase()}) is not allowed`;
  }
}

function firstError(nodes: MathNode[]): string | null {
  for (const child of nodes) {
    const e = checkNode(child, false);
    if (e) return e;
  }
  return null;
}

function unknownFunction(name: string): string {
  return `unknown function "${name}" (allowed: ${ANSWER_FUNCTIONS.join(", ")})`;
}

function toNumericValue(raw: unknown): ParsedAnswer {
  const bad = (where: string, v: unknown): ParsedAnswer => ({
    ok: false,
    reason:
      typeof v === "number"
        ? `the value${where} is ${v} — not a finite number`
        : `the value${where} is not a number (complex or undefined result)`,
  });
  if (typeof raw === "number") return Number.isFinite(raw) ? { ok: true, value: raw } : bad("", raw);
  if (!Array.isArray(raw)) return { ok: false, reason: "the answer must be a number, a vector or a matrix" };
  if (raw.length === 0) return { ok: false, reason: "the vector is empty" };
  if (raw.every((x) => !Array.isArray(x))) {
    for (let i = 0; i < raw.length; i++)
      if (typeof raw[i] !== "number" || !Number.isFinite(raw[i])) return bad(` at [${i}]`, raw[i]);
    return { ok: true, value: raw as number[] };
  }
  if (!raw.every((r) => Array.isArray(r)))
    return { ok: false, reason: "mix of numbers and rows: a matrix needs every row in brackets" };
  const rows = raw as unknown[][];
  const width = rows[0].length;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].length !== width)
      return {
        ok: false,
        reason: `matrix rows have different lengths: row 0 has ${width}, row ${i} has ${rows[i].length}`,
      };
    for (let j = 0; j < width; j++) {
      const v = rows[i][j];
      if (Array.isArray(v))
        return { ok: false, reason: "only numbers, vectors and matrices (up to 2 dimensions) are accepted" };
      if (typeof v !== "number" || !Number.isFinite(v)) return bad(` at [${i}][${j}]`, v);
    }
  }
  if (width === 0) return { ok: false, reason: "the matrix has empty rows" };
  return { ok: true, value: rows as number[][] };
}

function abbreviate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

// --- Evaluation over numbers and nested arrays ---------------------------------------------------------------------

type Value = number | Value[];

const CONSTANT_VALUES: Record<string, number> = { pi: Math.PI, e: Math.E, tau: 2 * Math.PI };
const UNARY: Record<string, (x: number) => number> = {
  sqrt: Math.sqrt,
  cbrt: Math.cbrt,
  exp: Math.exp,
  ln: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  abs: Math.abs,
};

function evaluate(node: MathNode): Value {
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case "ConstantNode":
      return n.value as number;
    case "SymbolNode":
      return CONSTANT_VALUES[n.name as string];
    case "ParenthesisNode":
      return evaluate(n.content as MathNode);
    case "ArrayNode":
      return (n.items as MathNode[]).map(evaluate);
    case "OperatorNode": {
      const args = (n.args as MathNode[]).map(evaluate);
      return operate(n.fn as string, args);
    }
    case "FunctionNode": {
      const name = (n.fn as MathNode & { name: string }).name;
      const args = (n.args as MathNode[]).map(evaluate);
      return callFunction(name, args);
    }
    default:
      throw new Error(`unexpected ${node.type}`); // unreachable: checkNode refused it
  }
}

function elementwise(a: Value, b: Value, f: (x: number, y: number) => number, op: string): Value {
  if (typeof a === "number" && typeof b === "number") return f(a, b);
  if (typeof a === "number") return (b as Value[]).map((y) => elementwise(a, y, f, op));
  if (typeof b === "number") return a.map((x) => elementwise(x, b, f, op));
  if (a.length !== b.length) throw new Error(`${op}: sizes differ (${a.length} vs ${b.length})`);
  return a.map((x, i) => elementwise(x, b[i], f, op));
}

function map(a: Value, f: (x: number) => number): Value {
  return typeof a === "number" ? f(a) : a.map((x) => map(x, f));
}

function operate(fn: string, args: Value[]): Value {
  const [a, b] = args;
  switch (fn) {
    case "unaryMinus":
      return map(a, (x) => -x);
    case "unaryPlus":
      return a;
    case "add":
      return elementwise(a, b, (x, y) => x + y, "+");
    case "subtract":
      return elementwise(a, b, (x, y) => x - y, "-");
    case "dotMultiply":
      return elementwise(a, b, (x, y) => x * y, ".*");
    case "dotDivide":
      return elementwise(a, b, (x, y) => x / y, "./");
    case "dotPow":
      return elementwise(a, b, (x, y) => Math.pow(x, y), ".^");
    case "multiply":
      if (typeof a === "number" || typeof b === "number") return elementwise(a, b, (x, y) => x * y, "*");
      return matmul(a, b);
    case "divide":
      if (typeof b !== "number")
        throw new Error("dividing by a vector or matrix is not defined (use ./ for element-wise)");
      return elementwise(a, b, (x, y) => x / y, "/");
    case "pow":
      if (typeof a !== "number" || typeof b !== "number")
        throw new Error("^ needs numbers (use .^ for element-wise powers)");
      return Math.pow(a, b);
    default:
      throw new Error(`unexpected operator ${fn}`); // unreachable: checkNode refused it
  }
}

/** Matrix product with vectors as rows/columns as in linear algebra: v·w, M·v, v·M, M·N. */
function matmul(a: Value[], b: Value[]): Value {
  const isMatrix = (v: Value[]) => v.length > 0 && Array.isArray(v[0]);
  const dot = (x: Value[], y: Value[]) => {
    if (x.length !== y.length) throw new Error(`*: inner sizes differ (${x.length} vs ${y.length})`);
    return x.reduce<number>((s, v, i) => s + (v as number) * (y[i] as number), 0);
  };
  const column = (m: Value[], j: number) => m.map((row) => (row as Value[])[j]);
  if (!isMatrix(a) && !isMatrix(b)) return dot(a, b);
  if (isMatrix(a) && !isMatrix(b)) return a.map((row) => dot(row as Value[], b));
  const cols = (b[0] as Value[]).length;
  if (!isMatrix(a)) return Array.from({ length: cols }, (_, j) => dot(a, column(b, j)));
  return a.map((row) => Array.from({ length: cols }, (_, j) => dot(row as Value[], column(b, j))));
}

function flat(args: Value[]): number[] {
  return args.flatMap((v) => (typeof v === "number" ? [v] : flat(v)));
}

function callFunction(name: string, args: Value[]): Value {
  if (name === "max" || name === "min" || name === "sum") {
    const xs = flat(args);
    if (xs.length === 0) throw new Error(`${name}() needs at least one value`);
    return name === "max" ? Math.max(...xs) : name === "min" ? Math.min(...xs) : xs.reduce((s, x) => s + x, 0);
  }
  if (name === "log") {
    if (args.length === 2 && typeof args[1] === "number") {
      const base = args[1];
      return map(args[0], (x) => Math.log(x) / Math.log(base));
    }
    if (args.length !== 1) throw new Error("log takes one value (natural log) or a value and a base");
    return map(args[0], Math.log);
  }
  if (args.length !== 1) throw new Error(`${name} takes one value, got ${args.length}`);
  return map(args[0], UNARY[name]);
}
