// `qkv practice`: code exercises, rustlings-style. The terminal loop (watch, keys, screen) comes first; below it the
// pieces that need no terminal (the exercise list, the practice file, result formatting, debouncing), tested in
// practice.test.ts.
import { watch, promises as fs, type FSWatcher } from "node:fs";
import { randomInt } from "node:crypto";
import { basename, join, resolve } from "node:path";
import type { Card, CodeExercise, CodeVerdict, Progress, Question } from "@qkv/quiz";
import { DIFFICULTIES } from "@qkv/quiz/vocabulary";
import { splitTopics } from "../args.js";
import type { CommandRun } from "../main.js";
import type { Context } from "../context.js";
import { loadQuestions } from "../content.js";
import type { Engine } from "../engine.js";
import { CliError } from "../errors.js";
import { filterQuestions } from "../session.js";
import { openStore } from "../progress-store.js";
import { bar } from "../bars.js";
import { formatDue } from "../session.js";
import { wrapText } from "../wrap.js";

const CLEAR = "\x1b[2J\x1b[3J\x1b[H";

export const run: CommandRun = async (ctx, positionals, values) => {
  const { engine, questions } = await loadQuestions(ctx);
  const cards = codeCards(engine, filterQuestions(engine, questions, { topics: splitTopics(values.topic) }));
  const store = await openStore(ctx, engine);
  const index = pickExercise(engine, cards, store.progress, positionals[0], new Date());
  const dir = resolve(ctx.io.cwd, (values.dir as string | undefined) ?? "qkv-practice");
  await fs.mkdir(dir, { recursive: true });
  const runner = engine.createNodeRunner();
  // A fresh seed for every run: the hidden tests (and the expected values a failing run shows) change each time,
  // so a lookup table of shown answers never passes.
  const check = async (card: CodeCard): Promise<CodeVerdict> =>
    engine.checkCode(card.exercise, await fs.readFile(practicePath(dir, card), "utf8"), runner, {
      seed: randomInt(0, 2 ** 32),
    });
  const prepare = async (card: CodeCard) => {
    const file = practicePath(dir, card);
    const wrote = await ensurePracticeFile(file, starterText(engine, card));
    return { file, wrote };
  };

  /**
   * Records a pass as a review only when the exercise is due (never done, or due again): passing a solved file
   * again, e.g. after restarting practice, is practice, not a review. Returns what happened, for the screen.
   */
  const record = async (card: CodeCard, verdict: CodeVerdict, hints: number): Promise<string> => {
    const now = new Date();
    if (!engine.isDue(store.progress, card.id, now)) {
      const due = engine.cardState(store.progress, card.id, now).due;
      return `Not due yet, so no review recorded (next review due ${formatDue(due, now)}).`;
    }
    const rating = engine.ratingFrom(verdict, hints);
    await store.update((p) => engine.recordReview(p, card.id, rating, now));
    return `Recorded as ${rating}${hints ? " (a hint was used)" : ""}.`;
  };

  // Without a terminal: write the file if needed, run the tests once, exit 0 when they pass.
  if (!(ctx.io.stdin.isTTY && ctx.io.stdout.isTTY)) {
    const card = cards[index];
    const { file, wrote } = await prepare(card);
    ctx.out(`${card.id}: ${wrote ? "wrote" : "using"} ${file}`);
    const verdict = await check(card);
    for (const line of formatCodeVerdict(engine, verdict, 10)) ctx.out(line);
    if (verdict.correct) ctx.out(await record(card, verdict, 0));
    return verdict.correct ? 0 : 1;
  }
  return watchLoop(ctx, engine, cards, index, {
    prepare,
    check,
    record,
    passed: () => passedCards(store.progress, cards),
  });
};

interface Ops {
  prepare(card: CodeCard): Promise<{ file: string; wrote: boolean }>;
  check(card: CodeCard): Promise<CodeVerdict>;
  /** Records a pass if the exercise is due; says what it did. */
  record(card: CodeCard, verdict: CodeVerdict, hintsUsed: number): Promise<string>;
  /** Ids of the exercises passed at least once. */
  passed(): Set<string>;
}

/** Watches the current exercise's file and reruns its tests on every save; keys h / n / q. */
function watchLoop(ctx: Context, engine: Engine, cards: CodeCard[], start: number, ops: Ops): Promise<number> {
  const stdin = ctx.io.stdin as NodeJS.ReadStream;
  let index = start;
  let hints: string[] = [];
  let notice = "";
  let status: string[] = ["Running the tests…"];
  let file = "";
  let watcher: FSWatcher | undefined;
  let running = false;
  let rerun = false;
  let recorded = false;
  const solved = new Set<string>();
  const penalty = ` (a hint lowers a pass from ${engine.ratingFrom({ correct: true }, 0)} to ${engine.ratingFrom({ correct: true }, 1)})`;

  const draw = () => {
    const card = cards[index];
    const columns = ctx.io.stdout.columns ?? 80;
    const passed = ops.passed();
    const wrap = (text: string) => wrapText(text, columns);
    const lines = [
      wrap(`qkv practice  [${index + 1}/${cards.length}] ${card.question.difficulty}  ${card.question.title}`),
      `${bar(passed.size / cards.length, Math.max(5, Math.min(30, columns - 20)))}  ${passed.size}/${cards.length} passed`,
      wrap(`Edit ${file}  (tests rerun on save)`),
      "",
      ...status.map(wrap),
      ...hints.flatMap((h, i) => ["", wrap(`Hint ${i + 1}: ${h}${i === 0 ? penalty : ""}`)]),
      ...(notice ? ["", wrap(notice)] : []),
      "",
      "h hint · n next exercise · q quit",
    ];
    ctx.io.stdout.write(CLEAR + lines.join("\n") + "\n");
  };

  const test = async () => {
    if (running) {
      rerun = true;
      return;
    }
    running = true;
    try {
      do {
        rerun = false;
        const card = cards[index];
        const verdict = await ops.check(card).catch((err: Error): CodeVerdict => ({
          correct: false, passed: 0, total: 0, cases: [], message: err.message, error: `could not run the tests: ${err.message}`,
        }));
        if (card !== cards[index]) continue; // switched exercise meanwhile
        status = formatCodeVerdict(engine, verdict);
        if (verdict.correct) {
          solved.add(card.id);
          if (!recorded) {
            recorded = true;
            notice = await ops.record(card, verdict, hints.length);
          }
          status.push("", "Well done. Press n for the next exercise.");
        }
        draw();
      } while (rerun);
    } finally {
      running = false;
    }
  };
  const onChange = debounce(() => void test(), 150);

  const open = async () => {
    watcher?.close();
    const card = cards[index];
    hints = [];
    notice = "";
    recorded = false;
    const prepared = await ops.prepare(card);
    file = prepared.file;
    status = ["Running the tests…"];
    draw();
    const name = basename(file);
    // Watch the folder, not the file: editors often save by writing a new file and renaming it over the old one.
    watcher = watch(resolve(file, ".."), (_event, changed) => {
      if (changed === null || changed.toString() === name) onChange();
    });
    await test();
  };

  return new Promise<number>((done) => {
    const finish = (code: number) => {
      onChange.cancel();
      watcher?.close();
      stdin.off("data", onKey);
      stdin.setRawMode?.(false);
      stdin.pause();
      ctx.out("");
      // Summary on quit: this session's passes and the overall count.
      const passed = ops.passed();
      ctx.out(
        solved.size
          ? `Solved this session: ${solved.size} (${[...solved].join(", ")}).`
          : "Solved this session: none.",
      );
      ctx.out(`Passed overall: ${passed.size}/${cards.length} code exercises.`);
      const next = cards.find((c) => !passed.has(c.id));
      if (next) ctx.out(`Next up: ${next.id} (${next.question.difficulty}) — run "qkv practice" to continue.`);
      done(code);
    };
    const onKey = (buf: Buffer) => {
      const key = buf.toString();
      if (key === "q") finish(0);
      else if (key === "\u0003") finish(130);
      else if (key === "h") {
        const all = cards[index].exercise.hints ?? [];
        if (hints.length < all.length) hints.push(engine.renderPlainText(all[hints.length]).trim());
        else notice = all.length ? "No more hints." : "This exercise has no hints.";
        draw();
      } else if (key === "n") {
        index = (index + 1) % cards.length;
        void open();
      }
    };
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.on("data", onKey);
    void open();
  });
}

// Pieces without a terminal.

export type CodeCard = Card & { exercise: CodeExercise };

const level = (c: CodeCard) => DIFFICULTIES.indexOf(c.question.difficulty);

/** The code exercises in practice order: basic, then intermediate, then advanced (content order within each). */
export function codeCards(engine: Engine, questions: readonly Question[]): CodeCard[] {
  return engine
    .allCards(questions)
    .filter((c): c is CodeCard => c.exercise.kind === "code")
    .map((c, i) => ({ c, i }))
    .sort((a, b) => level(a.c) - level(b.c) || a.i - b.i)
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
