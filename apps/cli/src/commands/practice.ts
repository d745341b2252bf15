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
import {
  codeCards,
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

  // Without a terminal: write the file if needed, run the tests once, exit 0 when they pass.
  if (!(ctx.io.stdin.isTTY && ctx.io.stdout.isTTY)) {
    const card = cards[index];
    const { file, wrote } = await prepare(card);
    ctx.out(`${card.id}: ${wrote ? "wrote" : "using"} ${file}`);
    const verdict = await check(card);
    for (const line of formatCodeVerdict(engine, verdict, 10)) ctx.out(line);
    if (verdict.correct) await store.update((p) => engine.recordReview(p, card.id, engine.ratingFrom(verdict, 0), new Date()));
    return verdict.correct ? 0 : 1;
  }
  return watchLoop(ctx, engine, cards, index, { prepare, check, record: (card, verdict, hints) =>
    store.update((p) => engine.recordReview(p, card.id, engine.ratingFrom(verdict, hints), new Date())).then(() => undefined),
  });
};

interface Ops {
  prepare(card: CodeCard): Promise<{ file: string; wrote: boolean }>;
  check(card: CodeCard): Promise<CodeVerdict>;
  record(card: CodeCard, verdict: CodeVerdict, hintsUsed: number): Promise<void>;
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

  const draw = () => {
    const card = cards[index];
    const lines = [
      `qkv practice  [${index + 1}/${cards.length}]  ${card.question.title}`,
      `Edit ${file}  (tests rerun on save)`,
      "",
      ...status,
      ...hints.flatMap((h, i) => ["", `Hint ${i + 1}: ${h}`]),
      ...(notice ? ["", notice] : []),
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
          status.push("", "Well done. Press n for the next exercise.");
          if (!recorded) {
            recorded = true;
            await ops.record(card, verdict, hints.length);
          }
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
