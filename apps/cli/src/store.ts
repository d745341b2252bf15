import type { Progress } from "@qkv/quiz";
import type { Context } from "./context.js";
import type { Engine } from "./engine.js";
import { ProgressStore, type ProgressCodec } from "./progress-store.js";

/** The quiz's progress functions in the shape the store wants (parseProgress reports errors; the store wants a throw). */
export function progressCodec(engine: Engine): ProgressCodec<Progress> {
  return {
    empty: engine.emptyProgress,
    parse(text) {
      const r = engine.parseProgress(text);
      if ("error" in r) throw new Error(r.error);
      return r.progress;
    },
    serialize: engine.serializeProgress,
    merge: engine.mergeProgress,
  };
}

export function openStore(ctx: Context, engine: Engine): Promise<ProgressStore<Progress>> {
  return ProgressStore.open(ctx.dataDir, progressCodec(engine), (n) => ctx.err(`warning: ${n.message}`));
}
