import type { TrainedModelResult, TrainedModelState } from "./trained-model-model";
import { barsHtml, escapeHtml, fmt } from "./render";

/** A character as a readable bar label: space and line breaks made visible. */
export function visibleChar(c: string): string {
  return c === " " ? "␣" : c === "\n" ? "↵" : c === "\t" ? "⇥" : c;
}

export function trainedSlots(s: TrainedModelState, r: TrainedModelResult): Record<string, string> {
  return {
    text: `<span class="qkv-muted">${escapeHtml(s.prompt)}</span><strong data-generated>${escapeHtml(r.text)}</strong>`,
    next: barsHtml(
      r.top.map((t) => t.prob),
      // Fewer than 10 characters can survive top-k / top-p: the rest show as dropped, at probability 0.
      { name: "next", labels: r.top.map((t) => visibleChar(t.char)), unit: true, digits: 3, kept: r.top.map((t) => t.prob > 0) },
    ),
    total: `The whole filtered distribution sums to <output data-total="${r.total}">${fmt(r.total, 6)}</output>.`,
  };
}
