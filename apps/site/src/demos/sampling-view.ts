import type { SamplingResult, SamplingState } from "./sampling-model";
import { barsHtml, escapeHtml, fmt } from "./render";

export function samplingSlots(s: SamplingState, r: SamplingResult): Record<string, string> {
  const survivors = s.tokens.filter((_, i) => r.kept[i]);
  return {
    values: `T = <output data-out="temperature">${s.temperature}</output>, k = <output data-out="topK">${s.topK}</output>, p = <output data-out="topP">${s.topP}</output>`,
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
