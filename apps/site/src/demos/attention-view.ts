import type { AttentionState, AttentionSteps } from "./attention-model";
import { colourLegendHtml, escapeHtml, matrixView, maxAbsOf, noticeValue, slotsHtml, type MatrixView } from "./render";

/** Full-colour values of the demo's three shared colour scales: scores, vectors (Q, K, V, O) and weights (1). */
export function attentionRanges(s: AttentionSteps): { scores: number; vectors: number } {
  // Raw, scaled and masked scores share one scale so that dividing by √d_k shows as paler cells, not as the same picture.
  return { scores: maxAbsOf(s.raw.data, s.scaled.data, s.masked.data), vectors: maxAbsOf(s.Q.data, s.K.data, s.V.data, s.output.data) };
}

/** The "what to notice" caption, from this input's own matrices. */
export function attentionNoticeHtml(state: AttentionState, s: AttentionSteps): string {
  const T = state.tokens.length;
  const w = s.weights.data;
  let blocked = 0;
  for (const v of s.masked.data) if (v === -Infinity) blocked++;
  // The strongest weight among queries that had a choice (a causal first row puts 1 on its only key).
  let best = -1;
  let rowMaxSum = 0;
  for (let i = 0; i < T; i++) {
    let rowMax = 0;
    let keys = 0;
    for (let j = 0; j < T; j++) {
      rowMax = Math.max(rowMax, w[i * T + j]);
      if (Number.isFinite(s.masked.data[i * T + j])) keys++;
    }
    rowMaxSum += rowMax;
    if (keys < 2 && T > 1) continue;
    for (let j = 0; j < T; j++) if (best < 0 || w[i * T + j] > w[best]) best = i * T + j;
  }
  if (best < 0) best = 0;
  const tok = (k: number) => `<code>${escapeHtml(`${k}:${state.tokens[k]}`)}</code>`;
  const mask = blocked > 0 ? `${noticeValue("blocked", blocked, 0)} of ${T * T} scores are masked to −∞ and get weight exactly 0. ` : "No score is masked. ";
  return (
    `<strong>What to notice:</strong> the raw scores reach ±${noticeValue("maxRaw", maxAbsOf(s.raw.data), 2)}; dividing by ` +
    `√dₖ = ${noticeValue("sqrtDk", Math.sqrt(state.dk), 2)} brings them to ±${noticeValue("maxScaled", maxAbsOf(s.scaled.data), 2)} (one colour scale, so they look paler). ` +
    mask +
    `On average a query's largest weight is ${noticeValue("meanRowMax", rowMaxSum / T)} (uniform would be 1/T = ${noticeValue("uniform", 1 / T)}); ` +
    `among queries with more than one key to choose from, the strongest is query ${tok(Math.floor(best / T))} on key ${tok(best % T)}, ${noticeValue("strongest", w[best])}. Try a larger dₖ or another mask.`
  );
}

/** Each slot of the attention demo (matrices are patched in place in the browser when only the values change). */
export function attentionViews(state: AttentionState, s: AttentionSteps): Record<string, MatrixView | string> {
  const tok = state.tokens.map((t, i) => `${i}:${t}`);
  const dims = (n: number) => Array.from({ length: n }, (_, i) => `d${i}`);
  const dk = dims(state.dk);
  const r = attentionRanges(s);
  const vec = { titles: false, rowLabels: tok, colLabels: dk, scale: "diverging", range: r.vectors } as const;
  const scores = { titles: false, rowLabels: tok, colLabels: tok, scale: "diverging", range: r.scores } as const;
  return {
    heatmap: matrixView(s.weights, { name: "weights-heatmap", rowLabels: tok, colLabels: tok, scale: "unit", caption: `Attention weights, head ${state.head} (rows: queries, columns: keys)` }),
    notice: attentionNoticeHtml(state, s),
    "legend-weights": colourLegendHtml({ name: "weights", scale: "unit", range: 1, of: "the attention weights (heatmap and softmax step)" }),
    "legend-vectors": colourLegendHtml({ name: "vectors", scale: "diverging", range: r.vectors, of: "Q, K, V and the output O" }),
    "legend-scores": colourLegendHtml({ name: "scores", scale: "diverging", range: r.scores, of: "the raw, scaled and masked scores" }),
    Q: matrixView(s.Q, { name: "Q", ...vec }),
    K: matrixView(s.K, { name: "K", ...vec }),
    V: matrixView(s.V, { name: "V", ...vec }),
    raw: matrixView(s.raw, { name: "raw", ...scores }),
    scaled: matrixView(s.scaled, { name: "scaled", ...scores }),
    masked: matrixView(s.masked, { name: "masked", ...scores }),
    weights: matrixView(s.weights, { name: "weights", titles: false, rowLabels: tok, colLabels: tok, scale: "unit" }),
    output: matrixView(s.output, { name: "output", ...vec }),
  };
}

/** HTML for each slot of the attention demo (the build-time static render). */
export function attentionSlots(state: AttentionState, s: AttentionSteps): Record<string, string> {
  return slotsHtml(attentionViews(state, s));
}
