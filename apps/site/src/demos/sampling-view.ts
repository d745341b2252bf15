import type { SamplingResult, SamplingState } from "./sampling-model";
import { barsHtml, escapeHtml, fmt, noticeValue } from "./render";

/** The "what to notice" caption, from this input's own distributions. */
export function samplingNoticeHtml(s: SamplingState, r: SamplingResult): string {
  const top = r.base.data.indexOf(Math.max(...r.base.data));
  const kept = r.kept.filter(Boolean).length;
  const mass = r.kept.reduce((a, k, i) => a + (k ? r.tempered.data[i] : 0), 0);
  const effect = s.temperature < 1 ? "T < 1 sharpens" : s.temperature > 1 ? "T > 1 flattens" : "T = 1 leaves the softmax as it is";
  return (
    `<strong>What to notice:</strong> <code>${escapeHtml(s.tokens[top])}</code> has probability ${noticeValue("topBase", r.base.data[top])} under the plain softmax and ` +
    `${noticeValue("topTempered", r.tempered.data[top])} at T = ${s.temperature} (${effect}). top-k = ${s.topK} keeps ${noticeValue("keptByTopK", r.keptByTopK, 0)} tokens; ` +
    `top-p = ${s.topP} then keeps ${noticeValue("kept", kept, 0)}, which held ${noticeValue("keptMass", mass)} of the probability at this temperature; ` +
    `renormalised, the first becomes ${noticeValue("topSampled", r.probs.data[top])}.`
  );
}

export function samplingSlots(s: SamplingState, r: SamplingResult): Record<string, string> {
  const survivors = s.tokens.filter((_, i) => r.kept[i]);
  return {
    values: `T = <output data-out="temperature">${s.temperature}</output>, k = <output data-out="topK">${s.topK}</output>, p = <output data-out="topP">${s.topP}</output>`,
    notice: samplingNoticeHtml(s, r),
    legend: `<p class="qkv-scale-legend" data-legend="probability" data-range="1">Both charts share one scale: a full bar is probability 1.</p>`,
    probs: barsHtml(r.probs.data, { name: "probs", labels: s.tokens, unit: true, kept: r.kept }),
    base: barsHtml(r.base.data, { name: "base", labels: s.tokens, unit: true }),
    survivors: `<strong data-survivors="${survivors.length}">${survivors.length}</strong> of ${s.tokens.length} tokens survive: ${survivors.map((t) => `<code>${escapeHtml(t)}</code>`).join(" ")}`,
    table:
      `<table class="qkv-table" data-table="sampling"><thead><tr><th>token</th><th>logit</th><th>after T, top-k, top-p</th><th>probability</th></tr></thead><tbody>` +
      s.tokens
        .map(
          (t, i) =>
            `<tr data-token="${escapeHtml(t)}" data-kept="${r.kept[i]}"><td>${escapeHtml(t)}</td><td>${fmt(s.logits[i], 2)}</td>` +
            `<td data-value="${r.filtered.data[i]}">${fmt(r.filtered.data[i], 3)}</td><td data-value="${r.probs.data[i]}">${fmt(r.probs.data[i], 4)}</td></tr>`,
        )
        .join("") +
      `</tbody></table>`,
  };
}
