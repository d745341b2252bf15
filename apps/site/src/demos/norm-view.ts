import type { NormResult, NormState } from "./norm-model";
import { barsHtml, fmt, noticeValue } from "./render";

const stat = (name: string, v: number) => `<span class="qkv-stat" data-stat="${name}" data-value="${v}">${name} = ${fmt(v, 4)}</span>`;

export function normSlots(s: NormState, r: NormResult): Record<string, string> {
  const labels = s.x.map((_, i) => `x${i}`);
  // One scale for all five charts: the point is comparing sizes (a 2.00 input next to a 1.00 RMSNorm output).
  const all = [s.x, r.ln.data, r.rms_.data, r.pre.data, r.post.data].flatMap((v) => Array.from(v)).filter(Number.isFinite);
  const shared = { labels, scale: Math.max(...all.map(Math.abs), 1e-12), signed: all.some((v) => v < 0) };
  return {
    stats: [stat("mean", r.mean), stat("variance", r.variance), stat("rms", r.rms), `<span class="qkv-stat" data-scale="${shared.scale}">full bar = ${fmt(shared.scale, 2)} (all charts)</span>`].join(" "),
    notice:
      `<strong>What to notice:</strong> the input has mean ${noticeValue("mean", r.mean, 2)} and rms ${noticeValue("rms", r.rms, 2)}. ` +
      `LayerNorm subtracts the mean and divides by the standard deviation: its output has mean ${noticeValue("lnMean", r.lnMean, 2)} (β) and variance ` +
      `${noticeValue("lnVariance", r.lnVariance, 2)} (γ², less a little for ε). RMSNorm only divides by the rms: its output keeps a mean of ` +
      `${noticeValue("rmsOutMean", r.rmsOutMean, 2)} and has rms ${noticeValue("rmsOutRms", r.rmsOutRms, 2)} (γ). Multiply every input by 10: neither output changes.`,
    x: barsHtml(s.x, { name: "x", ...shared }),
    ln: barsHtml(r.ln.data, { name: "layerNorm", ...shared }),
    rms: barsHtml(r.rms_.data, { name: "rmsNorm", ...shared }),
    pre: barsHtml(r.pre.data, { name: "pre", ...shared }),
    post: barsHtml(r.post.data, { name: "post", ...shared }),
  };
}
