import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "./atomic.js";
import { acquireLock, LockTimeoutError } from "./lock.js";
import { ProgressStore, type ProgressCodec, type StoreNotice } from "./progress-store.js";

// A stand-in for the quiz's progress format (a set of review ids) to exercise the store's file handling on its
// own; the real format is used in progress-crash.test.ts.
type Reviews = { reviews: string[] };
const codec: ProgressCodec<Reviews> = {
  empty: () => ({ reviews: [] }),
  parse(text) {
    const v = JSON.parse(text) as Reviews;
    if (!Array.isArray(v.reviews)) throw new Error("reviews must be a list");
    return v;
  },
  serialize: (p) => JSON.stringify(p),
  merge: (a, b) => ({ reviews: [...new Set([...a.reviews, ...b.reviews])].sort() }),
};

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "qkv-store-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("ProgressStore", () => {
  it("creates the folder, starts empty and persists every update", async () => {
    const dir = join(tempDir(), "nested", "qkv");
    const store = await ProgressStore.open(dir, codec);
    expect(store.progress).toEqual({ reviews: [] });
    await store.update((p) => ({ reviews: [...p.reviews, "a"] }));
    expect(JSON.parse(readFileSync(join(dir, "progress.json"), "utf8"))).toEqual({ reviews: ["a"] });
    const again = await ProgressStore.open(dir, codec);
    expect(again.progress).toEqual({ reviews: ["a"] });
  });

  it("merges what another session wrote instead of overwriting it", async () => {
    const dir = tempDir();
    const one = await ProgressStore.open(dir, codec);
    const two = await ProgressStore.open(dir, codec);
    await one.update((p) => ({ reviews: [...p.reviews, "from-one"] }));
    await two.update((p) => ({ reviews: [...p.reviews, "from-two"] }));
    expect(two.progress.reviews).toEqual(["from-one", "from-two"]);
    await one.save();
    expect(one.progress.reviews).toEqual(["from-one", "from-two"]);
  });

  it("moves a corrupt file aside with a message and never overwrites it", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "progress.json"), "{ not json");
    const notices: StoreNotice[] = [];
    const store = await ProgressStore.open(dir, codec, (n) => notices.push(n));
    expect(store.progress).toEqual({ reviews: [] });
    expect(notices).toHaveLength(1);
    expect(notices[0].message).toMatch(/could not be read .*moved it to .*progress\.json\.corrupt-/);
    const aside = readdirSync(dir).filter((f) => f.startsWith("progress.json.corrupt-"));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]), "utf8")).toBe("{ not json");
    expect(existsSync(join(dir, "progress.json"))).toBe(false);
  });

  it("removes temp files of dead writers but keeps its own folder clean after saving", async () => {
    const dir = tempDir();
    // pid 2^22+1 is above Linux's default pid_max, so no such process runs.
    writeFileSync(join(dir, "progress.json.tmp-4194305-abcd"), "half a fi");
    writeFileSync(join(dir, "progress.json.lock.tmp-4194305-abcd"), "{}");
    const store = await ProgressStore.open(dir, codec);
    await store.update((p) => ({ reviews: [...p.reviews, "x"] }));
    expect(readdirSync(dir).sort()).toEqual(["progress.json"]);
  });
});

describe("writeFileAtomic", () => {
  it("replaces the content and leaves no temp file", async () => {
    const dir = tempDir();
    const file = join(dir, "f.json");
    await writeFileAtomic(file, "one");
    await writeFileAtomic(file, "two");
    expect(readFileSync(file, "utf8")).toBe("two");
    expect(readdirSync(dir)).toEqual(["f.json"]);
  });
});

describe("acquireLock", () => {
  it("excludes a second holder until released", async () => {
    const lock = join(tempDir(), "x.lock");
    const release = await acquireLock(lock);
    await expect(acquireLock(lock, { timeoutMs: 100 })).rejects.toBeInstanceOf(LockTimeoutError);
    await release();
    const again = await acquireLock(lock, { timeoutMs: 100 });
    await again();
    expect(existsSync(lock)).toBe(false);
  });

  it("breaks a lock whose holder is dead", async () => {
    const lock = join(tempDir(), "x.lock");
    const child = spawn(process.execPath, ["-e", "0"]);
    const deadPid = await new Promise<number>((r) => child.on("exit", () => r(child.pid!)));
    writeFileSync(lock, JSON.stringify({ pid: deadPid, host: (await import("node:os")).hostname(), nonce: "n", time: Date.now() }));
    const release = await acquireLock(lock, { timeoutMs: 1000 });
    expect(JSON.parse(readFileSync(lock, "utf8")).pid).toBe(process.pid);
    await release();
  });

  it("breaks a lock older than the stale limit even if its pid looks alive", async () => {
    const lock = join(tempDir(), "x.lock");
    writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: "elsewhere", nonce: "n", time: Date.now() - 60_000 }));
    const release = await acquireLock(lock, { timeoutMs: 1000, staleMs: 30_000 });
    await release();
  });

  it("treats an unreadable lock file as held at first and as stale after 10 s", async () => {
    const lock = join(tempDir(), "x.lock");
    writeFileSync(lock, "garbage");
    await expect(acquireLock(lock, { timeoutMs: 100 })).rejects.toBeInstanceOf(LockTimeoutError);
    const old = new Date(Date.now() - 11_000);
    utimesSync(lock, old, old);
    const release = await acquireLock(lock, { timeoutMs: 1000 });
    await release();
  });

  it("waits for a live lock from another host that is not yet stale", async () => {
    const lock = join(tempDir(), "x.lock");
    writeFileSync(lock, JSON.stringify({ pid: 1, host: "elsewhere", nonce: "n", time: Date.now() }));
    await expect(acquireLock(lock, { timeoutMs: 100 })).rejects.toThrow(/locked by pid 1 on elsewhere/);
  });
});
