// `qkv practice` in a real terminal: the file watcher reruns the hidden tests on every save; keys h, n, q.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseProgress } from "@qkv/quiz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TmuxSession } from "./testing/tmux.js";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const fixtures = fileURLToPath(new URL("./testing/fixtures/content", import.meta.url));
let work: string;
let session: TmuxSession | undefined;

beforeAll(() => {
  execFileSync(process.execPath, ["build.mjs"], { cwd: appDir });
  work = mkdtempSync(join(tmpdir(), "qkv-practice-"));
});
afterAll(() => {
  session?.kill();
  rmSync(work, { recursive: true, force: true });
});

const WRONG = "export function softmax(row: number[]): number[] {\n  return row.map((x) => Math.exp(x));\n}\n";
const RIGHT =
  "export function softmax(row: number[]): number[] {\n  const m = Math.max(...row);\n  const e = row.map((x) => Math.exp(x - m));\n  const s = e.reduce((a, b) => a + b, 0);\n  return e.map((x) => x / s);\n}\n";

describe("qkv practice in a terminal", () => {
  it("reruns the tests on save, shows failures and hints, records a pass, moves on and quits", async () => {
    const dir = join(work, "p");
    const data = join(work, "data");
    const s = (session = new TmuxSession(
      [process.execPath, "bin/qkv.js", "practice", "fx-softmax-vector/impl", "--dir", dir, "--content", fixtures, "--data", data],
      { cwd: appDir },
    ));
    const file = join(dir, "fx-softmax-vector.impl.ts");
    await s.waitFor("Test 1: your function threw Error: TODO", 45_000); // includes start-up
    expect(readFileSync(file, "utf8")).toContain('throw new Error("TODO")');
    s.type("h");
    await s.waitFor("Hint 1: Subtract the maximum before exponentiating.");
    writeFileSync(file, WRONG);
    await s.waitFor((screen) => /0\/3 tests passed/.test(screen) && /Test 1: value at \[\d\] differs/.test(screen));
    // The failing case in full and the known mistake it equals (the exercise's wrong solution "no normalisation").
    const failed = await s.waitFor("Your output equals that of a known mistake: no normalisation.");
    expect(failed).toMatch(/row: vector of 3 \[/);
    expect(failed).toMatch(/expected: \[\d\.\d{8,}/);
    writeFileSync(file, RIGHT);
    await s.waitFor("All 3 tests passed.");
    s.type("n");
    await s.waitFor("fx-greedy.argmax.ts");
    await s.waitFor("Test 1: your function threw Error: TODO");
    s.type("q");
    expect(await s.waitForExit()).toBe(0);
    const parsed = parseProgress(readFileSync(join(data, "progress.json"), "utf8"));
    if ("error" in parsed) throw new Error(parsed.error);
    // Passed after one hint: recorded once, as "hard".
    expect(parsed.progress.reviews.map((r) => [r.card, r.rating])).toEqual([["fx-softmax-vector/impl", "hard"]]);
  }, 90_000);
});
