// The trained char-gpt's weights in the browser, for the pages that run it (trained-model, model-walk, the attention
// demo's trained-model section) and no other: fetched once per page, on first use.
import { loadGpt2, type Gpt2Checkpoint } from "@qkv/core";
// Emitted by the build as a hashed asset; fetched only by the scripts of the pages that import this module.
import modelUrl from "../../../../packages/core/models/char-gpt/model.safetensors?url";

let pending: Promise<{ model: Gpt2Checkpoint; bytes: number }> | undefined;

/**
 * Fetches and parses `packages/core/models/char-gpt/model.safetensors` (once; later calls share the result); rejects
 * with a readable message, and a failed load may be retried.
 */
function fetchCharGpt(): Promise<{ model: Gpt2Checkpoint; bytes: number }> {
  pending ??= (async () => {
    const res = await fetch(modelUrl);
    if (!res.ok) throw new Error(`loading the model: HTTP ${res.status} for ${modelUrl}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { model: loadGpt2(bytes), bytes: bytes.length };
  })();
  pending.catch(() => (pending = undefined));
  return pending;
}

/** One line on what was loaded, for the page's status line. */
function charGptStatus(model: Gpt2Checkpoint, bytes: number): string {
  const c = model.config;
  return `Model loaded: ${(bytes / 1024).toFixed(0)} KB, ${c.numLayers} layers, ${c.numHeads} heads, d = ${c.dModel}, ${c.vocabSize} characters.`;
}

/**
 * The model for the demo at `root`: its `[data-status]` then says what was loaded; on failure its `[data-error]` says
 * why and the result is undefined (the caller stops, or offers a retry).
 */
export async function loadCharGptFor(root: HTMLElement): Promise<Gpt2Checkpoint | undefined> {
  const status = root.querySelector<HTMLElement>("[data-status]");
  const error = root.querySelector<HTMLElement>("[data-error]");
  try {
    const { model, bytes } = await fetchCharGpt();
    if (status) status.textContent = charGptStatus(model, bytes);
    return model;
  } catch (e) {
    if (error) error.textContent = e instanceof Error ? e.message : String(e);
    return undefined;
  }
}
