// Pieces of `qkv practice` that do not need a terminal: the exercise list, the practice file, result formatting,
// debouncing. The watch loop and key handling live in commands/practice.ts.
import { promises as fs } from "node:fs";
import { join } from "node:path";
import type { Card, CodeExercise, CodeVerdict, Progress, Question } from "@qkv/quiz";
import type { Engine } from "./engine.js";
import { CliError } from "./errors.js";

export type CodeCard = Card & { exercise: CodeExercise };

const LEVEL = { basic: 0, intermediate: 1, advanced: 2 } as const;

/** The code exercises in practice order: basic, then intermediate, then advanced (content order within each). */
export function codeCards(engine: Engine, questions: readonly Question[]): CodeCard[] {
  return engine
    .allCards(questions)
    .filter((c): c is CodeCard => c.exercise.kind === "code")
    .map((c, i) => ({ c, i }))
    .sort((a, b) => LEVEL[a.c.question.difficulty] - LEVEL[b.c.question.difficulty] || a.i - b.i)
    .map(({ c }) => c);
}

/** Exercises passed at least once (a review other than "again" recorded). */
export function passedCards(progress: Progress, cards: readonly CodeCard[]): Set<string> {
  const ids = new Set(cards.map((c) => c.id));
  return new Set(progress.reviews.filter((r) => ids.has(r.card) && r.rating !== "again").map((r) => r.card));
}

/**
 * The exercise to start with: `wanted` as a full card id or a question id (its first code exercise); without it,
 * the first one never passed (no review recorded), else the first one.
 */
export function pickExercise(engine: Engine, cards: CodeCard[], progress: Progress, wanted: string | undefined, now: Date): number {
  if (cards.length === 0) throw new CliError("no code exercises found (for the selected topic)");
  if (wanted !== undefined) {
    const i = cards.findIndex((c) => c.id === wanted || c.question.id === wanted);
    if (i < 0) {
      const ids = cards.map((c) => c.id);
      throw new CliError(`no code exercise "${wanted}"; available:\n  ${ids.join("\n  ")}`);
    }
    return i;
  }
  const fresh = cards.findIndex((c) => engine.cardState(progress, c.id, now).isNew);
  return fresh < 0 ? 0 : fresh;
}

/** `attention-softmax/implement` → `attention-softmax.implement.ts`. */
export function practiceFileName(card: Pick<Card, "id">): string {
  return `${card.id.replace(/\//g, ".")}.ts`;
}

/** Comment width of the task in a starter file (the plain-text prompt has one line per paragraph). */
const COMMENT_WIDTH = 100;

/** `text` as `// ` comment lines of at most COMMENT_WIDTH characters, broken at spaces; indented (code) lines kept. */
function commentLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith(" ")) {
      out.push(`// ${line}`.trimEnd());
      continue;
    }
    let current = "//";
    for (const word of line.split(" ").filter((w) => w !== "")) {
      if (current !== "//" && current.length + 1 + word.length > COMMENT_WIDTH) {
        out.push(current);
        current = "//";
      }
      current += ` ${word}`;
    }
    out.push(current);
  }
  return out;
}

/** The starter file: the task as a comment, then the exercise's starter code. */
export function starterText(engine: Pick<Engine, "renderPlainText">, card: CodeCard): string {
  const task = commentLines(engine.renderPlainText(card.exercise.prompt).trim());
  return [
    `// ${card.question.title}`,
    `// Exercise ${card.id}: implement and export \`${card.exercise.functionName}\`. Plain TypeScript, no imports.`,
    "//",
    ...task,
    "",
    card.exercise.starter.trimEnd(),
    "",
  ].join("\n");
}

/** Writes the starter file unless it exists (the learner's work is never overwritten). Returns whether it wrote. */
export async function ensurePracticeFile(file: string, text: string): Promise<boolean> {
  try {
    await fs.writeFile(file, text, { flag: "wx" });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
}

export function practicePath(dir: string, card: CodeCard): string {
  return join(dir, practiceFileName(card));
}

/** Result of one test run: summary, then every failing case with arguments, expected, got and why. */
export function formatCodeVerdict(engine: Pick<Engine, "formatDiagnosis">, v: CodeVerdict, maxCases = 3): string[] {
  if (v.correct) return [`✓ All ${v.total} tests passed.`];
  if (v.error) return [`✗ ${v.error}`];
  const out = [`✗ ${v.passed}/${v.total} tests passed.`];
  const failed = v.cases.filter((c) => !c.passed);
  // The diagnosis (from @qkv/quiz) shows the first failing case in full; the others follow in short.
  if (v.diagnosis) {
    const first = v.cases[v.diagnosis.case.index];
    out.push("", `Test ${first.index + 1}: ${first.reason}`, ...engine.formatDiagnosis(v.diagnosis));
    const rest = failed.filter((c) => c.index !== first.index);
    if (rest.length) out.push("");
    for (const c of rest.slice(0, maxCases - 1)) out.push(`Test ${c.index + 1}: ${c.reason}`);
    if (rest.length > maxCases - 1) out.push(`…and ${rest.length - (maxCases - 1)} more failing tests.`);
    return out;
  }
  for (const c of failed.slice(0, maxCases)) {
    out.push("", `Test ${c.index + 1}: ${c.reason}`, `  args:     ${c.args}`, `  expected: ${c.expected}`);
    if (c.got !== "") out.push(`  got:      ${c.got}`);
  }
  if (failed.length > maxCases) out.push("", `…and ${failed.length - maxCases} more failing tests.`);
  return out;
}

/** Calls `f` once, `ms` after the last of a burst of calls (editors write a file in several steps). */
export function debounce(f: () => void, ms: number): (() => void) & { cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const call = () => {
    clearTimeout(timer);
    timer = setTimeout(f, ms);
  };
  return Object.assign(call, { cancel: () => clearTimeout(timer) });
}
