import { loadCharGptFor } from "./char-gpt-weights";
import { bindDemo } from "./client";
import { computeAttentionMap, computeTrained, type TrainedModelState } from "./trained-model-model";
import { attentionMapSlots, trainedSlots } from "./trained-model-view";

/** Fetches the weights, then wires the form; `data-model="loaded"` marks the moment text can be generated. */
export async function initTrainedModelDemo(root: HTMLElement): Promise<void> {
  const model = await loadCharGptFor(root);
  if (!model) return;
  bindDemo(root, (f) => {
    const state: TrainedModelState = {
      prompt: f.prompt,
      seed: Number(f.seed),
      maxNewTokens: Number(f.maxNewTokens),
      temperature: Number(f.temperature),
      topK: Number(f.topK),
      topP: Number(f.topP),
    };
    return trainedSlots(state, computeTrained(model, state));
  });
  // The attention map has its own form (layer, head) and recomputes on a new prompt too, not on sampling settings.
  const mapRoot = root.querySelector<HTMLElement>("[data-attention-map]");
  const mapForm = mapRoot?.querySelector("form");
  const prompt = root.querySelector<HTMLInputElement>('input[name="prompt"]');
  if (mapRoot && mapForm && prompt) {
    bindDemo(mapRoot, (f) => {
      const state = { prompt: prompt.value, layer: Number(f.layer), head: Number(f.head) };
      return attentionMapSlots(state, computeAttentionMap(model, state));
    });
    prompt.addEventListener("input", () => mapForm.dispatchEvent(new Event("input")));
    mapForm.dispatchEvent(new Event("input"));
  }
  root.dataset.model = "loaded";
  root.querySelector("form")?.dispatchEvent(new Event("input"));
}
