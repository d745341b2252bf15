// Runs fixture files against @qkv/core through the component adapters.
import { adapters } from "./adapters/index.js";
import { compareOutputs, type Tolerance } from "./compare.js";
import { loadFixtureFile, parseFixture, type LoadedFixture } from "./fixture.js";

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
    return { ...base, passed: cmp.ok, maxAbsErr: cmp.maxAbsErr, reason: cmp.reason };
  });
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
