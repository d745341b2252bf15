import type { AttentionMapResult, AttentionMapState, TrainedModelResult, TrainedModelState } from "./trained-model-model";
import { barsHtml, colourLegendHtml, escapeHtml, fmt, matrixView, matrixViewHtml, noticeValue, type MatrixView } from "./render";

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
    legend: `<p class="qkv-scale-legend" data-legend="next" data-range="1">A full bar is probability 1.</p>`,
    "next-notice":
      `<strong>What to notice:</strong> after the text so far, the model gives <code>${escapeHtml(visibleChar(r.top[0].char))}</code> ` +
      `probability ${noticeValue("topProb", r.top[0].prob)}; temperature ${s.temperature}, top-k ${s.topK === 0 ? "off" : s.topK} and top-p ${s.topP} leave ` +
      `${noticeValue("kept", r.kept, 0)} of its ${r.vocab} characters to sample from. Lower the temperature and the text repeats its most common words.`,
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
  const prev = r.chars.length > 1 ? ` and ${noticeValue("meanPrevious", r.meanPrevious, 2)} on the one just before it` : "";
  return (
    `What to notice: every cell above the diagonal is 0 (a character cannot look ahead) and each row sums to 1; ` +
    `on average this head puts ${noticeValue("meanSelf", r.meanSelf, 2)} of a row on the character itself${prev}. Try other heads: they look at different things.`
  );
}

/** The map's colour legend: weights are probabilities, full colour at 1 for every layer, head and prompt. */
export const ATTENTION_MAP_LEGEND = colourLegendHtml({ name: "trained-attention", scale: "unit", range: 1, of: "every layer, head and prompt" });

export function attentionMapSlots(s: AttentionMapState, r: AttentionMapResult): { attention: MatrixView; notice: string; legend: string } {
  return { attention: attentionMapView(s, r), notice: attentionNoticeHtml(r), legend: ATTENTION_MAP_LEGEND };
}

/** HTML for the build-time render. */
export function attentionMapHtml(s: AttentionMapState, r: AttentionMapResult): { attention: string; notice: string } {
  const v = attentionMapSlots(s, r);
  return { attention: matrixViewHtml(v.attention), notice: v.notice };
}
