import { readdir, readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { instantiate } from "../grade.js";
import { checkCode } from "../grade-code.js";
import { shapeOf } from "../compare.js";
import { importMarkdown } from "../importer.js";
import { exercisesPathFor, lineOfId } from "../load.js";
import { problem, type Problem } from "../problem.js";
import type { Question } from "../question.js";
import { renderMarkdown } from "../render.js";
import type { CodeRunner } from "../sandbox.js";
import { display, loadContentDir } from "./load-dir.js";
import { runExample } from "./run-example.js";
import { createNodeRunner } from "./runner.js";

export interface CheckContentOptions {
  /** Seeds tried per numeric exercise (default 50). */
  numericSeeds?: number;
  /** Seeds of hidden tests per code exercise (default 3): the solution must pass and every wrong solution fail at each. */
  codeSeeds?: number;
  runner?: CodeRunner;
  /** Time limit per code run (default 5000 ms; generous, as the checker runs many in a row). */
  timeoutMs?: number;
  /**
   * The seed documents (`../shared/seeds`): when given, every `<stem>.txt` needs `coverage/<stem>.yaml`, and every
   * numbered question the importer finds in it (`seed-NNN-q<n>`) needs a coverage entry naming at least one id.
   */
  seedsDir?: string;
  /** Questions checked at once (default: CPU count, at most 4). */
  concurrency?: number;
  /**
   * Called as each question's checks finish (in completion order, which with concurrency is not question order):
   * `done` counts finished questions (1..total), `questionId` is the one that just finished.
   */
  onProgress?: (done: number, total: number, questionId: string) => void;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await f(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Everything `qkv check` verifies: every file loads; every formula renders; every `ts example` prints exactly its
 * `text output`; every `core:` name is a @qkv/core export; numeric exercises give finite, deterministic expected
 * values for each seed; code solutions pass their hidden tests, starters and wrong solutions fail them; coverage
 * files name existing ids. Returns all problems (empty when the content is sound).
 */
export async function checkContent(dir: string, options: CheckContentOptions = {}): Promise<Problem[]> {
  const { questions, problems } = await loadContentDir(dir);
  const core = (await import("@qkv/core")) as Record<string, unknown>;
  const concurrency = options.concurrency ?? Math.min(4, availableParallelism());
  // The code checked here is the repository's own (solutions, starters, wrong solutions, as trusted as the
  // exercises modules this process has imported), so a sandbox process serves many runs: starting one per run
  // doubled the time of a full check. Examples, which imported files can contain, get a process each.
  const own = options.runner ? undefined : createNodeRunner({ poolSize: concurrency, jobsPerProcess: 100 });
  const runner = options.runner ?? own!;
  let done = 0;
  // Questions are checked a few at a time (code runs and examples are sandbox processes, so they use the other
  // cores); the problems keep the questions' order.
  const perQuestion = await mapLimit(questions, concurrency, async (q) => {
    const found = await renderProblems(q);
    for (const name of q.core)
      if (!(name in core)) found.push(problem(q.path, 1, `core: "${name}" is not an export of @qkv/core`));
    for (const ex of q.examples) found.push(...(await exampleProblems(q, ex)));
    found.push(...(await exerciseProblems(q, runner, options)));
    options.onProgress?.(++done, questions.length, q.id);
    return found;
  });
  own?.close();
  problems.push(...perQuestion.flat());
  problems.push(...(await coverageProblems(dir, questions)));
  if (options.seedsDir) problems.push(...(await seedCoverageProblems(dir, options.seedsDir)));
  return problems;
}

async function renderProblems(q: Question): Promise<Problem[]> {
  const out = [
    ...renderMarkdown(q.question, { file: q.path, line: q.questionLine }).problems,
    ...renderMarkdown(q.answer, { file: q.path, line: q.answerLine }).problems,
  ];
  const exFile = exercisesPathFor(q.path);
  const exText = q.exercises.length ? await readFile(exFile, "utf8").catch(() => "") : "";
  for (const e of q.exercises) {
    const texts: string[] = [];
    if (e.kind === "multiple-choice") texts.push(e.prompt, ...e.choices.flatMap((c) => [c.text, c.explanation]));
    else if (e.kind === "code") texts.push(e.prompt);
    else if (e.kind === "recall") texts.push(e.prompt, e.answer);
    else if (e.kind === "numeric") {
      // Prompts are generated per seed; render one instance (a throwing generate() is reported by the numeric check).
      try {
        const instance = instantiate(e, 0);
        texts.push(instance.prompt, instance.explanation);
      } catch {}
    }
    texts.push(...(e.hints ?? []));
    for (const t of texts)
      for (const p of renderMarkdown(t, { file: exFile, line: 1 }).problems)
        out.push({ ...p, line: lineOfId(exText, e.id), message: `exercise "${e.id}": ${p.message}` });
  }
  return out;
}

async function exampleProblems(q: Question, ex: Question["examples"][number]): Promise<Problem[]> {
  const r = await runExample(ex.code);
  if (r.error) return [problem(q.path, ex.line, `example fails: ${r.error}`)];
  const got = r.output.replace(/\s+$/, "");
  const want = ex.expectedOutput.replace(/\s+$/, "");
  if (got === want) return [];
  const g = got.split("\n");
  const w = want.split("\n");
  let i = 0;
  while (i < g.length && i < w.length && g[i] === w[i]) i++;
  const detail =
    i >= w.length
      ? `it prints ${g.length - w.length} more line(s), starting with ${JSON.stringify(g[i])}`
      : i >= g.length
        ? `it prints nothing for output line ${i + 1}, expected ${JSON.stringify(w[i])}`
        : `output line ${i + 1} differs:\n  - expected: ${JSON.stringify(w[i])}\n  + printed:  ${JSON.stringify(g[i])}`;
  return [
    problem(
      q.path,
      ex.outputLine + 1 + Math.min(i, w.length),
      `example output does not match what the code prints; ${detail}`,
    ),
  ];
}

async function exerciseProblems(q: Question, runner: CodeRunner, options: CheckContentOptions): Promise<Problem[]> {
  const out: Problem[] = [];
  const file = exercisesPathFor(q.path);
  const text = q.exercises.length ? await readFile(file, "utf8").catch(() => "") : "";
  const say = (id: string, message: string) =>
    out.push(problem(file, lineOfId(text, id), `exercise "${id}": ${message}`));
  for (const e of q.exercises) {
    if (e.kind === "numeric") {
      const seeds = options.numericSeeds ?? 50;
      for (let seed = 0; seed < seeds; seed++) {
        let inst;
        try {
          inst = instantiate(e, seed);
        } catch (err) {
          say(e.id, `generate throws for seed ${seed}: ${(err as Error).message}`);
          break;
        }
        const shape = shapeOf(inst.expected);
        const flat = [inst.expected].flat(2) as unknown[];
        if (shape === null || shape.length > 2 || flat.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
          say(
            e.id,
            `seed ${seed}: expected must be a finite number, vector or matrix, got ${JSON.stringify(inst.expected)}`,
          );
          break;
        }
        if (typeof inst.prompt !== "string" || inst.prompt.trim() === "" || typeof inst.explanation !== "string") {
          say(e.id, `seed ${seed}: generate must return a prompt and an explanation`);
          break;
        }
        const again = instantiate(e, seed);
        if (JSON.stringify(again) !== JSON.stringify(inst)) {
          say(e.id, `seed ${seed}: generate is not deterministic in rng (two runs differ)`);
          break;
        }
      }
    } else if (e.kind === "code") {
      const seeds = options.codeSeeds ?? 3;
      const timeoutMs = options.timeoutMs ?? 5000;
      for (let seed = 0; seed < seeds; seed++) {
        try {
          const sol = await checkCode(e, e.solution, runner, { seed, timeoutMs });
          if (!sol.correct) say(e.id, `the solution fails its hidden tests (seed ${seed}): ${sol.message}`);
          const starter = await checkCode(e, e.starter, runner, { seed, timeoutMs, diagnose: false });
          if (starter.correct) say(e.id, `the starter code already passes the hidden tests (seed ${seed})`);
          for (const w of e.wrongSolutions ?? []) {
            const v = await checkCode(e, w.code, runner, { seed, timeoutMs, diagnose: false });
            if (v.correct)
              say(e.id, `wrong solution "${w.label}" passes the hidden tests (seed ${seed}); the tests must catch it`);
          }
        } catch (err) {
          say(e.id, `tests/reference throw for seed ${seed}: ${(err as Error).message}`);
          break;
        }
      }
    }
  }
  return out;
}

/** content/coverage/*.yaml: a list of { source, title, ids }; every id must be a loaded question. */
async function coverageProblems(dir: string, questions: Question[]): Promise<Problem[]> {
  const out: Problem[] = [];
  const covDir = join(dir, "coverage");
  let names: string[];
  try {
    names = (await readdir(covDir)).filter((n) => n.endsWith(".yaml") || n.endsWith(".yml")).sort();
  } catch {
    return out;
  }
  const ids = new Set(questions.map((q) => q.id));
  for (const name of names) {
    const file = join(covDir, name);
    const text = await readFile(file, "utf8");
    const doc = parseDocument(text);
    const shown = display(file);
    if (doc.errors.length) {
      out.push(
        problem(shown, doc.errors[0].linePos?.[0].line ?? 1, `coverage: ${doc.errors[0].message.split("\n")[0]}`),
      );
      continue;
    }
    const data = doc.toJS() as unknown;
    if (!Array.isArray(data)) {
      out.push(problem(shown, 1, "coverage must be a list of { source, title, ids }"));
      continue;
    }
    const lines = text.split("\n");
    data.forEach((entry: { source?: unknown; ids?: unknown } | null, i) => {
      const line = Math.max(
        1,
        lines.findIndex((l) => typeof entry?.source === "string" && l.includes(entry.source)) + 1,
      );
      if (typeof entry?.source !== "string" || !Array.isArray(entry.ids))
        return out.push(problem(shown, line, `coverage entry ${i + 1} needs "source" and "ids: [...]"`));
      for (const id of entry.ids)
        if (!ids.has(String(id)))
          out.push(
            problem(shown, line, `coverage: ${entry.source} names "${String(id)}", which is not a loaded question`),
          );
      return undefined;
    });
  }
  return out;
}

async function seedCoverageProblems(dir: string, seedsDir: string): Promise<Problem[]> {
  const out: Problem[] = [];
  const seeds = (await readdir(seedsDir)).filter((n) => n.endsWith(".txt")).sort();
  for (const name of seeds) {
    const stem = name.slice(0, -".txt".length);
    const covFile = join(dir, "coverage", `${stem}.yaml`);
    let covered: Map<string, unknown[]>;
    try {
      const data = parseDocument(await readFile(covFile, "utf8")).toJS() as { source?: unknown; ids?: unknown }[] | null;
      covered = new Map(
        (Array.isArray(data) ? data : []).map((e) => [String(e?.source), Array.isArray(e?.ids) ? e.ids : []]),
      );
    } catch {
      out.push(problem(display(covFile), 1, `coverage: missing file for seed ${name} (map each of its questions to ids)`));
      continue;
    }
    const text = await readFile(join(seedsDir, name), "utf8");
    const lines = (await readFile(covFile, "utf8")).split("\n");
    for (const q of importMarkdown(text, { source: `seed-${stem.slice(0, 3)}` }).questions) {
      for (const source of q.sources.filter((s) => /-q\d+$/.test(s))) {
        const ids = covered.get(source);
        if (!ids) out.push(problem(display(covFile), 1, `coverage: no entry for ${source} ("${q.title}")`));
        else if (ids.length === 0) {
          const line = Math.max(1, lines.findIndex((l) => l.includes(source)) + 1);
          out.push(problem(display(covFile), line, `coverage: ${source} lists no content ids`));
        }
      }
    }
  }
  return out;
}
