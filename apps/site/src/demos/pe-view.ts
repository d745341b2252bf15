import type { PeResult, PeState } from "./pe-model";
import { colourLegendHtml, lineChartSvg, matrixView, noticeValue, type MatrixView } from "./render";

/** Largest |a_k − b_k|: how far the curve from position 0 and the one from the offset are apart. */
function maxGap(a: readonly number[], b: readonly number[]): number {
  return a.reduce((m, v, k) => Math.max(m, Math.abs(v - b[k])), 0);
}

/** The "what to notice" caption, from this input's own curves. */
export function peNoticeHtml(s: PeState, r: PeResult): string {
  const k = r.sinFrom0.indexOf(Math.min(...r.sinFrom0));
  return (
    `<strong>What to notice:</strong> the dot product at distance k is the same from position 0 and from position ${s.offset}: ` +
    `the two curves differ by at most ${noticeValue("sinGap", maxGap(r.sinFrom0, r.sinFromOffset))} (sinusoidal) and ` +
    `${noticeValue("ropeGap", maxGap(r.ropeFrom0, r.ropeFromOffset))} (RoPE), rounding only, so only the distance matters. ` +
    `At distance 0 a sinusoidal row dotted with itself gives ${noticeValue("sinSelf", r.sinFrom0[0], 2)} (d/2: one per sine–cosine pair); ` +
    `it is lowest, ${noticeValue("sinMin", r.sinFrom0[k], 2)}, at distance ${k}. Try a smaller base: the curves oscillate faster.`
  );
}

export function peSlots(s: PeState, r: PeResult): Record<string, string | MatrixView> {
  return {
    // Patched in place on recompute (a 64 × 64 table re-parsed as HTML took longer than a frame).
    heatmap: matrixView(r.pe, {
      name: "pe",
      rowLabels: Array.from({ length: s.T }, (_, i) => String(i)),
      colLabels: Array.from({ length: s.dModel }, (_, i) => String(i)),
      scale: "diverging",
      // Sines and cosines: full colour at ±1 for every d_model and base, so tables of different settings compare.
      range: 1,
      compact: true,
      caption: `Sinusoidal encoding, ${s.T} positions × ${s.dModel} dimensions (rows: positions, columns: dimensions)`,
    }),
    legend: colourLegendHtml({ name: "pe", scale: "diverging", range: 1, of: "every setting (sines and cosines lie in −1 … 1)" }),
    notice: peNoticeHtml(s, r),
    sin: lineChartSvg(
      [
        { name: "from position 0", xs: r.distances, ys: r.sinFrom0 },
        { name: `from position ${s.offset}`, xs: r.distances, ys: r.sinFromOffset },
      ],
      { name: "sin-dot", xLabel: "distance k", yLabel: "PE(p)·PE(p+k)" },
    ),
    rope: lineChartSvg(
      [
        { name: "from position 0", xs: r.distances, ys: r.ropeFrom0 },
        { name: `from position ${s.offset}`, xs: r.distances, ys: r.ropeFromOffset },
      ],
      { name: "rope-dot", xLabel: "distance k", yLabel: "RoPE(q,p)·RoPE(k,p+k)" },
    ),
  };
}
