// Loading reference-vector files in the PyTorch-oracle format (tools/oracle/FORMAT.md).
import { readFileSync } from "node:fs";

export interface FixtureCase {
  name: string;
  params: Record<string, unknown>;
  inputs: Record<string, unknown>;
  weights: Record<string, unknown>;
  expected: Record<string, unknown>;
  note?: string;
  /** Reverse-mode check (FORMAT.md "Gradients"): grads of Σ upstream ⊙ expected[of] w.r.t. dotted-path leaves. */
  backward?: BackwardBlock;
}

export interface BackwardBlock {
  /** A key of `expected`. */
  of: string;
  /** Same shape as expected[of] (a number for a scalar). */
  upstream: unknown;
  /** Dotted leaf path (`inputs.x`, `weights.blocks.0.W_O`) → gradient with the leaf's shape. */
  grads: Record<string, unknown>;
}

export interface FixtureFile {
  component: string;
  conventions?: string;
  cases: FixtureCase[];
  [key: string]: unknown;
}

/** An integer literal in `expected` (no '.' or exponent in the JSON text), compared exactly. */
export class IntLiteral {
  constructor(readonly value: number) {}
}

const NONFINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };

/** JSON.parse reviver: the format encodes NaN/±∞ as the strings "NaN", "Infinity", "-Infinity". */
export function nonFiniteReviver(_key: string, value: unknown): unknown {
  return typeof value === "string" && value in NONFINITE ? NONFINITE[value] : value;
}

// Tokens outside strings: a whole string literal, a number literal, or anything else.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[^"\-\d]+|./gsy;

/** Rewrite integer literals as {"$int": n} so a second parse can tell `1` (an index) from `1.0` (a float). */
function tagIntegers(text: string): string {
  let out = "";
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const t = m[0];
    out += /^-?\d+$/.test(t) ? `{"$int":${t}}` : t;
  }
  return out;
}

function taggedReviver(key: string, value: unknown): unknown {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "$int") return new IntLiteral((value as { $int: number }).$int);
  }
  return nonFiniteReviver(key, value);
}

export interface LoadedFixture {
  file: FixtureFile;
  /** Per case, `expected` with integer literals as IntLiteral (for exact comparison). */
  expectedTagged: Record<string, unknown>[];
}

export function parseFixture(text: string, source = "<fixture>"): LoadedFixture {
  const file = JSON.parse(text, nonFiniteReviver) as FixtureFile;
  if (!file || typeof file.component !== "string" || !Array.isArray(file.cases)) {
    throw new Error(`${source}: not a fixture file (needs "component" and "cases")`);
  }
  const tagged = JSON.parse(tagIntegers(text), taggedReviver) as { cases: { expected?: Record<string, unknown> }[] };
  for (const c of file.cases) {
    c.params ??= {};
    c.inputs ??= {};
    c.weights ??= {};
    c.expected ??= {};
  }
  return { file, expectedTagged: tagged.cases.map((c) => c.expected ?? {}) };
}

export function loadFixtureFile(path: string): LoadedFixture {
  return parseFixture(readFileSync(path, "utf8"), path);
}
