import type { AttentionMapResult, AttentionMapState, TrainedModelResult, TrainedModelState } from "./trained-model-model";
import { barsHtml, escapeHtml, fmt, matrixView, matrixViewHtml, type MatrixView } from "./render";

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

/** Above this many characters the heatmap is colour only (values stay in each cell's title and data-value). */
const MAX_NUMBERED = 20;

/** The attention map as the attention demo's heatmap: rows are the querying characters, columns the keys. */
export function attentionMapView(s: AttentionMapState, r: AttentionMapResult): MatrixView {
  const labels = r.chars.map((c, i) => `${i}:${visibleChar(c)}`);
  return matrixView(r.weights, {
    name: "trained-attention",
    rowLabels: labels,
    colLabels: labels,
    scale: "unit",
    compact: r.chars.length > MAX_NUMBERED,
    caption: `Attention weights, layer ${s.layer}, head ${s.head} (rows: queries, columns: keys)`,
  });
}

/** The one-line "what to notice" under the heatmap, from this map's own numbers. */
export function attentionNoticeHtml(r: AttentionMapResult): string {
  const prev = r.chars.length > 1 ? ` and ${fmt(r.meanPrevious, 2)} on the one just before it` : "";
  return (
    `What to notice: every cell above the diagonal is 0 (a character cannot look ahead) and each row sums to 1; ` +
    `on average this head puts ${fmt(r.meanSelf, 2)} of a row on the character itself${prev}. Try other heads: they look at different things.`
  );
}

export function attentionMapSlots(s: AttentionMapState, r: AttentionMapResult): { attention: MatrixView; notice: string } {
  return { attention: attentionMapView(s, r), notice: attentionNoticeHtml(r) };
}

/** HTML for the build-time render. */
export function attentionMapHtml(s: AttentionMapState, r: AttentionMapResult): { attention: string; notice: string } {
  const v = attentionMapSlots(s, r);
  return { attention: matrixViewHtml(v.attention), notice: v.notice };
}
