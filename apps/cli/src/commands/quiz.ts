import { randomInt } from "node:crypto";
import type { Progress } from "@qkv/quiz";
import { quizArgs, type QuizArgs } from "../args.js";
import type { CommandRun } from "../main.js";
import { loadQuestions } from "../content.js";
import type { Engine } from "../engine.js";
import { drillCards, dueCodeCards, filterQuestions, quizCards, selectCards } from "../session.js";
import { openStore, readProgress } from "../progress-store.js";

export const run: CommandRun = async (ctx, positionals, values) => {
  const args = quizArgs(values, positionals);
  const interactive = !args.json;
  // clack never submits on piped stdin, so refuse before loading anything instead of hanging.
  if (interactive && !(ctx.io.stdin.isTTY && ctx.io.stdout.isTTY)) {
    ctx.err("qkv quiz: the interactive quiz needs a terminal (stdin and stdout must be a TTY).");
    ctx.err("  Run it in a terminal:     pnpm quiz   (or: qkv quiz --topic attention)");
    ctx.err("  For scripts use JSON:     qkv quiz --json --print      (list the questions)");
    ctx.err("                            qkv quiz --json < answers.jsonl  (answer them; see qkv quiz --help)");
    return 2;
  }
  const { engine, questions } = await loadQuestions(ctx);
  const selected = filterQuestions(engine, questions, args);
  const sessionSeed = args.seed ?? randomInt(0, 2 ** 32);
  const now = new Date();
  // Printing the questions records nothing, so it only reads the progress (never locks, moves or writes it);
  // setting an interview date is a write, so --until takes the store path below.
  if (args.json && (args.print || ctx.io.stdin.isTTY) && args.until === undefined) {
    const { printQuestions } = await import("../quiz-json.js");
    const progress = await readProgress(ctx, engine);
    return printQuestions(ctx, engine, sessionCards(engine, questions, selected, progress, now, args), sessionSeed);
  }
  const store = await openStore(ctx, engine);
  if (args.until !== undefined) {
    const until = args.until;
    await store.update((p) => engine.setInterviewDate(p, until, now));
    ctx.err(until === null ? "Interview date cleared." : `Interview date set to ${until}; it is saved with your progress.`);
  }
  const cards = sessionCards(engine, questions, selected, store.progress, now, args);
  if (args.json) {
    const { printQuestions, runJson } = await import("../quiz-json.js");
    if (args.print || ctx.io.stdin.isTTY) return printQuestions(ctx, engine, cards, sessionSeed);
    return runJson(ctx, engine, store, cards, sessionSeed);
  }
  const { runInteractive } = await import("../quiz-interactive.js");
  return runInteractive(engine, store, cards, sessionSeed, {
    date: plannedDate(engine, store.progress, now),
    deck: quizCards(engine, selected).map((c) => c.id),
    codeDue: () => dueCodeCards(engine, selected, store.progress, new Date()),
    columns: () => ctx.io.stdout.columns ?? 80,
  });
};

/** The saved interview date while it is still ahead (a past date no longer steers scheduling). */
function plannedDate(engine: Engine, progress: Progress, now: Date): string | undefined {
  const saved = progress.interview?.date ?? undefined;
  return saved !== undefined && engine.interviewInstant(saved).getTime() > now.getTime() ? saved : undefined;
}

/** `qkv quiz ID`: that question's cards; otherwise the selection's due and new cards (planned for the date). */
function sessionCards(
  engine: Engine,
  questions: Parameters<typeof drillCards>[1],
  selected: Parameters<typeof selectCards>[1],
  progress: Progress,
  now: Date,
  args: QuizArgs,
) {
  if (args.drill !== undefined) return drillCards(engine, questions, args.drill);
  return selectCards(engine, selected, progress, now, args, plannedDate(engine, progress, now));
}
