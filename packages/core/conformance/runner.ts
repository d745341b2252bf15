// Runs fixture files against @qkv/core through the component adapters.
import { Tensor, asTensor, type NestedArray } from "../src/index.js";
import type { Adapter, GradientTree } from "./adapter.js";
import { adapters } from "./adapters/index.js";
import { compareOutputs, type Comparison, type Tolerance } from "./compare.js";
import { loadFixtureFile, parseFixture, type FixtureCase, type FixtureFile, type LoadedFixture } from "./fixture.js";

export interface CaseResult {
  component: string;
  name: string;
  passed: boolean;
  maxAbsErr: number;
  reason?: string;
  /** False when the component has no registered adapter (the case then fails). */
  hasAdapter: boolean;
}

const DEFAULT_TOLERANCE: Tolerance = { abs: 1e-9 };

/** Run every case of a parsed fixture. Never throws for a failing case: errors become FAIL results. */
export function runFixture(loaded: LoadedFixture): CaseResult[] {
  const { file, expectedTagged } = loaded;
  const component = file.component;
  const adapter = Object.hasOwn(adapters, component) ? adapters[component] : undefined;
  return file.cases.map((c, i) => {
    const base = { component, name: c.name, hasAdapter: adapter !== undefined };
    if (!adapter) return { ...base, passed: false, maxAbsErr: NaN, reason: `no adapter registered for component "${component}"` };
    let computed: Record<string, unknown>;
    try {
      computed = adapter.run(c, file);
    } catch (err) {
      return { ...base, passed: false, maxAbsErr: NaN, reason: `error: ${err instanceof Error ? err.message : String(err)}` };
    }
    const cmp = compareOutputs(expectedTagged[i], computed, adapter.tolerance ?? DEFAULT_TOLERANCE);
    if (!c.backward) return { ...base, passed: cmp.ok, maxAbsErr: cmp.maxAbsErr, reason: cmp.reason };
    const grad = checkBackward(adapter, c, file);
    const reason = cmp.reason ?? grad.reason;
    return { ...base, passed: reason === undefined, maxAbsErr: Math.max(cmp.maxAbsErr, grad.maxAbsErr), reason };
  });
}

/**
 * A case's `backward` block: every listed leaf must be computed and agree within abs 1e-9 (or rel 1e-9 where the
 * value exceeds 1 in magnitude); a missing computed leaf, an adapter without reverse mode or an unknown `of` fail.
 */
function checkBackward(adapter: Adapter, c: FixtureCase, file: FixtureFile): Comparison {
  const block = c.backward!;
  const fail = (reason: string): Comparison => ({ ok: false, maxAbsErr: NaN, reason: `backward: ${reason}` });
  if (!adapter.backward) return fail(`no reverse mode for component "${file.component}"`);
  if (!block || typeof block.of !== "string" || !(block.of in c.expected)) return fail(`"of" must name a key of expected, got ${JSON.stringify(block?.of)}`);
  if (!block.grads || typeof block.grads !== "object") return fail(`"grads" must be an object of dotted leaf paths`);
  const upstream = typeof block.upstream === "number" ? block.upstream : asTensor(block.upstream as NestedArray);
  let tree: GradientTree;
  try {
    tree = adapter.backward(c, block.of, upstream, file);
  } catch (err) {
    return fail(`error: ${err instanceof Error ? err.message : String(err)}`);
  }
  const computed: Record<string, unknown> = {};
  for (const path of Object.keys(block.grads)) {
    const leaf = resolvePath(tree, path);
    if (leaf !== undefined) computed[path] = leaf;
  }
  const cmp = compareOutputs(block.grads, computed, GRADIENT_TOLERANCE);
  return cmp.ok ? cmp : { ...cmp, reason: `backward (of ${block.of}): ${cmp.reason}` };
}

const GRADIENT_TOLERANCE: Tolerance = { abs: 1e-9, rel: 1e-9 };

/** Follow a dotted path (`weights.blocks.0.W_O`) through objects and arrays; undefined where it ends early. */
export function resolvePath(tree: unknown, path: string): unknown {
  let node = tree;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object" || node instanceof Tensor) return undefined;
    node = Array.isArray(node) ? node[Number(part)] : (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Load and run one fixture file. */
export function runFixtureFile(path: string): CaseResult[] {
  return runFixture(loadFixtureFile(path));
}

export function runFixtureText(text: string, source?: string): CaseResult[] {
  return runFixture(parseFixture(text, source));
}

/** `PASS|FAIL <component>/<case> max_abs_err=<x>` plus a short reason on failure. */
export function formatResult(r: CaseResult): string {
  const err = Number.isNaN(r.maxAbsErr) ? "n/a" : r.maxAbsErr.toExponential(2);
  const line = `${r.passed ? "PASS" : "FAIL"} ${r.component}/${r.name} max_abs_err=${err}`;
  if (r.passed || !r.reason) return line;
  return `${line} (${r.reason.length > 200 ? `${r.reason.slice(0, 200)}…` : r.reason})`;
}
