import { randomInt } from "node:crypto";
import { quizArgs } from "../args.js";
import type { CommandRun } from "../main.js";
import { loadQuestions } from "../content.js";
import { filterQuestions, selectCards } from "../session.js";
import { openStore, readProgress } from "../store.js";

export const run: CommandRun = async (ctx, _positionals, values) => {
  const args = quizArgs(values);
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
  // Printing the questions records nothing, so it only reads the progress (never locks, moves or writes it).
  if (args.json && (args.print || ctx.io.stdin.isTTY)) {
    const { printQuestions } = await import("../quiz-json.js");
    const progress = await readProgress(ctx, engine);
    return printQuestions(ctx, engine, selectCards(engine, selected, progress, new Date(), args), sessionSeed);
  }
  const store = await openStore(ctx, engine);
  const cards = selectCards(engine, selected, store.progress, new Date(), args);
  if (args.json) {
    const { runJson } = await import("../quiz-json.js");
    return runJson(ctx, engine, store, cards, sessionSeed);
  }
  const { runInteractive } = await import("../quiz-interactive.js");
  return runInteractive(engine, store, cards, sessionSeed);
};
