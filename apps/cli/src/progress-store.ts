import { promises as fs, constants } from "node:fs";
import { join } from "node:path";
import { isErrno, removeOrphanTemps, writeFileAtomic } from "./atomic.js";
import { CliError, fsFaultMessage, isFsError } from "./errors.js";
import { acquireLock, type LockOptions } from "./lock.js";
import { PROGRESS_FILE } from "./paths.js";
import type { Progress } from "@qkv/quiz";
import type { Context } from "./context.js";
import type { Engine } from "./engine.js";

/**
 * What a progress file holds, as the codec read it: the state, the invalid entries it left out (named), and the
 * format version when the file was written by a newer one. `error` when the file is not a progress file at all.
 */
export type ParsedState<P> =
  | { progress: P; skipped: string[]; newerVersion?: number }
  | { error: string; newerVersion?: number };

/** The progress functions of @qkv/quiz the store needs (injected: the store never loads the engine itself). */
export interface ProgressCodec<P> {
  empty(): P;
  /** Never throws. */
  parse(text: string): ParsedState<P>;
  serialize(progress: P): string;
  /** Union of two progress states; commutative and idempotent, so re-merging what is already there is harmless. */
  merge(a: P, b: P): P;
}

export type StoreNotice =
  /** A file that is not progress at all, moved aside by a writer (a fresh one is started). */
  | { kind: "corrupt"; message: string; movedTo: string }
  /** A file that is not progress at all, seen by a read-only command: left untouched. */
  | { kind: "unreadable"; message: string }
  /** Invalid entries left out; every other review was read. */
  | { kind: "skipped"; message: string; entries: string[] }
  /** A copy of the file as it was, kept before the first write that drops its invalid entries. */
  | { kind: "copied"; message: string; copy: string }
  /** Written by a newer qkv: read where possible by a read-only command, never written. */
  | { kind: "newer"; message: string; version: number };

type OnNotice = (n: StoreNotice) => void;

const stamp = () => new Date().toISOString().replace(/[:.]/g, "-");

/**
 * The learner's progress file in the data folder. Every `save` takes the lock, re-reads the file, merges it with
 * the in-memory state and atomically replaces it, so a concurrent session's reviews are never lost and a crash at
 * any moment leaves the previous or the new file, both valid.
 *
 * Faults never cost history: an invalid entry is skipped (and a copy of the file kept before it is rewritten
 * without it), a file from a newer qkv is never written or moved, `read` (for read-only commands) changes nothing on
 * disk, and every file-system error surfaces as a one-line CliError saying what to do.
 */
export class ProgressStore<P> {
  readonly file: string;
  private state: P;

  private constructor(
    readonly dir: string,
    private readonly codec: ProgressCodec<P>,
    private readonly lockOptions: LockOptions,
    initial: P,
  ) {
    this.file = join(dir, PROGRESS_FILE);
    this.state = initial;
  }

  /**
   * Open for writing (creating the folder if needed). A file that is not progress at all is moved aside and reported
   * through `onNotice`; a file written by a newer qkv is refused with a CliError before anything is changed.
   */
  static async open<P>(
    dir: string,
    codec: ProgressCodec<P>,
    onNotice: OnNotice = () => {},
    lockOptions: LockOptions = {},
  ): Promise<ProgressStore<P>> {
    const store = new ProgressStore(dir, codec, lockOptions, codec.empty());
    await store.guard(async () => {
      try {
        await fs.mkdir(dir, { recursive: true });
      } catch (err) {
        // mkdir -p over an existing file says EEXIST; say what it means.
        if (isErrno(err, "EEXIST")) throw Object.assign(err as Error, { code: "ENOTDIR" });
        throw err;
      }
      await removeOrphanTemps(store.file);
      // Under the lock, so two sessions starting at once cannot both try to move the same corrupt file aside.
      const release = await acquireLock(`${store.file}.lock`, lockOptions);
      try {
        const disk = await store.readForWrite(onNotice);
        if (disk.skipped.length) onNotice(skippedNotice(store.file, disk.skipped));
        store.state = disk.progress;
      } finally {
        await release();
      }
    });
    return store;
  }

  /**
   * The progress for a read-only command: never creates, locks, moves or writes anything. A missing file or folder
   * reads as empty; a file from a newer qkv is read where possible; an unreadable one reads as empty, with a notice.
   */
  static async read<P>(dir: string, codec: ProgressCodec<P>, onNotice: OnNotice = () => {}): Promise<P> {
    const store = new ProgressStore(dir, codec, {}, codec.empty());
    return store.guard(async () => {
      const text = await store.readText();
      if (text === undefined) return codec.empty();
      const parsed = codec.parse(text);
      if (parsed.newerVersion !== undefined) onNotice(newerNotice(store.file, parsed.newerVersion, "read"));
      if ("error" in parsed) {
        onNotice({
          kind: "unreadable",
          message: `progress file ${store.file} could not be read (${parsed.error}); showing no progress and leaving the file as it is`,
        });
        return codec.empty();
      }
      if (parsed.skipped.length) onNotice(skippedNotice(store.file, parsed.skipped));
      return parsed.progress;
    });
  }

  get progress(): P {
    return this.state;
  }

  /** Apply a change to the in-memory state and persist it (merged with whatever is on disk now). */
  async update(change: (p: P) => P, onNotice: OnNotice = () => {}): Promise<P> {
    this.state = change(this.state);
    return this.save(onNotice);
  }

  async save(onNotice: OnNotice = () => {}): Promise<P> {
    await this.guard(async () => {
      const release = await acquireLock(`${this.file}.lock`, this.lockOptions);
      try {
        const disk = await this.readForWrite(onNotice);
        if (disk.skipped.length) await this.keepCopy(onNotice);
        const merged = this.codec.merge(disk.progress, this.state);
        await writeFileAtomic(this.file, this.codec.serialize(merged));
        this.state = merged;
      } finally {
        await release();
      }
    });
    return this.state;
  }

  /** Runs a file operation; file-system faults become a one-line CliError about this data folder. */
  private async guard<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (!isFsError(err)) throw err;
      // readFile on a folder reports EISDIR without a path; the only file the store reads is its own.
      if (err.code === "EISDIR") throw new CliError(fsFaultMessage({ ...err, path: err.path ?? this.file }));
      throw new CliError(fsFaultMessage(err, this.dir));
    }
  }

  /** The file's text, or undefined when it (or its folder) does not exist. */
  private async readText(): Promise<string | undefined> {
    try {
      return await fs.readFile(this.file, "utf8");
    } catch (err) {
      if (isErrno(err, "ENOENT")) return undefined;
      throw err;
    }
  }

  /** The disk state for a writer (under the lock): refuses a newer version, moves an unreadable file aside. */
  private async readForWrite(onNotice: OnNotice): Promise<{ progress: P; skipped: string[] }> {
    const text = await this.readText();
    if (text === undefined) return { progress: this.codec.empty(), skipped: [] };
    const parsed = this.codec.parse(text);
    if (parsed.newerVersion !== undefined) throw new CliError(newerNotice(this.file, parsed.newerVersion, "write").message);
    if (!("error" in parsed)) return parsed;
    const movedTo = `${this.file}.corrupt-${stamp()}`;
    await fs.rename(this.file, movedTo);
    onNotice({
      kind: "corrupt",
      movedTo,
      message: `progress file ${this.file} could not be read (${parsed.error}); moved it to ${movedTo} and started fresh`,
    });
    return { progress: this.codec.empty(), skipped: [] };
  }

  /** Copies the file as it is before a write drops its invalid entries (never over an existing copy). */
  private async keepCopy(onNotice: OnNotice): Promise<void> {
    const copy = `${this.file}.before-skip-${stamp()}`;
    try {
      await fs.copyFile(this.file, copy, constants.COPYFILE_EXCL);
    } catch (err) {
      await fs.rm(copy, { force: true }); // no half copy on a full disk
      throw err;
    }
    onNotice({ kind: "copied", copy, message: `kept a copy of ${this.file} with its invalid entries at ${copy}` });
  }
}

function skippedNotice(file: string, entries: string[]): StoreNotice {
  const shown = entries.slice(0, 3).join("; ");
  const more = entries.length > 3 ? `; and ${entries.length - 3} more` : "";
  const n = entries.length;
  return {
    kind: "skipped",
    entries,
    message: `${file}: skipped ${n} invalid review ${n === 1 ? "entry" : "entries"} (${shown}${more}); every other review was read`,
  };
}

function newerNotice(file: string, version: number, action: "read" | "write"): StoreNotice {
  const what = `${file} was written by a newer qkv (progress format ${version})`;
  return {
    kind: "newer",
    version,
    message:
      action === "read"
        ? `${what}; showing what this qkv can read of it`
        : `${what}; this qkv will not overwrite it. Update qkv, or choose another data folder with --data DIR (or QKV_DATA_DIR)`,
  };
}

/** The quiz's progress functions in the shape the store wants. */
export function progressCodec(engine: Engine): ProgressCodec<Progress> {
  return {
    empty: engine.emptyProgress,
    parse: engine.parseProgress,
    serialize: engine.serializeProgress,
    merge: engine.mergeProgress,
  };
}

const warn = (ctx: Context) => (n: StoreNotice) => ctx.err(`warning: ${n.message}`);

/** The progress store for commands that record reviews. */
export function openStore(ctx: Context, engine: Engine): Promise<ProgressStore<Progress>> {
  return ProgressStore.open(ctx.dataDir, progressCodec(engine), warn(ctx));
}

/** The progress for read-only commands: nothing on disk is created, locked, moved or written. */
export function readProgress(ctx: Context, engine: Engine): Promise<Progress> {
  return ProgressStore.read(ctx.dataDir, progressCodec(engine), warn(ctx));
}
