import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import { hostname } from "node:os";
import { isErrno, processAlive } from "./atomic.js";
import { CliError } from "./errors.js";

/**
 * An exclusive lock file (created with link(2), which fails if it exists) around read-merge-write of the progress
 * file.
 *
 * Why a lock and not only a merge: two sessions that both read state S and then each rename their own S+x into place
 * lose whichever rename lands first. Merging on every write makes the result right only if read-merge-rename is
 * atomic, which is what the lock provides. The critical section is a few milliseconds, so waiting is cheap.
 *
 * Stale locks (a holder killed with SIGKILL mid-write) are broken when the holder's pid is no longer alive on this
 * host, or when the lock is older than `staleMs` (covers pid reuse and locks from another host on a shared disk).
 * Breaking is done by renaming the lock to a unique name and checking that what was moved is the exact lock judged
 * stale; if a live lock was moved by mistake (another process broke and re-took it in between) it is put back with
 * `link`, which never overwrites.
 */
export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** A lock older than this is stale regardless of its pid (ms). */
  staleMs?: number;
}

interface LockInfo {
  pid: number;
  host: string;
  nonce: string;
  time: number;
}

/** The lock stayed held by a live process for the whole timeout (a CliError: the message says what to do). */
export class LockTimeoutError extends CliError {}

export async function acquireLock(lockPath: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const staleMs = options.staleMs ?? 30_000;
  const me: LockInfo = { pid: process.pid, host: hostname(), nonce: randomBytes(8).toString("hex"), time: Date.now() };
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  for (;;) {
    // The lock appears complete or not at all: write it under a temporary name, then link(2) it into place,
    // which fails if the lock exists.
    const tmp = `${lockPath}.tmp-${process.pid}-${me.nonce}`;
    try {
      await fs.writeFile(tmp, JSON.stringify(me), { mode: 0o600 });
      await fs.link(tmp, lockPath);
      return async () => {
        // Only remove the lock if it is still ours.
        const held = await readLock(lockPath);
        if (held?.nonce === me.nonce) await fs.rm(lockPath, { force: true });
      };
    } catch (err) {
      if (!isErrno(err, "EEXIST")) throw err;
    } finally {
      await fs.rm(tmp, { force: true });
    }
    const held = await readLock(lockPath);
    if (held === undefined || isStale(held, staleMs)) {
      await breakLock(lockPath, held);
      continue;
    }
    if (Date.now() > deadline) {
      throw new LockTimeoutError(
        `progress file is locked by pid ${held.pid} on ${held.host} (${lockPath}): ` +
          `let that qkv finish and run again; if no other qkv is running, delete that file`,
      );
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 50);
  }
}

function isStale(info: LockInfo, staleMs: number): boolean {
  if (Date.now() - info.time > staleMs) return true;
  return info.host === hostname() && !processAlive(info.pid);
}

/**
 * Returns undefined when the lock file is missing. Locks are linked into place fully written, so unreadable content
 * means someone else's file or disk trouble: it counts as held for 10 s, then as stale.
 */
async function readLock(lockPath: string): Promise<LockInfo | undefined> {
  let text: string;
  let mtime: number;
  try {
    [text, mtime] = await Promise.all([fs.readFile(lockPath, "utf8"), fs.stat(lockPath).then((s) => s.mtimeMs)]);
  } catch (err) {
    if (isErrno(err, "ENOENT")) return undefined;
    throw err;
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    if (typeof info.pid === "number" && typeof info.nonce === "string") return info;
  } catch {
    // fall through
  }
  return { pid: -1, host: "", nonce: `garbage:${text}`, time: Date.now() - mtime > 10_000 ? 0 : Date.now() };
}

async function breakLock(lockPath: string, judged: LockInfo | undefined): Promise<void> {
  if (judged === undefined) return; // gone already; just retry the create
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await fs.rename(lockPath, aside);
  } catch (err) {
    if (isErrno(err, "ENOENT")) return;
    throw err;
  }
  const moved = await readLock(aside);
  if (moved !== undefined && moved.nonce !== judged.nonce) {
    // We moved someone's fresh lock: restore it unless a third process already holds the path.
    await fs.link(aside, lockPath).catch(() => undefined);
  }
  await fs.rm(aside, { force: true });
}
