// The trained char-gpt read from disk when the site is built (build-time renders of the pages that run it).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { loadGpt2, type Gpt2Checkpoint } from "@qkv/core";

let cached: Gpt2Checkpoint | undefined;

/** `packages/core/models/char-gpt/model.safetensors`, loaded once per build. */
export function charGptAtBuild(): Gpt2Checkpoint {
  const core = dirname(createRequire(import.meta.url).resolve("@qkv/core")); // packages/core/src
  cached ??= loadGpt2(new Uint8Array(readFileSync(join(core, "../models/char-gpt/model.safetensors"))));
  return cached;
}
