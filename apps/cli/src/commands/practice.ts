import { watch, promises as fs, type FSWatcher } from "node:fs";
import { randomInt } from "node:crypto";
import { basename, resolve } from "node:path";
import type { CodeVerdict } from "@qkv/quiz";
import { splitTopics } from "../args.js";
import type { CommandRun } from "../main.js";
import type { Context } from "../context.js";
import { loadQuestions } from "../content.js";
import type { Engine } from "../engine.js";
import { filterQuestions } from "../session.js";
import { openStore } from "../store.js";
import { bar } from "../bars.js";
import { formatDue } from "../session.js";
import { wrapText } from "../wrap.js";
import {
  codeCards,
  passedCards,
  debounce,
  ensurePracticeFile,
  formatCodeVerdict,
  pickExercise,
  practicePath,
  starterText,
  type CodeCard,
} from "../practice.js";

const CLEAR = "\x1b[2J\x1b[3J\x1b[H";

export const run: CommandRun = async (ctx, positionals, values) => {
  const { engine, questions } = await loadQuestions(ctx);
  const cards = codeCards(engine, filterQuestions(engine, questions, { topics: splitTopics(values.topic) }));
  const store = await openStore(ctx, engine);
  let index = pickExercise(engine, cards, store.progress, positionals[0], new Date());
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
