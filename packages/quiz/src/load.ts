import type { Exercise } from "./exercise.js";
import { problem, type Problem } from "./problem.js";
import { parseQuestionFile, type Question } from "./question.js";
import { ID_PATTERN } from "./vocabulary.js";

export interface ContentFile {
  path: string;
  text: string;
}

export interface LoadResult {
  questions: Question[];
  problems: Problem[];
}

export interface LoadOptions {
  /** Source text of each exercises module by question id, to point problems at the `id:` line. */
  exerciseSources?: Record<string, { path: string; text: string }>;
}

/** `content/attention/foo.md` → `content/attention/foo.exercises.ts`. */
export function exercisesPathFor(markdownPath: string): string {
  return markdownPath.replace(/\.md$/i, ".exercises.ts");
}

/**
 * Parses every question file and attaches its exercises (`exerciseModules[questionId]`, the module's default
 * export). Problems never stop the load: a broken file or exercise list is reported and the rest still loads.
 * Questions come back in the order of `files`.
 */
export function loadContent(
  files: readonly ContentFile[],
  exerciseModules: Record<string, unknown>,
  options: LoadOptions = {},
): LoadResult {
  const problems: Problem[] = [];
  const questions: Question[] = [];
  const byId = new Map<string, Question>();
  for (const f of files) {
    const r = parseQuestionFile(f.path, f.text);
    problems.push(...r.problems);
    if (!r.question) continue;
    const prev = byId.get(r.question.id);
    if (prev) {
      problems.push(problem(f.path, 1, `duplicate question id "${r.question.id}" (also in ${prev.path})`));
      continue;
    }
    byId.set(r.question.id, r.question);
    questions.push(r.question);
  }
  for (const [qid, mod] of Object.entries(exerciseModules)) {
    const q = byId.get(qid);
    const src = options.exerciseSources?.[qid];
    const file = src?.path ?? (q ? exercisesPathFor(q.path) : `${qid}.exercises.ts`);
    if (!q) {
      // The Markdown may have failed to parse (already reported); only flag true orphans.
      if (!files.some((f) => f.path.replace(/\\/g, "/").endsWith(`/${qid}.md`)))
        problems.push(problem(file, 1, `exercises for "${qid}" but there is no question file ${qid}.md beside them`));
      continue;
    }
    const r = validateExercises(mod, file, src?.text);
    problems.push(...r.problems);
    q.exercises = r.exercises;
  }
  return { questions, problems };
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/**
 * Checks an exercises module's default export. Valid exercises are returned even when others are broken.
 * `sourceText` (the module's text) lets problems point at the line of each exercise's `id:`.
 */
export function validateExercises(
  value: unknown,
  file: string,
  sourceText?: string,
): { exercises: Exercise[]; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!Array.isArray(value)) {
    problems.push(
      problem(file, 1, "the default export must be an array of exercises (export default defineExercises([...]))"),
    );
    return { exercises: [], problems };
  }
  const exercises: Exercise[] = [];
  const seen = new Set<string>();
  value.forEach((raw: unknown, index) => {
    const e = raw as Record<string, unknown> | null;
    const idText = typeof e?.id === "string" ? e.id : "";
    const line = lineOfId(sourceText, idText);
    const label = idText ? `exercise "${idText}"` : `exercise #${index + 1}`;
    const errs: string[] = [];
    const str = (key: string) => {
      if (typeof e?.[key] !== "string" || (e[key] as string).trim() === "")
        errs.push(`"${key}" must be a non-empty string`);
    };
    const fn = (key: string) => {
      if (typeof e?.[key] !== "function") errs.push(`"${key}" must be a function`);
    };
    const tolerance = () => {
      const t = e?.tolerance as Record<string, unknown> | undefined;
      const ok = (x: unknown) => x === undefined || (typeof x === "number" && Number.isFinite(x) && x >= 0);
      // `{}` is legitimate: exact comparison (integer results, masks).
      if (typeof t !== "object" || t === null || !ok(t.abs) || !ok(t.rel))
        errs.push(`"tolerance" must be { abs?: number ≥ 0, rel?: number ≥ 0 } ({} compares exactly)`);
    };
    if (typeof e !== "object" || e === null) {
      problems.push(problem(file, line, `${label} is not an object`));
      return;
    }
    if (!ID_PATTERN.test(idText)) errs.push(`"id" must be kebab-case, got ${JSON.stringify(e.id)}`);
    else if (seen.has(idText)) errs.push(`duplicate id "${idText}" (ids must be unique within the question)`);
    seen.add(idText);
    if (
      e.hints !== undefined &&
      (!Array.isArray(e.hints) || !e.hints.every((h) => typeof h === "string" && h.trim() !== ""))
    )
      errs.push(`"hints" must be a list of non-empty strings`);
    switch (e.kind) {
      case "multiple-choice": {
        str("prompt");
        const choices = e.choices;
        if (!Array.isArray(choices) || choices.length < 2) {
          errs.push(`"choices" must list at least two choices`);
          break;
        }
        choices.forEach((c: Record<string, unknown> | null, i) => {
          if (typeof c !== "object" || c === null) return errs.push(`choice ${i + 1} is not an object`);
          if (typeof c.text !== "string" || c.text.trim() === "") errs.push(`choice ${i + 1} needs a non-empty "text"`);
          if (typeof c.correct !== "boolean") errs.push(`choice ${i + 1} needs "correct": true or false`);
          if (typeof c.explanation !== "string") errs.push(`choice ${i + 1} needs an "explanation" string`);
          else if (c.correct === false && c.explanation.trim() === "")
            errs.push(`choice ${i + 1} is wrong and must explain why in "explanation"`);
          return undefined;
        });
        if (!choices.some((c: { correct?: unknown } | null) => c?.correct === true))
          errs.push("no choice is marked correct");
        const texts = choices.map((c: { text?: unknown } | null) =>
          String(c?.text ?? "")
            .trim()
            .toLowerCase(),
        );
        if (new Set(texts).size !== texts.length) errs.push("two choices have the same text");
        break;
      }
      case "numeric":
        tolerance();
        fn("generate");
        break;
      case "code":
        str("prompt");
        str("starter");
        str("solution");
        fn("tests");
        fn("reference");
        tolerance();
        if (typeof e.functionName !== "string" || !IDENT.test(e.functionName))
          errs.push(`"functionName" must be a JavaScript identifier, got ${JSON.stringify(e.functionName)}`);
        else {
          for (const key of ["starter", "solution"] as const)
            if (typeof e[key] === "string" && !(e[key] as string).includes(e.functionName))
              errs.push(`"${key}" does not define ${e.functionName}`);
        }
        if (
          e.wrongSolutions !== undefined &&
          (!Array.isArray(e.wrongSolutions) ||
            !e.wrongSolutions.every(
              (w: Record<string, unknown> | null) =>
                typeof w?.label === "string" && typeof w.code === "string" && w.code.trim() !== "",
            ))
        )
          errs.push(`"wrongSolutions" must be a list of { label, code }`);
        if (
          e.steps !== undefined &&
          (!Array.isArray(e.steps) ||
            !e.steps.every(
              (st: Record<string, unknown> | null) =>
                typeof st?.name === "string" &&
                typeof st.functionName === "string" &&
                IDENT.test(st.functionName) &&
                typeof st.args === "function" &&
                typeof st.reference === "function",
            ))
        )
          errs.push(`"steps" must be a list of { name, functionName, args(...), reference(...) }`);
        break;
      case "recall":
        str("prompt");
        str("answer");
        break;
      default:
        errs.push(`"kind" must be multiple-choice, numeric, code or recall, got ${JSON.stringify(e.kind)}`);
    }
    if (errs.length) {
      for (const msg of errs) problems.push(problem(file, line, `${label}: ${msg}`));
      return;
    }
    exercises.push(e as unknown as Exercise);
  });
  return { exercises, problems };
}

/** 1-based line of `id: "<id>"` in an exercises module's source (1 when not found). */
export function lineOfId(text: string | undefined, id: string): number {
  if (!text || !id) return 1;
  const re = new RegExp(`\\bid\\s*:\\s*["'\`]${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["'\`]`);
  const lines = text.split("\n");
  const i = lines.findIndex((l) => re.test(l));
  return i >= 0 ? i + 1 : 1;
}
