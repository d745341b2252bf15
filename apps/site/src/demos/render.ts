// HTML-string rendering shared by the demos' build-time (static) render and their in-browser updates.
// Every displayed number carries its full value in data-value and a hover title, so tests and readers can see it.
import type { Tensor } from "@qkv/core";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function fmt(v: number, digits = 3): string {
  if (v === Infinity) return "∞";
  if (v === -Infinity) return "−∞";
  if (Number.isNaN(v)) return "NaN";
  const s = v.toFixed(digits);
  return s.startsWith("-") ? "−" + s.slice(1) : s;
}

export interface MatrixOptions {
  /** data-matrix name, read by tests. */
  name: string;
  rowLabels: readonly string[];
  colLabels: readonly string[];
  digits?: number;
  /** Colour by |v| / max|v| with sign (scores) instead of v in [0, 1] (probabilities). */
  scale?: "diverging" | "unit";
  /** Diverging only: full colour at |v| = range, shared by matrices compared side by side (default: this max|v|). */
  range?: number;
  caption?: string;
  /** Cells to outline (e.g. the experts a token was routed to); they get data-chosen="true". */
  marked?: (row: number, col: number) => boolean;
  /**
   * Colour only, no numbers in the cells (large heatmaps); values stay in data-value and the title, and every cell's
   * value is readable on focus and tap (arrow keys move between cells; see cell-readout.ts).
   */
  compact?: boolean;
  /** Hover titles with the exact value (default true); off for the many small step tables, to keep updates fast. */
  titles?: boolean;
}

/** How one matrix cell looks: matrixHtml renders it, and the browser patches an on-screen cell with it in place. */
export interface MatrixCell {
  value: number;
  /** The cell's text (empty when compact). */
  text: string;
  /** Colour class: "h0".."h10" (plus " neg"), or "blocked" for −∞. */
  className: string;
  /** Hover title (unescaped), or undefined when the matrix has no titles. */
  title: string | undefined;
  chosen: boolean;
}

/** A matrix table's content before it becomes HTML; cells are row-major, labels unescaped. */
export interface MatrixView {
  name: string;
  rows: number;
  cols: number;
  compact: boolean;
  caption: string | undefined;
  rowLabels: string[];
  colLabels: string[];
  cells: MatrixCell[];
}

/** A 2-D tensor (R, C) as a heatmap description (see matrixViewHtml). */
export function matrixView(t: Tensor, o: MatrixOptions): MatrixView {
  const [R, C] = t.shape;
  if (t.rank !== 2) throw new Error(`matrixHtml(${o.name}): expected a 2-D tensor, got rank ${t.rank}`);
  const d = t.data;
  let maxAbs = 0;
  for (let i = 0; i < d.length; i++) if (Number.isFinite(d[i])) maxAbs = Math.max(maxAbs, Math.abs(d[i]));
  if (o.range !== undefined) maxAbs = o.range;
  const unit = o.scale === "unit";
  const rowLabels = Array.from({ length: R }, (_, i) => o.rowLabels[i] ?? String(i));
  const colLabels = Array.from({ length: C }, (_, j) => o.colLabels[j] ?? String(j));
  const cells: MatrixCell[] = [];
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < C; j++) {
      const v = d[i * C + j];
      const w = Number.isFinite(v) ? (unit ? v : maxAbs > 0 ? Math.max(-1, Math.min(1, v / maxAbs)) : 0) : 0;
      // Colour intensity in 10 steps as a class (much cheaper for the browser than an inline style).
      const level = Math.min(10, Math.round(Math.abs(w) * 10));
      cells.push({
        value: v,
        text: o.compact ? "" : fmt(v, o.digits ?? 2),
        className: v === -Infinity ? "blocked" : `h${level}${w < 0 ? " neg" : ""}`,
        title: o.titles === false ? undefined : `${o.name}[${rowLabels[i]}, ${colLabels[j]}] = ${Number.isFinite(v) ? String(v) : fmt(v)}`,
        chosen: o.marked?.(i, j) ?? false,
      });
    }
  }
  return { name: o.name, rows: R, cols: C, compact: !!o.compact, caption: o.caption, rowLabels, colLabels, cells };
}

/** The live line under a compact heatmap that names the focused (or tapped) cell and its exact value. */
export const READOUT_HINT = "Focus or tap a cell to read its value; arrow keys move between cells.";

/** A matrix view as a table heatmap (a compact one followed by its readout line, see cell-readout.ts). */
export function matrixViewHtml(m: MatrixView): string {
  // The table scrolls inside its own focusable, named box, so a wide matrix never widens the page on a phone.
  const label = escapeHtml(m.caption ?? m.name);
  const out: string[] = [
    `<div class="qkv-scroll" tabindex="0" role="group" aria-label="${label}">`,
    `<table class="qkv-matrix${m.compact ? " compact" : ""}" data-matrix="${m.name}" data-rows="${m.rows}" data-cols="${m.cols}">`,
    m.caption ? `<caption>${escapeHtml(m.caption)}</caption>` : "",
    `<thead><tr><th></th>`,
  ];
  for (const l of m.colLabels) out.push(`<th scope="col">${escapeHtml(l)}</th>`);
  out.push(`</tr></thead><tbody>`);
  for (let i = 0; i < m.rows; i++) {
    out.push(`<tr><th scope="row">${escapeHtml(m.rowLabels[i])}</th>`);
    for (let j = 0; j < m.cols; j++) {
      const c = m.cells[i * m.cols + j];
      const mark = c.chosen ? ' data-chosen="true"' : "";
      const title = c.title === undefined ? "" : ` title="${escapeHtml(c.title)}"`;
      // Compact: one roving tab stop, the first cell (cell-readout.ts moves it).
      const tab = m.compact && i === 0 && j === 0 ? ' tabindex="0"' : "";
      out.push(`<td class="${c.className}"${mark}${tab} data-value="${c.value}"${title}>${c.text}</td>`);
    }
    out.push(`</tr>`);
  }
  out.push(`</tbody></table></div>`);
  if (m.compact) out.push(`<p class="qkv-readout" data-readout="${m.name}" aria-live="polite">${READOUT_HINT}</p>`);
  return out.join("");
}

/** Every slot's HTML, for the build-time render of a demo whose slots mix HTML and matrices. */
export function slotsHtml(slots: Record<string, string | MatrixView>): Record<string, string> {
  return Object.fromEntries(Object.entries(slots).map(([k, v]) => [k, typeof v === "string" ? v : matrixViewHtml(v)]));
}

/** A 2-D tensor (R, C) as a table heatmap. */
export function matrixHtml(t: Tensor, o: MatrixOptions): string {
  return matrixViewHtml(matrixView(t, o));
}

/** FNV-1a hash of a string, used to seed a token's embedding so the same word always gets the same vector. */
export function hashSeed(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface BarsOptions {
  name: string;
  labels: readonly string[];
  /** Bars are drawn relative to max |value| (or 1 when `unit`). */
  unit?: boolean;
  /** Per-bar state shown as a class and data-kept (e.g. sampling's kept tokens). */
  kept?: readonly boolean[];
  digits?: number;
  /** Full bar height = this |value|, shared by charts whose values are compared (default: this chart's max |value|). */
  scale?: number;
  /** Draw with an axis in the middle even without negative values (charts compared with signed ones). */
  signed?: boolean;
}

/** Vertical bar chart in HTML; negative values hang below the axis. Each bar has data-value and a title. */
export function barsHtml(values: ArrayLike<number>, o: BarsOptions): string {
  let maxAbs = o.unit ? 1 : 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) maxAbs = Math.max(maxAbs, Math.abs(values[i]));
  if (o.scale !== undefined) maxAbs = o.scale;
  const hasNeg = o.signed || Array.from(values).some((v) => v < 0);
  const out = [`<div class="qkv-bars${hasNeg ? " signed" : ""}" data-bars="${o.name}">`];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const h = Number.isFinite(v) && maxAbs > 0 ? (Math.abs(v) / maxAbs) * 100 : 0;
    const label = escapeHtml(o.labels[i] ?? String(i));
    const kept = o.kept ? (o.kept[i] ? " kept" : " dropped") : "";
    const keptAttr = o.kept ? ` data-kept="${o.kept[i]}"` : "";
    const bar = `<span class="b" style="--h:${h.toFixed(2)}%"></span>`;
    // Signed charts have an upper half for positive values and a lower half for negative ones.
    const body = hasNeg ? `<span class="up">${v >= 0 ? bar : ""}</span><span class="down">${v < 0 ? bar : ""}</span>` : bar;
    out.push(
      `<div class="bar${v < 0 ? " neg" : ""}${kept}" data-value="${v}"${keptAttr} title="${o.name}[${label}] = ${Number.isFinite(v) ? String(v) : fmt(v)}">` +
        `<span class="v">${fmt(v, o.digits ?? 2)}</span>${body}<span class="l">${label}</span></div>`,
    );
  }
  out.push(`</div>`);
  return out.join("");
}

export interface Series {
  name: string;
  xs: readonly number[];
  ys: ArrayLike<number>;
}

/** Line chart as inline SVG; each point is a circle with data-x, data-value and a title. */
export function lineChartSvg(series: readonly Series[], o: { name: string; xLabel: string; yLabel: string }): string {
  const W = 560, H = 240, L = 48, R = 12, T = 12, B = 36;
  const xs = series.flatMap((s) => [...s.xs]);
  const ys = series.flatMap((s) => Array.from(s.ys)).filter(Number.isFinite);
  const x0 = Math.min(...xs), x1 = Math.max(...xs);
  let y0 = Math.min(...ys), y1 = Math.max(...ys);
  if (y0 === y1) {
    y0 -= 1;
    y1 += 1;
  }
  const px = (x: number) => L + ((x - x0) / (x1 - x0 || 1)) * (W - L - R);
  const py = (y: number) => T + (1 - (y - y0) / (y1 - y0)) * (H - T - B);
  const out = [
    `<svg class="qkv-chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(o.yLabel)} against ${escapeHtml(o.xLabel)}" data-chart="${o.name}">`,
    `<line class="axis" x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}"/><line class="axis" x1="${L}" y1="${T}" x2="${L}" y2="${H - B}"/>`,
  ];
  if (y0 < 0 && y1 > 0) out.push(`<line class="axis zero" x1="${L}" y1="${py(0)}" x2="${W - R}" y2="${py(0)}"/>`);
  out.push(`<text x="${L - 4}" y="${T + 8}" text-anchor="end">${fmt(y1, 1)}</text>`);
  out.push(`<text x="${L - 4}" y="${H - B}" text-anchor="end">${fmt(y0, 1)}</text>`);
  out.push(`<text x="${L}" y="${H - B + 14}">${x0}</text><text x="${W - R}" y="${H - B + 14}" text-anchor="end">${x1}</text>`);
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 4}" text-anchor="middle">${escapeHtml(o.xLabel)}</text>`);
  series.forEach((s, k) => {
    const pts = s.xs.map((x, i) => `${px(x).toFixed(1)},${py(s.ys[i]).toFixed(1)}`).join(" ");
    out.push(`<g class="series s${k}" data-series="${escapeHtml(s.name)}"><polyline points="${pts}"/>`);
    s.xs.forEach((x, i) =>
      out.push(
        `<circle cx="${px(x).toFixed(1)}" cy="${py(s.ys[i]).toFixed(1)}" r="2.5" data-x="${x}" data-value="${s.ys[i]}"><title>${escapeHtml(s.name)}: ${escapeHtml(o.xLabel)} ${x} → ${s.ys[i]}</title></circle>`,
      ),
    );
    out.push(`</g>`);
  });
  out.push(`</svg>`);
  const legend = series.map((s, k) => `<span class="lg s${k}">${escapeHtml(s.name)}</span>`).join("");
  return `<div class="qkv-legend">${legend}</div>` + out.join("");
}

/**
 * The legend of a colour scale shared by the heatmaps it names: swatches from −range (or 0 for probabilities) to
 * +range, with the numbers at both ends. data-range carries the exact full-colour value for tests and readers.
 */
export function colourLegendHtml(o: { name: string; scale: "unit" | "diverging"; range: number; of: string }): string {
  const steps = o.scale === "unit" ? [0, 0.25, 0.5, 0.75, 1] : [-1, -0.5, 0, 0.5, 1];
  const swatches = steps.map((w) => `<span class="qkv-swatch${w < 0 ? " neg" : ""}" style="--w:${Math.abs(w)}"></span>`).join("");
  const lo = o.scale === "unit" ? "0" : fmt(-o.range, 2);
  return (
    `<p class="qkv-scale-legend" data-legend="${o.name}" data-range="${o.range}">` +
    `<span class="qkv-swatches" aria-hidden="true">${swatches}</span> ` +
    `colour: ${lo} … ${fmt(o.range, 2)}${o.scale === "diverging" ? " (orange negative, blue positive)" : ""}, one scale for ${escapeHtml(o.of)}</p>`
  );
}

/** max |v| over the finite values of the given arrays (1e-12 when there are none, so it can divide). */
export function maxAbsOf(...arrays: ArrayLike<number>[]): number {
  let m = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) m = Math.max(m, Math.abs(a[i]));
  return m > 0 ? m : 1e-12;
}

/**
 * A number in a "what to notice" caption: shown rounded, exact in data-value (tests compare it with core), named by
 * data-num. Magnitudes below 1e-3 are shown in scientific notation (the differences that should be ~0).
 */
export function noticeValue(name: string, v: number, digits = 3): string {
  const shown = v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(1).replace("-", "−") : fmt(v, digits);
  return `<span class="qkv-num" data-num="${name}" data-value="${v}">${shown}</span>`;
}
