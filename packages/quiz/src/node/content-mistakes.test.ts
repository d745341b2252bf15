// Every named mistake in the real content/ is recognised when submitted, and the correct answer matches none.
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { Rng } from "@qkv/core";
import { checkSteps, fullPrecision } from "../diagnose.js";
import type { CodeExercise, NumericExercise } from "../exercise.js";
import { checkCode, prepareLearnerCode } from "../grade-code.js";
import { checkNumeric, instantiate } from "../grade.js";
import { loadContentDir } from "./load-dir.js";
import { createNodeRunner } from "./runner.js";

const CONTENT = fileURLToPath(new URL("../../../../content", import.meta.url));
const { questions } = await loadContentDir(CONTENT);
const exercises = questions.flatMap((q) => q.exercises.map((e) => ({ id: `${q.id}/${e.id}`, e })));
const code = exercises.filter((x): x is { id: string; e: CodeExercise } => x.e.kind === "code");
const numeric = exercises.filter((x): x is { id: string; e: NumericExercise } => x.e.kind === "numeric");
const runner = createNodeRunner();

describe("code exercises: each known mistake is named when submitted", () => {
  test("there are code exercises, each with known mistakes", () => {
    expect(code.length).toBeGreaterThan(10);
    for (const { id, e } of code) expect(e.wrongSolutions?.length ?? 0, id).toBeGreaterThan(0);
  });
  test.each(code.map((x) => [x.id, x.e] as const))("%s", { timeout: 120_000 }, async (_id, e) => {
    const ok = await checkCode(e, e.solution, runner, { seed: 0, timeoutMs: 5000 });
    expect(ok.correct, ok.message).toBe(true);
    expect(ok.diagnosis).toBeUndefined();
    for (const w of e.wrongSolutions ?? []) {
      const v = await checkCode(e, w.code, runner, { seed: 0, timeoutMs: 5000 });
      expect(v.correct, w.label).toBe(false);
      // Named by itself and by no other mistake: the names tell mistakes apart.
      expect(v.diagnosis?.mistakes, w.label).toEqual([w.label]);
      expect(v.diagnosis?.summary).toContain(w.label);
    }
  });
});

describe("code exercises with declared steps", () => {
  const withSteps = code.filter(({ e }) => (e.steps ?? []).length > 0);
  test("some declare steps", () => expect(withSteps.length).toBeGreaterThan(0));
  test.each(withSteps.map((x) => [x.id, x.e] as const))(
    "%s: the solution passes every step; a wrong helper is named",
    async (_id, e) => {
      const argsList = e.tests(new Rng(0)).map((c) => c.args);
      const run = (src: string) => {
        const prepared = prepareLearnerCode(src);
        if (!prepared.ok) throw new Error(prepared.error);
        return checkSteps({ exercise: e, js: prepared.js, argsList, runner, timeoutMs: 5000 });
      };
      const ok = await run(e.solution);
      expect(ok).toEqual({ passed: e.steps!.map((s) => s.name) });
      const withHelpers = (e.wrongSolutions ?? []).filter((w) =>
        e.steps!.some((s) => w.code.includes(`function ${s.functionName}(`)),
      );
      expect(withHelpers.length).toBeGreaterThan(0);
      for (const w of withHelpers) {
        const v = await checkCode(e, w.code, runner, { seed: 0, timeoutMs: 5000 });
        expect(v.diagnosis?.step?.name, w.label).toBeDefined();
        expect(v.diagnosis?.summary).toContain(`The first step that goes wrong is ${v.diagnosis!.step!.name}`);
      }
    },
  );
});

describe("numeric exercises: each declared mistake is named, the right answer matches none", () => {
  const withMistakes = numeric.filter(({ e }) => (instantiate(e, 0).mistakes ?? []).length > 0);
  test("mistakes are declared", () => {
    expect(withMistakes.length).toBeGreaterThan(0);
  });
  test.each(withMistakes.map((x) => [x.id, x.e] as const))("%s", (_id, e) => {
    const named = new Map<string, number>();
    for (let seed = 0; seed < 30; seed++) {
      const inst = instantiate(e, seed);
      const right = checkNumeric(e, seed, fullPrecision(inst.expected));
      expect(right.correct).toBe(true);
      expect(right.mistake).toBeUndefined();
      for (const m of inst.mistakes ?? []) {
        const v = checkNumeric(e, seed, fullPrecision(m.value));
        // For some parameters a mistake happens to give the right value; then it is (rightly) accepted.
        if (v.correct) continue;
        // Two mistakes can give one value for some parameters; the first declared one is named then.
        const first = inst.mistakes!.find(
          (x) =>
            checkNumeric({ ...e, generate: () => ({ ...inst, expected: x.value }) }, seed, fullPrecision(m.value))
              .correct,
        );
        expect(v.mistake, `seed ${seed}: ${m.name}`).toBe(first?.name);
        named.set(m.name, (named.get(m.name) ?? 0) + 1);
      }
    }
    for (const m of instantiate(e, 0).mistakes ?? []) expect(named.get(m.name) ?? 0, m.name).toBeGreaterThan(0);
  });
});
