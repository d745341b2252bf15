import type { Experiment, ExperimentResult } from "./experiment.js";

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Checks a module's default export is a usable experiment whose id equals `slug` (the file name without
 * `.experiment.ts`). Returns the problems as messages; empty means valid.
 */
export function experimentProblems(value: unknown, slug: string): string[] {
  if (typeof value !== "object" || value === null) return ["the default export must be defineExperiment({...})"];
  const e = value as Partial<Experiment>;
  const problems: string[] = [];
  if (typeof e.id !== "string" || !KEBAB.test(e.id)) problems.push(`id must be kebab-case, got ${JSON.stringify(e.id)}`);
  else if (e.id !== slug) problems.push(`id "${e.id}" must equal the file's slug "${slug}"`);
  for (const key of ["title", "claim", "method"] as const) {
    if (typeof e[key] !== "string" || e[key].trim() === "") problems.push(`${key} must be a non-empty string`);
  }
  // One claim, one sentence: a single terminal full stop (decimal points and "e.g." aside).
  if (typeof e.claim === "string" && e.claim.replace(/\b(e\.g|i\.e|vs)\./g, "").split(/\.(\s|$)/).filter((s) => s.trim()).length !== 1)
    problems.push(`claim must be one sentence, got ${JSON.stringify(e.claim)}`);
  if (typeof e.breaks !== "object" || e.breaks === null || Array.isArray(e.breaks))
    problems.push("breaks must be an object { name: what it removes } (may be {})");
  if (typeof e.run !== "function") problems.push("run must be a function");
  return problems;
}

/** Checks a committed result belongs to `experiment` and is a full, passing run. */
export function resultProblems(result: ExperimentResult | undefined, experiment: Experiment): string[] {
  if (result === undefined) return [`no committed full result for "${experiment.id}" (run: pnpm --filter @qkv/experiments full)`];
  const problems: string[] = [];
  if (result.id !== experiment.id) problems.push(`result id "${result.id}" does not match "${experiment.id}"`);
  if (result.mode !== "full") problems.push(`committed result of "${experiment.id}" is a ${result.mode} run, not full`);
  if (result.broken !== undefined) problems.push(`committed result of "${experiment.id}" is a broken variant`);
  if (result.claim !== experiment.claim) problems.push(`committed result of "${experiment.id}" is for an older claim; rerun the full run`);
  if (!result.pass) problems.push(`committed result of "${experiment.id}" FAILs: ${result.error ?? result.checks.filter((c) => !c.pass).map((c) => c.criterion).join("; ")}`);
  return problems;
}
