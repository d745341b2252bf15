import { randomBytes } from "node:crypto";
import { promises as fs, constants } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Replace `file` with `text` so that a reader (or a crash at any instant) sees either the old or the new content,
 * never a mix: write a temp file in the same directory, fsync it, rename it over the target, fsync the directory so
 * the rename itself is durable.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = dirname(file);
  const tmp = join(dir, `${basename(file)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  const handle = await fs.open(tmp, "w", 0o600);
  try {
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (err) {
    // A failed write (e.g. ENOSPC) leaves the target as it was and no half-written temp file behind.
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(dir);
}

async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch (err) {
    // Some file systems refuse fsync on a directory; the rename has still happened.
    if (!isErrno(err, "EINVAL") && !isErrno(err, "EISDIR") && !isErrno(err, "EPERM")) throw err;
  } finally {
    await handle?.close();
  }
}

/**
 * Remove temp files (`<file>.tmp-<pid>-…`, `<file>.lock.tmp-<pid>-…`) left by writers that were killed mid-write,
 * i.e. whose pid no longer runs.
 */
export async function removeOrphanTemps(file: string): Promise<void> {
  const dir = dirname(file);
  const prefixes = [`${basename(file)}.tmp-`, `${basename(file)}.lock.tmp-`];
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const prefix = prefixes.find((p) => name.startsWith(p));
    if (prefix === undefined) continue;
    const pid = Number(name.slice(prefix.length).split("-")[0]);
    if (Number.isInteger(pid) && !processAlive(pid)) await fs.rm(join(dir, name), { force: true });
  }
}

export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return isErrno(err, "EPERM");
  }
}

export function isErrno(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && (err as NodeJS.ErrnoException).code === code;
}
