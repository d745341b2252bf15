// The terminal session as a learner meets it, in a real terminal (tmux): each problem found by trying qkv as a new
// user has a test here. Content: testing/fixtures/session (a long title with \bmod, a 4-choice question, a basic
// and an advanced code exercise, listed advanced-first by topic order).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseProgress, type MultipleChoiceExercise } from "@qkv/quiz";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import long from "./testing/fixtures/session/attention/fs-long.exercises.js";
import { choiceOrder, seedFor } from "./session.js";
import { TmuxSession } from "./testing/tmux.js";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const content = fileURLToPath(new URL("./testing/fixtures/session", import.meta.url));
const TITLE =
  "Why does a sliding-window rolling buffer write position i into slot i mod W, and what happens to the oldest entry in interpretability";
let work: string;
const sessions: TmuxSession[] = [];

beforeAll(() => {
  execFileSync(process.execPath, ["build.mjs"], { cwd: appDir });
  work = mkdtempSync(join(tmpdir(), "qkv-session-"));
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let dirs = 0;
const fresh = () => {
  const d = join(work, `d${dirs++}`);
  mkdirSync(d, { recursive: true });
  return d;
};

function qkv(args: string[], data: string, options: { width?: number; cwd?: string } = {}): TmuxSession {
  const s = new TmuxSession([process.execPath, join(appDir, "bin/qkv.js"), ...args, "--content", content, "--data", data], {
    cwd: options.cwd ?? appDir,
    env: { NO_COLOR: "1" },
    width: options.width ?? 120,
  });
  sessions.push(s);
  return s;
}

function reviews(data: string) {
  const file = join(data, "progress.json");
  if (!existsSync(file)) return [];
  const parsed = parseProgress(readFileSync(file, "utf8"));
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.progress.reviews;
}

function writeReviews(data: string, list: { card: string; rating: string; at: string }[]): void {
  writeFileSync(join(data, "progress.json"), JSON.stringify({ version: 1, reviews: list }));
}

/** The screen with clack's wrapped lines joined back ("…good to\n│  hard)" → "…good to hard)"). */
const unwrapped = (screen: string) => screen.replace(/\n[│◇◆▲]? +/g, " ");

/** Lines wider than the terminal: capture-pane -J joins what the terminal wrapped, so any such line broke. */
const overflowing = (screen: string, width: number) => screen.split("\n").filter((l) => [...l.trimEnd()].length > width);

const START = 45_000; // the first screen includes start-up (engine and content loading) on a busy machine

describe("qkv quiz in a terminal", () => {
  it("says when code exercises are due and suggests qkv practice", async () => {
    const data = fresh();
    writeReviews(data, [{ card: "fs-basic/double", rating: "good", at: "2025-01-01T09:00:00.000Z" }]);
    const s = qkv(["quiz", "--due"], data);
    const screen = await s.waitFor("Nothing to review right now.", START);
    expect(screen).toContain('1 code exercise is due too: run "qkv practice".');
    expect(await s.waitForExit()).toBe(0);
  }, 60_000);

  it("Esc before any answer says nothing was saved, and saves nothing", async () => {
    const data = fresh();
    const s = qkv(["quiz", "fs-long"], data);
    await s.waitFor(/Your (answer|choice)/, START);
    s.press("Escape");
    expect(await s.waitForExit()).toBe(130);
    expect(s.screen()).toContain("Stopped; nothing was answered, so nothing was saved.");
    expect(s.screen()).not.toContain("progress saved");
    expect(reviews(data)).toEqual([]);
  }, 60_000);

  it("qkv quiz ID drills one exercise; a hint shows its penalty; the end screen says when the next review is due", async () => {
    const data = fresh();
    const s = qkv(["quiz", "fs-long/slot", "--seed", "4"], data);
    const first = await s.waitFor("Your answer", START);
    expect(first).toContain("[0/1]");
    expect(first).not.toContain("FSQ-CHOICE");
    const slot = /holds position (\d+)\? It is i mod W/.exec(first)!;
    const W = Number(/with W = (\d+) slots/.exec(first)![1]);
    s.type("?");
    s.press("Enter");
    await s.waitFor((screen) => unwrapped(screen).includes("(a hint lowers a right answer from good to hard)"));
    s.type(String(Number(slot[1]) % W));
    s.press("Enter");
    const end = await s.waitFor(/Next review due in \d+ (min|h)/);
    expect(end).toContain("Recorded as hard (a hint was used).");
    expect(end).toContain("1/1 correct");
    expect(await s.waitForExit()).toBe(0);
    expect(reviews(data).map((r) => [r.card, r.rating])).toEqual([["fs-long/slot", "hard"]]);
    // An unknown id exits non-zero and says what exists.
    const bad = qkv(["quiz", "fs-long/nope"], data);
    expect(await bad.waitForExit(START)).toBe(1);
    expect(bad.screen()).toContain('question "fs-long" has no exercise "nope"');
  }, 90_000);

  it("names a numeric answer's common mistake; expected and given never print the same", async () => {
    const data = fresh();
    const s = qkv(["quiz", "fs-long/slot", "--seed", "9"], data);
    const screen = await s.waitFor("Your answer", START);
    const i = Number(/holds position (\d+)\?/.exec(screen)![1]);
    const W = Number(/with W = (\d+) slots/.exec(screen)![1]);
    s.type(String(Math.floor(i / W)));
    s.press("Enter");
    const verdict = await s.waitFor((sc) => unwrapped(sc).includes("That is what you get when you divide instead of taking the remainder."));
    expect(unwrapped(verdict)).toContain(`expected ${i % W}, got ${Math.floor(i / W)}`);
    expect(await s.waitForExit()).toBe(0);
  }, 60_000);

  it("shows the choices in the shuffled order of the seed (all 24 orders are reachable: session.test.ts)", async () => {
    const mc = long[1] as MultipleChoiceExercise;
    for (const seed of [1, 2]) {
      const s = qkv(["quiz", "fs-long/order", "--seed", String(seed)], fresh());
      const screen = await s.waitFor("Your choice", START);
      const shown = mc.choices
        .map((c, i) => ({ i, at: screen.indexOf(c.text.split(",")[0]) }))
        .sort((a, b) => a.at - b.at)
        .map((x) => x.i);
      expect(shown).toEqual(choiceOrder(4, seedFor(seed, "fs-long/order")));
      s.press("Escape");
      await s.waitForExit();
    }
  }, 90_000);

  it("wraps titles at word boundaries at 120 columns and nothing overflows at 40; \\bmod reads mod", async () => {
    for (const width of [120, 40]) {
      const s = qkv(["quiz", "fs-long/slot", "--seed", "1"], fresh(), { width });
      const screen = await s.waitFor("Your answer", START);
      expect(overflowing(screen, width), screen).toEqual([]);
      // Every word of the title is whole on some line, and the title lines read back as the title.
      const lines = screen.split("\n").map((l) => l.replace(/^[│◇◆]\s+/, "").trimEnd());
      const start = lines.findIndex((l) => l.startsWith("Why does"));
      const end = lines.findIndex((l, i) => i >= start && l.endsWith("interpretability"));
      expect(lines.slice(start, end + 1).join(" ")).toBe(TITLE);
      expect(screen).toContain("It is i mod W.");
      expect(screen).not.toContain("bmod");
      s.press("Escape");
      await s.waitForExit();
    }
  }, 90_000);

  it("--until saves an interview date; stats shows readiness per topic, the daily load and overdue cards, also at 40 columns", async () => {
    const data = fresh();
    writeReviews(data, [{ card: "fs-long/slot", rating: "good", at: "2025-01-01T09:00:00.000Z" }]);
    const set = qkv(["quiz", "--until", "2099-12-15", "--due", "--count", "1"], data);
    await set.waitFor("Interview date set to 2099-12-15", START);
    await set.waitFor(/Your (answer|choice)/);
    set.press("Escape");
    await set.waitForExit();
    const saved = parseProgress(readFileSync(join(data, "progress.json"), "utf8"));
    expect("progress" in saved && saved.progress.interview?.date).toBe("2099-12-15");
    for (const width of [120, 40]) {
      const s = qkv(["stats"], data, { width });
      const screen = await s.waitFor(/Overdue: 1/, START);
      expect(screen).toMatch(/Interview on 2099-12-15, in \d+ days/);
      expect(screen).toMatch(/reviews per day needed: \d+/);
      expect(screen).toContain("fs-long/slot");
      expect(screen).toMatch(/attention[\s\S]*█*░+/);
      expect(overflowing(screen, width), screen).toEqual([]);
      expect(await s.waitForExit()).toBe(0);
    }
  }, 90_000);
});

describe("qkv list and show in a terminal", () => {
  it("list and show wrap at spaces to the terminal: whole title words at 120 columns, nothing overflows at 40", async () => {
    for (const width of [120, 40]) {
      for (const args of [["list"], ["show", "fs-long"]]) {
        const s = qkv(args, fresh(), { width });
        expect(await s.waitForExit(START)).toBe(0);
        const screen = s.screen().replace(/\nPane is dead[^\n]*/, "");
        expect(overflowing(screen, width), screen).toEqual([]);
        // The title's words, in order, each whole on a line.
        const words = screen.split(/\s+/).filter(Boolean);
        const start = words.indexOf("Why");
        expect(words.slice(start, start + TITLE.split(" ").length).join(" "), screen).toBe(TITLE);
      }
    }
  }, 90_000);

  it("list --json prints the questions with their cards; show with an unknown exercise exits non-zero", async () => {
    const list = qkv(["list", "--json"], fresh(), { width: 250 });
    expect(await list.waitForExit(START)).toBe(0);
    const json = JSON.parse(list.screen().split("\n").find((l) => l.startsWith("["))!) as { id: string; exercises: { id: string; kind: string }[] }[];
    expect(json.map((q) => q.id).sort()).toEqual(["fs-advanced", "fs-basic", "fs-long"]);
    expect(json.find((q) => q.id === "fs-long")!.exercises).toEqual([
      { id: "fs-long/slot", kind: "numeric" },
      { id: "fs-long/order", kind: "multiple-choice" },
    ]);
    const bad = qkv(["show", "fs-long/nope"], fresh());
    expect(await bad.waitForExit(START)).toBe(1);
    expect(bad.screen()).toContain('question "fs-long" has no exercise "nope"; its exercises: fs-long/slot, fs-long/order');
    const good = qkv(["show", "fs-long/slot"], fresh());
    expect(await good.waitForExit(START)).toBe(0);
    expect(good.screen()).toContain("In slot i mod W, overwriting the oldest entry.");
  }, 90_000);
});

describe("qkv practice in a terminal", () => {
  const SOLVED = "export function double(x: number[]): number[] {\n  return x.map((v) => 2 * v);\n}\n";

  it("starts basic, shows a bar with passed/total, a hint's penalty, and a summary on quit", async () => {
    const data = fresh();
    const dir = fresh();
    const s = qkv(["practice", "--dir", dir], data);
    const first = await s.waitFor("Test 1: your function threw Error: TODO", START);
    // Content order puts the advanced exercise (architectures) first; practice starts with the basic one.
    expect(first).toContain("[1/2] basic  Double every logit");
    expect(first).toMatch(/░+ {2}0\/2 passed/);
    s.type("h");
    await s.waitFor("Hint 1: Multiply each entry by 2. (a hint lowers a pass from good to hard)");
    writeFileSync(join(dir, "fs-basic.double.ts"), SOLVED);
    const passed = await s.waitFor("All 2 tests passed.");
    expect(passed).toMatch(/█+░* {2}1\/2 passed/);
    await s.waitFor("Recorded as hard (a hint was used).");
    s.type("q");
    expect(await s.waitForExit()).toBe(0);
    const end = s.screen();
    expect(end).toContain("Solved this session: 1 (fs-basic/double).");
    expect(end).toContain("Passed overall: 1/2 code exercises.");
    expect(end).toContain('Next up: fs-advanced/route (advanced) — run "qkv practice" to continue.');
    expect(reviews(data).map((r) => r.card)).toEqual(["fs-basic/double"]);
  }, 90_000);

  it("restarting on a solved file does not record another review", async () => {
    const data = fresh();
    const dir = fresh();
    writeReviews(data, [{ card: "fs-basic/double", rating: "good", at: new Date().toISOString() }]);
    writeFileSync(join(dir, "fs-basic.double.ts"), SOLVED);
    for (let run = 0; run < 2; run++) {
      const s = qkv(["practice", "fs-basic/double", "--dir", dir], data);
      await s.waitFor("All 2 tests passed.", START);
      await s.waitFor(/Not due yet, so no review recorded \(next review due in \d+ (min|h)/);
      s.type("q");
      expect(await s.waitForExit()).toBe(0);
      expect(s.screen()).toContain("Passed overall: 1/2 code exercises.");
    }
    expect(reviews(data)).toHaveLength(1);
  }, 90_000);

  it("fits a 40-column terminal", async () => {
    const dir = fresh();
    const s = qkv(["practice", "--dir", dir], fresh(), { width: 40 });
    const screen = await s.waitFor("h hint · n next exercise · q quit", START);
    await s.waitFor("Test 1: your function threw Error: TODO");
    expect(overflowing(s.screen(), 40), screen).toEqual([]);
    s.type("q");
    await s.waitForExit();
  }, 60_000);
});
