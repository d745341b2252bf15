import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { parseProgress } from "@qkv/quiz";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The hammer is bundled once so each spawn starts in tens of milliseconds (no TypeScript loader).
let work: string;
let hammer: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "qkv-crash-"));
  hammer = join(work, "hammer.mjs");
  await build({
    entryPoints: [new URL("./testing/progress-hammer.ts", import.meta.url).pathname],
    outfile: hammer,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "error",
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the hammer; resolves with the cards it reported saved. `killAfterFirst`: SIGKILL `delayMs` after the first save. */
function runHammer(dir: string, prefix: string, count: number, killAfterFirst?: { delayMs: number }): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [hammer, dir, prefix, String(count)], { stdio: ["ignore", "pipe", "pipe"] });
    const saved: string[] = [];
    let buffer = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const l of lines) if (l.startsWith("saved ")) saved.push(l.slice(6));
      if (killAfterFirst && saved.length > 0 && !child.killed) {
        setTimeout(() => child.kill("SIGKILL"), killAfterFirst.delayMs);
        killAfterFirst = undefined;
      }
    });
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL" || code === 0) resolve(saved);
      else reject(new Error(`hammer exited with ${code ?? signal}: ${stderr}`));
    });
  });
}

function readReviews(dir: string): Set<string> {
  const parsed = parseProgress(readFileSync(join(dir, "progress.json"), "utf8"));
  if ("error" in parsed) throw new Error(`progress file invalid: ${parsed.error}`);
  return new Set(parsed.progress.reviews.map((r) => r.card));
}

describe("progress file under SIGKILL", () => {
  it("is always valid and keeps every acknowledged review, over 200 kills mid-save", async () => {
    const dir = join(work, "crash");
    const acknowledged: string[] = [];
    let killedMidSave = 0;
    for (let i = 0; i < 200; i++) {
      // Kill at varying points of the save cycle (0–7 ms after a save returned: lock, read, merge, write, rename).
      const saved = await runHammer(dir, `run${i}`, 1_000_000, { delayMs: i % 8 });
      expect(saved.length).toBeGreaterThan(0);
      acknowledged.push(...saved);
      // A lock or temp file left behind shows the kill landed inside a save, not between saves.
      if (existsSync(join(dir, "progress.json.lock")) || readdirSync(dir).some((f) => f.includes(".tmp-"))) killedMidSave++;
      const onDisk = readReviews(dir);
      const lost = acknowledged.filter((c) => !onDisk.has(c));
      expect(lost, `iteration ${i}`).toEqual([]);
    }
    expect(killedMidSave).toBeGreaterThan(10);
  }, 180_000);
});

describe("two concurrent writers", () => {
  it("lose none of each other's reviews", async () => {
    const dir = join(work, "concurrent");
    const [a, b] = await Promise.all([runHammer(dir, "a", 150), runHammer(dir, "b", 150)]);
    expect(a).toHaveLength(150);
    expect(b).toHaveLength(150);
    const onDisk = readReviews(dir);
    expect(onDisk.size).toBe(300);
    for (const c of [...a, ...b]) expect(onDisk.has(c)).toBe(true);
  }, 60_000);
});
