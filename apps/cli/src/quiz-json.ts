// `qkv quiz --json`: the same session as the interactive quiz, as JSON lines (protocol in `qkv quiz --help`).
import { createInterface } from "node:readline";
import { RATINGS, type Progress, type Rating } from "@qkv/quiz";
import type { Context } from "./context.js";
import type { Engine } from "./engine.js";
import { exitOnInterrupt } from "./interrupt.js";
import type { ProgressStore } from "./progress-store.js";
import { grade, seedFor, unreadable, viewOf, type QuestionView, type QuizCard, type Reply, type Summary } from "./session.js";

function questionLine(view: QuestionView, n: number, of: number) {
  const { hints, choiceOrder: _order, ...rest } = view;
  return { type: "question", n, of, ...rest, hints: hints.length };
}

/** Prints the session's questions without asking or recording anything. */
export function printQuestions(ctx: Context, engine: Engine, cards: QuizCard[], sessionSeed: number): number {
  cards.forEach((card, i) => {
    ctx.out(JSON.stringify(questionLine(viewOf(engine, card, seedFor(sessionSeed, card.id)), i + 1, cards.length)));
  });
  return 0;
}

/** Reads one JSON answer line per question from stdin; see the protocol in the quiz help. */
export async function runJson(
  ctx: Context,
  engine: Engine,
  store: ProgressStore<Progress>,
  cards: QuizCard[],
  sessionSeed: number,
): Promise<number> {
  const emit = (o: object) => ctx.out(JSON.stringify(o));
  const rl = createInterface({ input: ctx.io.stdin, crlfDelay: Infinity });
  const lines = rl[Symbol.asyncIterator]();
  const summary: Summary = { answered: 0, correct: 0, skipped: 0 };
  let saving: Promise<unknown> = Promise.resolve();
  const uninstall = exitOnInterrupt(() => saving, () => emit({ type: "summary", ...summary, stopped: "interrupted" }));
  try {
    for (let i = 0; i < cards.length; i++) {
      const card = cards[i];
      const seed = seedFor(sessionSeed, card.id);
      const view = viewOf(engine, card, seed);
      emit(questionLine(view, i + 1, cards.length));
      let hintsUsed = 0;
      for (;;) {
        const next = await lines.next();
        if (next.done) {
          emit({ type: "summary", ...summary, stopped: "stdin closed" });
          return 0;
        }
        if (next.value.trim() === "") continue;
        const parsed = parseReply(next.value, view, engine);
        if ("error" in parsed) {
          emit({ type: "error", id: card.id, reason: parsed.error });
          continue;
        }
        if (parsed.hint) {
          emit(hintsUsed < view.hints.length
            ? {
                type: "hint",
                id: card.id,
                n: hintsUsed + 1,
                of: view.hints.length,
                text: view.hints[hintsUsed++],
                // What the hint costs: the rating a right answer gets now instead of without hints.
                ...(view.kind === "recall" ? {} : { ratingIfRight: engine.ratingFrom({ correct: true }, hintsUsed) }),
              }
            : { type: "hint", id: card.id, n: hintsUsed, of: view.hints.length, text: null });
          continue;
        }
        if (parsed.skip) {
          summary.skipped++;
          emit({ type: "skipped", id: card.id });
          break;
        }
        const { verdict, rating } = await grade(engine, card, seed, parsed.reply, hintsUsed);
        saving = store.update((p) => engine.recordReview(p, card.id, rating, new Date()), (n) =>
          emit({ type: "warning", message: n.message }),
        );
        await saving;
        summary.answered++;
        if (verdict.correct) summary.correct++;
        emit({
          type: "result",
          id: card.id,
          correct: verdict.correct,
          rating,
          message: verdict.message,
          ...(verdict.mistake ? { mistake: verdict.mistake } : {}),
          given: verdict.given,
          expected: verdict.expected,
          ...(card.exercise.kind === "numeric" ? { expectedValue: engine.instantiate(card.exercise, seed).expected } : {}),
          tolerance: verdict.tolerance,
          explanation: engine.renderPlainText(verdict.explanation).trim(),
        });
        break;
      }
    }
    emit({ type: "summary", ...summary });
    return 0;
  } finally {
    uninstall();
    rl.close();
  }
}

type ParsedReply = { error: string } | { hint: true; skip?: never } | { skip: true; hint?: never } | { reply: Reply; hint?: never; skip?: never };

/** Validates one answer line against the question kind; every error says what was expected. */
export function parseReply(line: string, view: Pick<QuestionView, "kind" | "choices" | "choiceOrder">, engine: Pick<Engine, "parseAnswer">): ParsedReply {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return { error: `not a JSON line: ${line.length > 60 ? line.slice(0, 57) + "…" : line}` };
  }
  if (typeof o !== "object" || o === null || Array.isArray(o)) return { error: "expected a JSON object such as {\"answer\":\"0.5\"}" };
  const a = o as Record<string, unknown>;
  if (a.hint === true) return { hint: true };
  if (a.skip === true) return { skip: true };
  switch (view.kind) {
    case "numeric": {
      if (!("answer" in a)) return { error: 'numeric question: send {"answer": "<number, [vector], [[matrix]] or expression>"}' };
      const input = typeof a.answer === "string" ? a.answer : JSON.stringify(a.answer);
      const reason = unreadable(engine as Engine, input);
      return reason ? { error: `could not read the answer: ${reason}` } : { reply: { kind: "numeric", input } };
    }
    case "multiple-choice": {
      const n = view.choices!.length;
      if (!Number.isInteger(a.choice) || (a.choice as number) < 1 || (a.choice as number) > n)
        return { error: `multiple-choice question: send {"choice": k} with k from 1 to ${n}, got ${JSON.stringify(a.choice)}` };
      // k counts in the displayed order of the question line.
      return { reply: { kind: "multiple-choice", choice: view.choiceOrder![(a.choice as number) - 1] } };
    }
    case "recall": {
      if (!RATINGS.includes(a.grade as Rating))
        return { error: `recall question: send {"grade": "again" | "hard" | "good" | "easy"}, got ${JSON.stringify(a.grade)}` };
      return { reply: { kind: "recall", rating: a.grade as Rating } };
    }
  }
}
