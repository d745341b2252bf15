// `qkv quiz --json` as a real process: Ctrl-C (SIGINT) after an answer keeps that answer and exits with 130.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseProgress } from "@qkv/quiz";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURES } from "./testing/io.js";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "qkv-sigint-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("qkv quiz --json and SIGINT", () => {
  it("saves the answers given, prints a summary and exits 130", async () => {
    execFileSync(process.execPath, ["build.mjs"], { cwd: appDir });
    const child = spawn(process.execPath, ["bin/qkv.js", "quiz", "--json", "--content", FIXTURES, "--data", work], {
      cwd: appDir,
      stdio: ["pipe", "pipe", "inherit"],
    });
    const lines: Record<string, unknown>[] = [];
    let buffer = "";
    const waitFor = (type: string, count: number) =>
      new Promise<void>((resolve, reject) => {
        const check = () => lines.filter((l) => l.type === type).length >= count && resolve();
        child.stdout.on("data", check);
        child.on("exit", () => reject(new Error(`exited before ${count} "${type}" line(s): ${JSON.stringify(lines)}`)));
        check();
      });
    child.stdout.on("data", (c: Buffer) => {
      buffer += c.toString();
      const parts = buffer.split("\n");
      buffer = parts.pop()!;
      lines.push(...parts.filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>));
    });
    await waitFor("question", 1);
    child.stdin.write('{"skip":true}\n');
    await waitFor("question", 2);
    // Answer whatever the second question is with something gradable for its kind.
    const q = lines.filter((l) => l.type === "question")[1];
    child.stdin.write(q.kind === "multiple-choice" ? '{"choice":1}\n' : q.kind === "recall" ? '{"grade":"good"}\n' : '{"answer":"0"}\n');
    await waitFor("result", 1);
    const exit = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    child.kill("SIGINT");
    expect(await exit).toBe(130);
    expect(lines.at(-1)).toMatchObject({ type: "summary", answered: 1, skipped: 1, stopped: "interrupted" });
    const parsed = parseProgress(readFileSync(join(work, "progress.json"), "utf8"));
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.progress.reviews.map((r) => r.card)).toEqual([q.id]);
  }, 60_000);
});
