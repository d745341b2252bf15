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
import { grade, seedFor, viewOf, unreadable, type QuestionView, type QuizCard, type Reply, type Summary } from "./session.js";

const SKIP = Symbol("skip");
const CANCELLED = Symbol("cancelled");

export async function runInteractive(
  engine: Engine,
  store: ProgressStore<Progress>,
  cards: QuizCard[],
  sessionSeed: number,
): Promise<number> {
  const summary: Summary = { answered: 0, correct: 0, skipped: 0 };
  let saving: Promise<unknown> = Promise.resolve();
  // Outside a prompt the terminal is in cooked mode and Ctrl-C arrives as SIGINT.
  const uninstall = exitOnInterrupt(() => saving, () => p.cancel("Interrupted; progress saved."));
  try {
    p.intro(pc.inverse(" qkv quiz "));
    if (cards.length === 0) {
      p.outro("Nothing to review right now. Try --new, another --topic, or come back later.");
      return 0;
    }
    for (let i = 0; i < cards.length; i++) {
      const card = cards[i];
      const seed = seedFor(sessionSeed, card.id);
      const view = viewOf(engine, card, seed);
      p.log.step(`${pc.dim(sessionBar(i, cards.length))}  ${pc.bold(view.title)}  ${pc.dim(`${view.topic} · ${view.difficulty}`)}`);
      p.log.message(view.prompt);
      const asked = await ask(view, card);
      if (asked === CANCELLED) {
        await saving;
        p.cancel(`Stopped after ${summary.answered} answer${summary.answered === 1 ? "" : "s"}; progress saved to ${store.file}.`);
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
        const lines = [verdict.message];
        if (!verdict.correct || card.exercise.kind === "numeric") lines.push(`Expected: ${verdict.expected}`);
        if (verdict.tolerance) lines.push(pc.dim(`Tolerance: ${verdict.tolerance}`));
        (verdict.correct ? p.log.success : p.log.error)(lines.join("\n"));
        if (verdict.explanation.trim()) p.log.message(pc.dim(engine.renderPlainText(verdict.explanation).trim()));
      }
    }
    p.outro(
      `${sessionBar(cards.length, cards.length)}  ${summary.correct}/${summary.answered} correct` +
        (summary.skipped ? `, ${summary.skipped} skipped` : "") +
        `. Progress saved to ${store.file}.`,
    );
    return 0;
  } finally {
    uninstall();
  }

  /** Asks until the answer is usable; "?" reveals the next hint. */
  async function ask(view: QuestionView, card: QuizCard): Promise<{ reply: Reply; hintsUsed: number } | typeof SKIP | typeof CANCELLED> {
    let hintsUsed = 0;
    const nextHint = () => {
      if (hintsUsed < view.hints.length) p.log.warn(`Hint ${hintsUsed + 1}/${view.hints.length}: ${view.hints[hintsUsed++]}`);
      else p.log.warn(view.hints.length ? "No more hints." : "This question has no hints.");
    };
    for (;;) {
      switch (view.kind) {
        case "numeric": {
          const input = await p.text({
            message: `Your answer ${pc.dim('(number, [vector], [[matrix]] or expression; "?" hint, "s" skip)')}`,
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
          const options: { value: number | "hint" | "skip"; label: string }[] = view.choices!.map((c, k) => ({
            value: view.choiceOrder![k],
            label: c,
          }));
          if (hintsUsed < view.hints.length) options.push({ value: "hint", label: pc.dim("Show a hint") });
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
          p.note(engine.renderPlainText(back).trim(), "Answer");
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
