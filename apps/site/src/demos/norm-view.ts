import type { NormResult, NormState } from "./norm-model";
import { barsHtml, fmt } from "./render";

const stat = (name: string, v: number) => `<span class="qkv-stat" data-stat="${name}" data-value="${v}">${name} = ${fmt(v, 4)}</span>`;

export function normSlots(s: NormState, r: NormResult): Record<string, string> {
  const labels = s.x.map((_, i) => `x${i}`);
  // One scale for all five charts: the point is comparing sizes (a 2.00 input next to a 1.00 RMSNorm output).
  const all = [s.x, r.ln.data, r.rms_.data, r.pre.data, r.post.data].flatMap((v) => Array.from(v)).filter(Number.isFinite);
  const shared = { labels, scale: Math.max(...all.map(Math.abs), 1e-12), signed: all.some((v) => v < 0) };
  return {
    stats: [stat("mean", r.mean), stat("variance", r.variance), stat("rms", r.rms), `<span class="qkv-stat" data-scale="${shared.scale}">full bar = ${fmt(shared.scale, 2)} (all charts)</span>`].join(" "),
    x: barsHtml(s.x, { name: "x", ...shared }),
    ln: barsHtml(r.ln.data, { name: "layerNorm", ...shared }),
    rms: barsHtml(r.rms_.data, { name: "rmsNorm", ...shared }),
    pre: barsHtml(r.pre.data, { name: "pre", ...shared }),
    post: barsHtml(r.post.data, { name: "post", ...shared }),
  };
}
