// Every file-system fault, run in a real terminal (tmux): a one-line message that says what to do, exit code 1, no
// stack trace, and the progress file as it was. EACCES and ENOSPC are injected by a preload (testing/fs-fault.mjs)
// because CI runs as root, which the OS lets write anywhere; the others are real.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TmuxSession } from "./testing/tmux.js";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const fixtures = fileURLToPath(new URL("./testing/fixtures/content", import.meta.url));
const preload = fileURLToPath(new URL("./testing/fs-fault.mjs", import.meta.url));
let work: string;
let n = 0;
const sessions: TmuxSession[] = [];

beforeAll(() => {
  execFileSync(process.execPath, ["build.mjs"], { cwd: appDir });
  work = mkdtempSync(join(tmpdir(), "qkv-faults-"));
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const fresh = () => join(work, `case-${n++}`);
const iso = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
const VALID = [0, 1, 2].map((i) => ({ card: `fx-greedy/q${i}`, rating: "good", at: iso(i) }));
const GOOD_FILE = JSON.stringify({ version: 1, reviews: VALID });

/** Answers for whatever one card is asked (choice, recall or numeric: lines that do not fit are refused and skipped). */
const ANSWERS = '{"choice":1}\\n{"grade":"good"}\\n{"answer":"1"}\\n';

/** Runs `qkv ARGS` in tmux (through sh when `stdin` is given), waits for it to end; returns exit code and screen. */
async function qkv(
  args: string[],
  options: { fault?: { code: string; path: string }; stdin?: string } = {},
): Promise<{ code: number; screen: string }> {
  const node = options.fault ? [process.execPath, "--import", preload] : [process.execPath];
  const argv = [...node, "bin/qkv.js", ...args, "--content", fixtures];
  const command = options.stdin === undefined ? argv : ["sh", "-c", `printf '${options.stdin}' | ${argv.map((a) => `'${a}'`).join(" ")}`];
  const env: Record<string, string> = { NO_COLOR: "1" };
  if (options.fault) Object.assign(env, { QKV_FAULT_CODE: options.fault.code, QKV_FAULT_PATH: options.fault.path });
  const s = new TmuxSession(command, { cwd: appDir, env, width: 200 });
  sessions.push(s);
  const code = await s.waitForExit(45_000);
  return { code, screen: s.screen() };
}

/** The screen has exactly one `qkv CMD:` line, it matches `re`, and nothing looks like a stack trace. */
function expectOneLine(screen: string, command: string, re: RegExp): void {
  const lines = screen.split("\n").filter((l) => l.startsWith(`qkv ${command}:`));
  expect(lines, screen).toHaveLength(1);
  expect(lines[0]).toMatch(re);
  expect(screen).not.toMatch(/^\s+at\s/m);
  expect(screen).not.toMatch(/Error:|node:internal/);
}

describe("file-system faults in a real terminal", () => {
  it("data folder is a file: stats and quiz say so (mkdir's EEXIST / read's ENOTDIR)", async () => {
    const file = join(work, "not-a-folder");
    writeFileSync(file, "mine");
    for (const args of [["stats"], ["quiz", "--json", "--count", "1"]]) {
      const r = await qkv([...args, "--data", file], { stdin: args[0] === "quiz" ? ANSWERS : undefined });
      expect(r.code).toBe(1);
      expectOneLine(r.screen, args[0], /not-a-folder is not a folder \(a file is in the way at or above it\): move that file, or choose another data folder with --data DIR/);
    }
    expect(readFileSync(file, "utf8")).toBe("mine");
  });

  it("progress.json is a folder (EISDIR): stats and quiz say so", async () => {
    const dir = fresh();
    mkdirSync(join(dir, "progress.json"), { recursive: true });
    for (const args of [["stats"], ["quiz", "--json", "--count", "1"]]) {
      const r = await qkv([...args, "--data", dir], { stdin: args[0] === "quiz" ? ANSWERS : undefined });
      expect(r.code).toBe(1);
      expectOneLine(r.screen, args[0], /progress\.json is a folder, but qkv keeps its progress in a file of that name: move the folder away/);
    }
  });

  it("read-only data folder (EACCES, injected): quiz says to make it writable or choose another", async () => {
    const dir = fresh();
    mkdirSync(dir);
    writeFileSync(join(dir, "progress.json"), GOOD_FILE);
    const r = await qkv(["quiz", "--json", "--count", "1", "--data", dir], { fault: { code: "EACCES", path: dir }, stdin: ANSWERS });
    expect(r.code).toBe(1);
    expectOneLine(r.screen, "quiz", /permission denied writing in .*case-\d+: make it writable for your user \(chmod u\+w\), or choose another data folder/);
    expect(readFileSync(join(dir, "progress.json"), "utf8")).toBe(GOOD_FILE);
    expect(readdirSync(dir)).toEqual(["progress.json"]);
  });

  it("disk full while saving a review (ENOSPC, injected): the file is as it was, no temp file is left", async () => {
    const dir = fresh();
    mkdirSync(dir);
    writeFileSync(join(dir, "progress.json"), GOOD_FILE);
    const r = await qkv(["quiz", "--json", "--new", "--count", "1", "--data", dir], {
      fault: { code: "ENOSPC", path: "progress.json.tmp-" },
      stdin: ANSWERS,
    });
    expect(r.code).toBe(1);
    // The question was asked and answered: the fault hit the save of its review.
    expect(r.screen).toContain('"type":"question"');
    expect(r.screen).not.toContain('"type":"result"');
    expectOneLine(r.screen, "quiz", /no space left on the disk holding .*case-\d+ \(nothing was changed\): free some space and run the command again/);
    expect(readFileSync(join(dir, "progress.json"), "utf8")).toBe(GOOD_FILE);
    expect(readdirSync(dir)).toEqual(["progress.json"]);
  });

  it("disk full while the interactive quiz saves an answer: one line, exit 1, the file as it was", async () => {
    const dir = fresh();
    mkdirSync(dir);
    writeFileSync(join(dir, "progress.json"), GOOD_FILE);
    const s = new TmuxSession(
      [process.execPath, "--import", preload, "bin/qkv.js", "quiz", "--new", "--seed", "7", "--count", "1", "--topic", "decoding", "--content", fixtures, "--data", dir],
      { cwd: appDir, env: { NO_COLOR: "1", QKV_FAULT_CODE: "ENOSPC", QKV_FAULT_PATH: "progress.json.tmp-" }, width: 200 },
    );
    sessions.push(s);
    await s.waitFor("FXQ-CHOICE", 45_000);
    s.press("Enter");
    expect(await s.waitForExit(30_000)).toBe(1);
    expectOneLine(s.screen(), "quiz", /no space left on the disk holding .*case-\d+ \(nothing was changed\): free some space/);
    expect(readFileSync(join(dir, "progress.json"), "utf8")).toBe(GOOD_FILE);
    expect(readdirSync(dir)).toEqual(["progress.json"]);
  }, 90_000);

  it("lock held by a live process: quiz waits, then says who holds it and what to do", async () => {
    const dir = fresh();
    mkdirSync(dir);
    const holder = spawn("sleep", ["60"]);
    try {
      const lock = join(dir, "progress.json.lock");
      writeFileSync(lock, JSON.stringify({ pid: holder.pid, host: hostname(), nonce: "held", time: Date.now() }));
      const r = await qkv(["quiz", "--json", "--count", "1", "--data", dir], { stdin: ANSWERS });
      expect(r.code).toBe(1);
      expectOneLine(r.screen, "quiz", new RegExp(`locked by pid ${holder.pid} on .*: let that qkv finish and run again; if no other qkv is running, delete that file`));
      expect(JSON.parse(readFileSync(lock, "utf8")).nonce).toBe("held");
    } finally {
      holder.kill();
    }
  }, 60_000);

  it("a newer progress version: stats reads it with a warning, quiz refuses to write it; the file is untouched", async () => {
    const dir = fresh();
    mkdirSync(dir);
    const newer = JSON.stringify({ version: 2, reviews: VALID, future: { field: 1 } });
    writeFileSync(join(dir, "progress.json"), newer);
    const stats = await qkv(["stats", "--json", "--data", dir]);
    expect(stats.code).toBe(0);
    expect(stats.screen).toMatch(/warning: .*progress\.json was written by a newer qkv \(progress format 2\); showing what this qkv can read of it/);
    expect(stats.screen).toMatch(/"reviews":3/);
    const quiz = await qkv(["quiz", "--json", "--count", "1", "--data", dir], { stdin: ANSWERS });
    expect(quiz.code).toBe(1);
    expectOneLine(quiz.screen, "quiz", /written by a newer qkv \(progress format 2\); this qkv will not overwrite it\. Update qkv, or choose another data folder/);
    expect(readFileSync(join(dir, "progress.json"), "utf8")).toBe(newer);
    expect(readdirSync(dir)).toEqual(["progress.json"]);
  });

  it("one bad entry: stats keeps every other review, names the entry and changes nothing", async () => {
    const dir = fresh();
    mkdirSync(dir);
    const withBad = JSON.stringify({ version: 1, reviews: [VALID[0], { card: "fx-greedy/x", rating: "meh", at: iso(5) }, VALID[1], VALID[2]] });
    writeFileSync(join(dir, "progress.json"), withBad);
    const r = await qkv(["stats", "--json", "--data", dir]);
    expect(r.code).toBe(0);
    expect(r.screen).toMatch(/warning: .*progress\.json: skipped 1 invalid review entry \(reviews\[1\]\.rating must be again, hard, good or easy, got "meh"\); every other review was read/);
    expect(r.screen).toMatch(/"reviews":3/);
    expect(readFileSync(join(dir, "progress.json"), "utf8")).toBe(withBad);
    expect(readdirSync(dir)).toEqual(["progress.json"]);
  });
});
