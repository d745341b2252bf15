// The attention demo's "trained model" section: on request, loads the trained model (char-gpt-weights) and shows
// the real attention map of the text the learner types, for the chosen layer and head.
import { bindDemo } from "./client";
import { loadCharGptFor } from "./char-gpt-weights";
import { computeAttentionMap, type AttentionMapState } from "./trained-model-model";
import { attentionMapSlots } from "./trained-model-view";

/** Options 0 … n−1 for a select, keeping `selected` when it is in range. */
function fillSelect(select: HTMLSelectElement, n: number, selected: number): void {
  select.replaceChildren(...Array.from({ length: n }, (_, i) => new Option(String(i), String(i), false, i === selected)));
}

/** Wires the section's button: the weights load on the first click only; `data-model="loaded"` marks the end. */
export function initTrainedAttention(root: HTMLElement): void {
  const button = root.querySelector<HTMLButtonElement>("button[data-load]");
  const form = root.querySelector<HTMLFormElement>("form");
  const status = root.querySelector<HTMLElement>("[data-status]");
  if (!button || !form) return;
  button.addEventListener("click", async () => {
    button.disabled = true;
    if (status) status.textContent = "Loading the trained model's weights…";
    const model = await loadCharGptFor(root);
    if (!model) {
      button.disabled = false;
      return;
    }
    fillSelect(form.elements.namedItem("layer") as HTMLSelectElement, model.config.numLayers, Number(root.dataset.layer));
    fillSelect(form.elements.namedItem("head") as HTMLSelectElement, model.config.numHeads, Number(root.dataset.head));
    bindDemo(root, (f) => {
      const state: AttentionMapState = { prompt: f.prompt, layer: Number(f.layer), head: Number(f.head) };
      return attentionMapSlots(state, computeAttentionMap(model, state));
    });
    form.hidden = false;
    button.hidden = true;
    root.dataset.model = "loaded";
    form.dispatchEvent(new Event("input"));
  });
}
