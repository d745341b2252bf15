// The interactive quiz in a terminal, drawn with @clack/prompts. One card at a time: show, ask, grade (engine),
// record (FSRS, saved at once), give feedback. Ctrl-C inside a prompt comes back as a cancel value; outside a
// prompt it is SIGINT; both save and exit with 130.
import * as p from "@clack/prompts";
import pc from "picocolors";
import type { Progress, Rating } from "@qkv/quiz";
import { sessionBar } from "./bars.js";
import type { Engine } from "./engine.js";
import { EXIT_INTERRUPTED, exitOnInterrupt } from "./interrupt.js";
import type { ProgressStore } from "./progress-store.js";
import { formatDue, grade, nextDue, seedFor, viewOf, unreadable, type QuestionView, type QuizCard, type Reply, type Summary } from "./session.js";
import { wrapText } from "./wrap.js";

export interface SessionContext {
  /** The interview date the session plans for (YYYY-MM-DD), if any. */
  date?: string;
  /** Every quiz card id of the selection, for "next review due". */
  deck: string[];
  /** Code exercises due now (they are run by qkv practice). */
  codeDue(): string[];
  /** Terminal width. */
  columns(): number;
}

/** clack draws "│  " before every line of a message. */
const GUTTER = 3;

const SKIP = Symbol("skip");
const CANCELLED = Symbol("cancelled");

export async function runInteractive(
  engine: Engine,
  store: ProgressStore<Progress>,
  cards: QuizCard[],
  sessionSeed: number,
  session: SessionContext,
): Promise<number> {
  const summary: Summary = { answered: 0, correct: 0, skipped: 0 };
  let saving: Promise<unknown> = Promise.resolve();
  const width = () => Math.max(20, session.columns() - GUTTER);
  const wrap = (text: string) => wrapText(text, width());
  // Say "saved" only when something was: an interrupted session with no answer recorded nothing.
  const stopped = (how: string) =>
    summary.answered === 0
      ? `${how}; nothing was answered, so nothing was saved.`
      : `${how} after ${summary.answered} answer${summary.answered === 1 ? "" : "s"}; progress saved to ${store.file}.`;
  // Outside a prompt the terminal is in cooked mode and Ctrl-C arrives as SIGINT.
  const uninstall = exitOnInterrupt(() => saving, () => p.cancel(wrap(stopped("Interrupted"))));
  const practiceHint = () => {
    const due = session.codeDue();
    return due.length ? `${due.length} code exercise${due.length === 1 ? " is" : "s are"} due too: run "qkv practice".` : "";
  };
  try {
    p.intro(pc.inverse(" qkv quiz "));
    if (session.date) p.log.info(wrap(`Planning for your interview on ${session.date}: cards are ordered by predicted recall on that day.`));
    if (cards.length === 0) {
      const code = practiceHint();
      const next = nextDue(engine, store.progress, session.deck, new Date());
      p.outro(
        wrap(
          [
            "Nothing to review right now.",
            code,
            next ? `Next review due ${formatDue(next, new Date())}.` : "Try --new or another --topic.",
          ]
            .filter(Boolean)
            .join(" "),
        ),
      );
      return 0;
    }
    for (let i = 0; i < cards.length; i++) {
      const card = cards[i];
      const seed = seedFor(sessionSeed, card.id);
      const view = viewOf(engine, card, seed);
      const barWidth = Math.max(5, Math.min(20, width() - 12));
      p.log.step(
        `${pc.dim(sessionBar(i, cards.length, barWidth))}\n${pc.bold(wrap(view.title))}\n${pc.dim(`${view.topic} · ${view.difficulty}`)}`,
      );
      p.log.message(wrap(view.prompt));
      const asked = await ask(view, card);
      if (asked === CANCELLED) {
        await saving;
        p.cancel(wrap(stopped("Stopped")));
        return EXIT_INTERRUPTED;
      }
      if (asked === SKIP) {
        summary.skipped++;
        p.log.info(pc.dim("Skipped (not recorded)."));
        continue;
      }
      const { reply, hintsUsed } = asked;
      const { verdict, rating } = await grade(engine, card, seed, reply, hintsUsed);
      saving = store.update((prog) => engine.recordReview(prog, card.id, rating, new Date()), (n) => p.log.warn(n.message));
      await saving;
      summary.answered++;
      if (verdict.correct) summary.correct++;
      if (card.exercise.kind === "recall") {
        p.log.info(pc.dim(`Recorded as ${rating}.`));
      } else {
        const lines = [wrap(verdict.message)];
        if (!verdict.correct || card.exercise.kind === "numeric") lines.push(wrap(`Expected: ${verdict.expected}`));
        if (verdict.tolerance) lines.push(pc.dim(wrap(`Tolerance: ${verdict.tolerance}`)));
        if (verdict.correct && hintsUsed > 0) lines.push(pc.dim(wrap(`Recorded as ${rating} (a hint was used).`)));
        (verdict.correct ? p.log.success : p.log.error)(lines.join("\n"));
        if (verdict.explanation.trim()) p.log.message(pc.dim(wrap(engine.renderPlainText(verdict.explanation).trim())));
      }
    }
    const now = new Date();
    const next = nextDue(engine, store.progress, session.deck, now);
    p.outro(
      wrap(
        [
          `${sessionBar(cards.length, cards.length, Math.max(5, Math.min(20, width() - 40)))}  ${summary.correct}/${summary.answered} correct` +
            (summary.skipped ? `, ${summary.skipped} skipped` : "") +
            (summary.answered ? `. Progress saved to ${store.file}.` : ". Nothing answered, nothing saved."),
          next ? `Next review due ${formatDue(next, now)}.` : "",
          practiceHint(),
        ]
          .filter(Boolean)
          .join("\n"),
      ),
    );
    return 0;
  } finally {
    uninstall();
  }

  /** Asks until the answer is usable; "?" reveals the next hint. */
  async function ask(view: QuestionView, card: QuizCard): Promise<{ reply: Reply; hintsUsed: number } | typeof SKIP | typeof CANCELLED> {
    let hintsUsed = 0;
    // The penalty, from the engine's own rule: a right answer after a hint is recorded lower than one without.
    const penalty =
      view.kind === "recall"
        ? ""
        : ` (a hint lowers a right answer from ${engine.ratingFrom({ correct: true }, 0)} to ${engine.ratingFrom({ correct: true }, 1)})`;
    const nextHint = () => {
      if (hintsUsed < view.hints.length)
        p.log.warn(wrap(`Hint ${hintsUsed + 1}/${view.hints.length}: ${view.hints[hintsUsed++]}${hintsUsed === 1 ? penalty : ""}`));
      else p.log.warn(view.hints.length ? "No more hints." : "This question has no hints.");
    };
    for (;;) {
      switch (view.kind) {
        case "numeric": {
          const input = await p.text({
            // clack does not indent a wrapped prompt line, so narrow terminals get the short form.
            message: `Your answer ${pc.dim(width() >= 70 ? '(number, [vector], [[matrix]] or expression; "?" hint, "s" skip)' : '("?" hint, "s" skip)')}`,
            validate: (v) => {
              const t = (v ?? "").trim();
              if (t === "?" || t === "s") return undefined;
              return unreadable(engine, t);
            },
          });
          if (p.isCancel(input)) return CANCELLED;
          const t = input.trim();
          if (t === "?") {
            nextHint();
            continue;
          }
          if (t === "s") return SKIP;
          return { reply: { kind: "numeric", input: t }, hintsUsed };
        }
        case "multiple-choice": {
          // clack puts "│  ○ " before a choice; wrap under it.
          const options: { value: number | "hint" | "skip"; label: string }[] = view.choices!.map((c, k) => ({
            value: view.choiceOrder![k],
            label: wrapText(c, width() - 4).replace(/\n/g, "\n  "),
          }));
          if (hintsUsed < view.hints.length) options.push({ value: "hint", label: pc.dim(`Show a hint${hintsUsed === 0 ? penalty : ""}`) });
          options.push({ value: "skip", label: pc.dim("Skip") });
          const choice = await p.select({ message: "Your choice", options });
          if (p.isCancel(choice)) return CANCELLED;
          if (choice === "hint") {
            nextHint();
            continue;
          }
          if (choice === "skip") return SKIP;
          return { reply: { kind: "multiple-choice", choice }, hintsUsed };
        }
        case "recall": {
          const go = await p.select({
            message: "Recall your answer, then",
            options: [
              { value: "show", label: "Show the answer" },
              ...(hintsUsed < view.hints.length ? [{ value: "hint", label: pc.dim("Show a hint") }] : []),
              { value: "skip", label: pc.dim("Skip") },
            ],
          });
          if (p.isCancel(go)) return CANCELLED;
          if (go === "hint") {
            nextHint();
            continue;
          }
          if (go === "skip") return SKIP;
          const back = card.exercise.kind === "recall" ? card.exercise.answer : "";
          p.note(wrapText(engine.renderPlainText(back).trim(), width() - 6), "Answer");
          const rating = await p.select<Rating>({
            message: "How well did you know it?",
            options: [
              { value: "again", label: "Again", hint: "did not know" },
              { value: "hard", label: "Hard", hint: "with effort" },
              { value: "good", label: "Good", hint: "knew it" },
              { value: "easy", label: "Easy", hint: "instantly" },
            ],
            initialValue: "good",
          });
          if (p.isCancel(rating)) return CANCELLED;
          return { reply: { kind: "recall", rating }, hintsUsed };
        }
      }
    }
  }
}
