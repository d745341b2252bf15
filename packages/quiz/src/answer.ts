import {
  create,
  parseDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  dotMultiplyDependencies,
  dotDivideDependencies,
  dotPowDependencies,
  sqrtDependencies,
  cbrtDependencies,
  expDependencies,
  logDependencies,
  log2Dependencies,
  log10Dependencies,
  sinDependencies,
  cosDependencies,
  tanDependencies,
  sinhDependencies,
  coshDependencies,
  tanhDependencies,
  absDependencies,
  maxDependencies,
  minDependencies,
  sumDependencies,
  matrixDependencies,
  piDependencies,
  eDependencies,
  tauDependencies,
  type MathNode,
} from "mathjs";
import type { NumericValue } from "./exercise.js";

// A mathjs instance holding only arithmetic and elementary functions: no `import`, `createUnit`, `evaluate`,
// units or parser state. Every parsed tree is additionally checked against a whitelist before it is compiled,
// so assignments, function definitions, property access, ranges, strings and objects never run.
const math = create(
  {
    parseDependencies,
    addDependencies,
    subtractDependencies,
    multiplyDependencies,
    divideDependencies,
    powDependencies,
    unaryMinusDependencies,
    unaryPlusDependencies,
    dotMultiplyDependencies,
    dotDivideDependencies,
    dotPowDependencies,
    sqrtDependencies,
    cbrtDependencies,
    expDependencies,
    logDependencies,
    log2Dependencies,
    log10Dependencies,
    sinDependencies,
    cosDependencies,
    tanDependencies,
    sinhDependencies,
    coshDependencies,
    tanhDependencies,
    absDependencies,
    maxDependencies,
    minDependencies,
    sumDependencies,
    matrixDependencies,
    piDependencies,
    eDependencies,
    tauDependencies,
  },
  { matrix: "Array", predictable: true, number: "number" },
);

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
  const text = input.trim().replace(/[−–]/g, "-").replace(/×/g, "*").replace(/÷/g, "/").replace(/√\s*(\d+(?:\.\d+)?|[A-Za-z]+)/g, "sqrt($1)").replace(/√/g, "sqrt").replace(/π/g, "pi");
  if (text === "") return { ok: false, reason: "the answer is empty" };
  if (text.length > MAX_INPUT) return { ok: false, reason: `the answer is too long (over ${MAX_INPUT} characters)` };
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (err) {
    return { ok: false, reason: `could not read "${abbreviate(text)}": ${(err as Error).message}` };
  }
  const rejected = checkNode(node, false);
  if (rejected) return { ok: false, reason: rejected };
  let raw: unknown;
  try {
    const scope = new Map<string, unknown>([["ln", math.log]]);
    raw = node.compile().evaluate(scope);
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
    for (let i = 0; i < raw.length; i++) if (typeof raw[i] !== "number" || !Number.isFinite(raw[i])) return bad(` at [${i}]`, raw[i]);
    return { ok: true, value: raw as number[] };
  }
  if (!raw.every((r) => Array.isArray(r))) return { ok: false, reason: "mix of numbers and rows: a matrix needs every row in brackets" };
  const rows = raw as unknown[][];
  const width = rows[0].length;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].length !== width)
      return { ok: false, reason: `matrix rows have different lengths: row 0 has ${width}, row ${i} has ${rows[i].length}` };
    for (let j = 0; j < width; j++) {
      const v = rows[i][j];
      if (Array.isArray(v)) return { ok: false, reason: "only numbers, vectors and matrices (up to 2 dimensions) are accepted" };
      if (typeof v !== "number" || !Number.isFinite(v)) return bad(` at [${i}][${j}]`, v);
    }
  }
  if (width === 0) return { ok: false, reason: "the matrix has empty rows" };
  return { ok: true, value: rows as number[][] };
}

function abbreviate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
