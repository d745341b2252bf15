// Plays the interactive quiz in a real terminal (tmux) and checks what was saved.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { instantiate, parseProgress, type MultipleChoiceExercise, type NumericExercise } from "@qkv/quiz";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import first from "./testing/fixtures/content/attention/fx-softmax-first.exercises.js";
import vector from "./testing/fixtures/content/attention/fx-softmax-vector.exercises.js";
import greedy from "./testing/fixtures/content/decoding/fx-greedy.exercises.js";
import { choiceOrder, seedFor } from "./session.js";
import { TmuxSession } from "./testing/tmux.js";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const fixtures = fileURLToPath(new URL("./testing/fixtures/content", import.meta.url));
const SEED = 7;
let work: string;
const sessions: TmuxSession[] = [];

beforeAll(() => {
  execFileSync(process.execPath, ["build.mjs"], { cwd: appDir });
  work = mkdtempSync(join(tmpdir(), "qkv-tty-"));
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function start(dataDir: string, extra: string[] = []): TmuxSession {
  const s = new TmuxSession(
    [process.execPath, "bin/qkv.js", "quiz", "--new", "--seed", String(SEED), "--content", fixtures, "--data", dataDir, ...extra],
    { cwd: appDir, env: { NO_COLOR: "1" } },
  );
  sessions.push(s);
  return s;
}

/** Expected values computed by the engine for the instances this session draws. */
function expectedOf(exercise: NumericExercise, cardId: string) {
  return instantiate(exercise, seedFor(SEED, cardId)).expected;
}

function savedReviews(dataDir: string) {
  const parsed = parseProgress(readFileSync(join(dataDir, "progress.json"), "utf8"));
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.progress.reviews;
}

const MARKERS = ["FXQ-SCALAR", "FXQ-VECTOR", "FXQ-CHOICE"] as const;

/** Waits for a question not yet seen and returns its marker (question order is the engine's business). */
async function nextQuestion(s: TmuxSession, seen: Set<string>): Promise<(typeof MARKERS)[number]> {
  let found: (typeof MARKERS)[number] | undefined;
  // The first screen includes start-up (engine and content loading), so it gets a longer wait on a busy machine.
  await s.waitFor((screen) => {
    found = MARKERS.find((m) => !seen.has(m) && screen.includes(m));
    return found !== undefined && /Your (answer|choice)/.test(screen.slice(screen.lastIndexOf(found)));
  }, seen.size === 0 ? 45_000 : 15_000);
  seen.add(found!);
  return found!;
}

describe("qkv quiz in a terminal", () => {
  it("plays three questions (numeric right, numeric wrong, multiple choice) and saves each review", async () => {
    const dataDir = join(work, "play");
    const s = start(dataDir);
    const p1 = expectedOf(first[0] as NumericExercise, "fx-softmax-first/p1") as number;
    const vec = expectedOf(vector[0] as NumericExercise, "fx-softmax-vector/vec") as number[];
    const mc = greedy[0] as MultipleChoiceExercise;
    // Where the right answer is displayed (choices are shuffled per instance).
    const correctChoice = choiceOrder(mc.choices.length, seedFor(SEED, "fx-greedy/pick")).indexOf(mc.choices.findIndex((c) => c.correct));
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const q = await nextQuestion(s, seen);
      if (q === "FXQ-SCALAR") {
        // An unreadable answer is refused with the reason and asked again.
        s.type("1/+");
        s.press("Enter");
        await s.waitFor(/could not read/);
        s.press("C-u");
        s.type(String(p1));
        s.press("Enter");
        await s.waitFor(/Correct \(within/);
      } else if (q === "FXQ-VECTOR") {
        s.type(`[${vec.map((v) => (v + 0.1).toFixed(4)).join(", ")}]`);
        s.press("Enter");
        await s.waitFor(/Not quite: value at \[0\] differs/);
        const screen = s.screen();
        expect(screen).toContain(`Expected: [${vec.map((v) => Number(v.toPrecision(6))).join(", ")}]`);
        expect(screen).toContain("Tolerance: ±0.001 absolute");
      } else {
        for (let k = 0; k < correctChoice; k++) s.press("Down");
        s.press("Enter");
        await s.waitFor((screen) => screen.includes("Greedy takes the argmax"));
      }
    }
    const end = await s.waitFor(/\[3\/3\].*2\/3 correct/);
    expect(end).toContain("Progress saved to");
    expect(await s.waitForExit()).toBe(0);
    const reviews = savedReviews(dataDir);
    expect(Object.fromEntries(reviews.map((r) => [r.card, r.rating]))).toEqual({
      "fx-softmax-first/p1": "good",
      "fx-softmax-vector/vec": "again",
      "fx-greedy/pick": "good",
    });
  }, 90_000);

  it("Ctrl-C saves what was answered and exits with 130", async () => {
    const dataDir = join(work, "interrupt");
    const s = start(dataDir);
    const seen = new Set<string>();
    const q = await nextQuestion(s, seen);
    // Answer the first question whatever it is (skip-proof: a wrong numeric or the first choice).
    if (q === "FXQ-CHOICE") s.press("Enter");
    else {
      s.type("0");
      s.press("Enter");
    }
    await nextQuestion(s, seen);
    s.press("C-c");
    expect(await s.waitForExit()).toBe(130);
    expect(s.screen()).toMatch(/progress saved/);
    expect(savedReviews(dataDir)).toHaveLength(1);
  }, 60_000);
});
