import type { Progress } from "@qkv/quiz";
import type { Context } from "./context.js";
import type { Engine } from "./engine.js";
import { ProgressStore, type ProgressCodec, type StoreNotice } from "./progress-store.js";

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
