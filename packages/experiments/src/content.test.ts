import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import type { Experiment } from "./experiment.js";
import { experimentLinkProblems, loadExperimentsDir, readResult } from "./node/load.js";
import { runExperiment } from "./run.js";
import { resultProblems } from "./validate.js";

// The real content/experiments of the repository: every experiment passes in quick mode, fails with each of its
// breaks (so no claim passes vacuously), has a committed passing full result, and is linked from a question.
const CONTENT = fileURLToPath(new URL("../../../content", import.meta.url));
const loaded = await loadExperimentsDir(CONTENT);
const experiments = loaded.experiments;
const breaks = experiments.flatMap((e) => Object.keys(e.breaks).map((b) => ({ id: e.id, experiment: e, broken: b })));

test("content/experiments loads without problems", () => {
  expect(loaded.problems).toEqual([]);
  expect(experiments.length).toBeGreaterThanOrEqual(14);
});

test("removing the 1/√d_k scale, the causal mask or the residual is among the breaks that must FAIL", () => {
  const has = (id: string, broken: string) => breaks.some((b) => b.id === id && b.broken === broken);
  expect(has("attention-scale", "no-scale")).toBe(true);
  expect(has("causal-mask", "no-mask")).toBe(true);
  expect(has("residual-rank-collapse", "no-residual")).toBe(true);
});

describe.each(experiments.map((e) => ({ id: e.id, e })))("$id", ({ e }) => {
  test("quick run PASSes", async () => {
    const r = await runExperiment(e, { mode: "quick" });
    expect(r.error).toBeUndefined();
    expect(r.checks.filter((c) => !c.pass)).toEqual([]);
    expect(r.pass).toBe(true);
    // What the pages show must be there: figures, a table, and a plot with data and labelled axes.
    expect(r.figures.length).toBeGreaterThan(0);
    expect(r.table.rows.length).toBeGreaterThan(0);
    expect(r.plot.rows.length).toBeGreaterThan(0);
    for (const axis of [r.plot.x, r.plot.y]) {
      expect(axis.label.trim()).not.toBe("");
      expect(r.plot.rows.some((row) => row[axis.key] !== undefined)).toBe(true);
    }
  });

  test("committed full result PASSes and is for the current claim", () => {
    expect(resultProblems(readResult(CONTENT, e.id), e)).toEqual([]);
  });
});

test.each(breaks)("$id FAILs when broken: $broken", async ({ experiment, broken }) => {
  const r = await runExperiment(experiment as Experiment<string>, { mode: "quick", broken });
  expect(r.error).toBeUndefined();
  expect(r.pass).toBe(false);
  expect(r.checks.some((c) => !c.pass)).toBe(true);
});

test("every experiment is listed by a question, and every listed experiment exists", async () => {
  expect(await experimentLinkProblems(CONTENT)).toEqual([]);
});

test("docs/experiments.md lists every experiment", () => {
  const doc = readFileSync(fileURLToPath(new URL("../../../docs/experiments.md", import.meta.url)), "utf8");
  expect(experiments.map((e) => e.id).filter((id) => !doc.includes(`| \`${id}\` |`))).toEqual([]);
});
