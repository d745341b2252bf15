import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { emptyProgress, mergeProgress, parseProgress, serializeProgress, type Progress, type ReviewEntry } from "@qkv/quiz";
import { afterEach, describe, expect, it } from "vitest";
import { CliError } from "./errors.js";
import { writeFileAtomic } from "./atomic.js";
import { acquireLock, LockTimeoutError } from "./lock.js";
import { ProgressStore, type ProgressCodec, type StoreNotice } from "./progress-store.js";

// A stand-in for the quiz's progress format (a set of review ids) to exercise the store's file handling on its
// own; the real format is used in progress-crash.test.ts.
type Reviews = { reviews: string[] };
const codec: ProgressCodec<Reviews> = {
  empty: () => ({ reviews: [] }),
  parse(text) {
    try {
      const v = JSON.parse(text) as Reviews;
      return Array.isArray(v.reviews) ? { progress: v, skipped: [] } : { error: "reviews must be a list" };
    } catch (err) {
      return { error: (err as Error).message };
    }
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

describe("ProgressStore with the quiz's progress format: faults never cost history", () => {
  const quiz: ProgressCodec<Progress> = {
    empty: emptyProgress,
    parse: parseProgress,
    serialize: serializeProgress,
    merge: mergeProgress,
  };
  const iso = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
  const valid = [0, 1, 2, 3].map((i) => ({ card: `q${i}/recall`, rating: "good", at: iso(i) }));
  const withBadEntry = JSON.stringify({ version: 1, reviews: [valid[0], valid[1], { card: "q9/recall", rating: "meh", at: iso(9) }, valid[2], valid[3]] });

  it("read-only: one bad entry is skipped with a warning naming it; the file is not touched", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "progress.json"), withBadEntry);
    const notices: StoreNotice[] = [];
    const progress = await ProgressStore.read(dir, quiz, (n) => notices.push(n));
    expect(progress.reviews).toEqual(valid);
    expect(notices.map((n) => n.kind)).toEqual(["skipped"]);
    expect(notices[0].message).toMatch(/skipped 1 invalid review entry \(reviews\[2\]\.rating must be again.*got "meh"\); every other review was read/);
    expect(readdirSync(dir)).toEqual(["progress.json"]);
    expect(readFileSync(join(dir, "progress.json"), "utf8")).toBe(withBadEntry);
  });

  it("writing: keeps every valid review, and a copy of the file with the bad entry before it rewrites it", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "progress.json"), withBadEntry);
    const notices: StoreNotice[] = [];
    const store = await ProgressStore.open(dir, quiz, (n) => notices.push(n));
    expect(store.progress.reviews).toEqual(valid);
    const added = { card: "new/recall", rating: "easy" as const, at: iso(20) };
    await store.update((p) => mergeProgress(p, { version: 1, reviews: [added] }), (n) => notices.push(n));
    expect(notices.map((n) => n.kind)).toEqual(["skipped", "copied"]);
    const saved = parseProgress(readFileSync(join(dir, "progress.json"), "utf8"));
    expect(saved).toEqual({ progress: { version: 1, reviews: [...valid, added] }, skipped: [] });
    const copies = readdirSync(dir).filter((f) => f.startsWith("progress.json.before-skip-"));
    expect(copies).toHaveLength(1);
    expect(readFileSync(join(dir, copies[0]), "utf8")).toBe(withBadEntry);
    // The next save has nothing to skip, so no second copy.
    await store.save((n) => notices.push(n));
    expect(notices).toHaveLength(2);
  });

  it("a newer version is read where possible by read-only commands and never written, moved or locked", async () => {
    const dir = tempDir();
    const newer = JSON.stringify({ version: 2, reviews: [valid[0], { card: "x", v2: 1 }], extra: { kept: true } });
    writeFileSync(join(dir, "progress.json"), newer);
    const notices: StoreNotice[] = [];
    const progress = await ProgressStore.read(dir, quiz, (n) => notices.push(n));
    expect(progress.reviews).toEqual([valid[0]]);
    expect(notices.map((n) => n.kind)).toEqual(["newer", "skipped"]);
    await expect(ProgressStore.open(dir, quiz)).rejects.toThrow(
      /written by a newer qkv \(progress format 2\); this qkv will not overwrite it\. Update qkv, or choose another data folder/,
    );
    expect(readdirSync(dir)).toEqual(["progress.json"]);
    expect(readFileSync(join(dir, "progress.json"), "utf8")).toBe(newer);
  });

  it("a newer file appearing under an open session is refused at save, not overwritten", async () => {
    const dir = tempDir();
    const store = await ProgressStore.open(dir, quiz);
    const newer = JSON.stringify({ version: 3, reviews: "another shape" });
    writeFileSync(join(dir, "progress.json"), newer);
    await expect(store.update((p) => mergeProgress(p, { version: 1, reviews: [valid[0] as ReviewEntry] }))).rejects.toBeInstanceOf(CliError);
    expect(readFileSync(join(dir, "progress.json"), "utf8")).toBe(newer);
    expect(readdirSync(dir)).toEqual(["progress.json"]);
  });

  it("read-only: an unreadable file or a missing folder changes nothing on disk", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "progress.json"), "{ not json");
    const notices: StoreNotice[] = [];
    expect(await ProgressStore.read(dir, quiz, (n) => notices.push(n))).toEqual(emptyProgress());
    expect(notices[0].message).toMatch(/could not be read .*leaving the file as it is/);
    expect(readdirSync(dir)).toEqual(["progress.json"]);
    const missing = join(dir, "nope", "qkv");
    expect(await ProgressStore.read(missing, quiz)).toEqual(emptyProgress());
    expect(existsSync(missing)).toBe(false);
  });

  it("file-system faults become one-line CliErrors that say what to do", async () => {
    const dir = tempDir();
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    for (const open of [() => ProgressStore.open(file, quiz), () => ProgressStore.read(file, quiz)])
      await expect(open()).rejects.toThrow(/a-file is not a folder \(a file is in the way at or above it\): move that file, or choose another data folder/);
    mkdirSync(join(dir, "progress.json"));
    for (const open of [() => ProgressStore.open(dir, quiz), () => ProgressStore.read(dir, quiz)]) {
      const err = await open().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CliError);
      expect((err as Error).message).toMatch(/progress\.json is a folder, but qkv keeps its progress in a file of that name: move the folder away/);
      expect((err as Error).message).not.toContain("\n");
    }
  });
});
