import { promises as fs } from "node:fs";
import { join } from "node:path";
import { isErrno, removeOrphanTemps, writeFileAtomic } from "./atomic.js";
import { acquireLock, type LockOptions } from "./lock.js";
import { PROGRESS_FILE } from "./paths.js";

/** The progress functions of @qkv/quiz the store needs (injected so this file stays free of the engine import). */
export interface ProgressCodec<P> {
  empty(): P;
  /** Throws on anything that is not a valid progress file. */
  parse(text: string): P;
  serialize(progress: P): string;
  /** Union of two progress states; commutative and idempotent, so re-merging what is already there is harmless. */
  merge(a: P, b: P): P;
}

export interface StoreNotice {
  kind: "corrupt";
  message: string;
  movedTo: string;
}

/**
 * The learner's progress file in the data folder. Every `save` takes the lock, re-reads the file, merges it with
 * the in-memory state and atomically replaces it, so a concurrent session's reviews are never lost and a crash at
 * any moment leaves the previous or the new file, both valid.
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

  /** Open (creating the folder if needed). A corrupt file is moved aside and reported through `onNotice`. */
  static async open<P>(
    dir: string,
    codec: ProgressCodec<P>,
    onNotice: (n: StoreNotice) => void = () => {},
    lockOptions: LockOptions = {},
  ): Promise<ProgressStore<P>> {
    await fs.mkdir(dir, { recursive: true });
    const store = new ProgressStore(dir, codec, lockOptions, codec.empty());
    await removeOrphanTemps(store.file);
    // Under the lock, so two sessions starting at once cannot both try to move the same corrupt file aside.
    const release = await acquireLock(`${store.file}.lock`, lockOptions);
    try {
      store.state = await store.readDisk(onNotice);
    } finally {
      await release();
    }
    return store;
  }

  get progress(): P {
    return this.state;
  }

  /** Apply a change to the in-memory state and persist it (merged with whatever is on disk now). */
  async update(change: (p: P) => P, onNotice: (n: StoreNotice) => void = () => {}): Promise<P> {
    this.state = change(this.state);
    return this.save(onNotice);
  }

  async save(onNotice: (n: StoreNotice) => void = () => {}): Promise<P> {
    const release = await acquireLock(`${this.file}.lock`, this.lockOptions);
    try {
      const disk = await this.readDisk(onNotice);
      this.state = this.codec.merge(disk, this.state);
      await writeFileAtomic(this.file, this.codec.serialize(this.state));
    } finally {
      await release();
    }
    return this.state;
  }

  private async readDisk(onNotice: (n: StoreNotice) => void): Promise<P> {
    let text: string;
    try {
      text = await fs.readFile(this.file, "utf8");
    } catch (err) {
      if (isErrno(err, "ENOENT")) return this.codec.empty();
      throw err;
    }
    try {
      return this.codec.parse(text);
    } catch (err) {
      const movedTo = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      await fs.rename(this.file, movedTo);
      const reason = err instanceof Error ? err.message : String(err);
      onNotice({
        kind: "corrupt",
        movedTo,
        message: `progress file ${this.file} could not be read (${reason}); moved it to ${movedTo} and started fresh`,
      });
      return this.codec.empty();
    }
  }
}
