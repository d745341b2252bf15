/** One point of a loss curve: optimiser step and loss in nats. */
export interface LossPoint {
  step: number;
  loss: number;
}

export interface LossCurve {
  title: string;
  /** Loss of each training batch (noisy). */
  train: LossPoint[];
  /** Held-out loss at a few steps. */
  validation: LossPoint[];
  width?: number;
  height?: number;
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const num = (x: number): string => (Math.round(x * 10) / 10).toString();

/** "Nice" tick values (1, 2, 5 × 10ᵏ) covering [lo, hi], about `count` of them. */
export function ticks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/**
 * The loss curve as a standalone SVG: training loss per step (thin, light) with its moving average (solid), and
 * validation loss (dots joined by a dashed line), on linear axes with ticks and a legend. Text only, no scripts.
 */
export function lossCurveSvg(curve: LossCurve): string {
  const W = curve.width ?? 720;
  const H = curve.height ?? 400;
  const m = { left: 56, right: 20, top: 40, bottom: 48 };
  const all = [...curve.train, ...curve.validation];
  if (all.length === 0) throw new RangeError("lossCurveSvg: no points to plot");
  const maxStep = Math.max(1, ...all.map((p) => p.step));
  const losses = all.map((p) => p.loss);
  const lo = Math.floor(Math.min(...losses) * 2) / 2;
  const hi = Math.ceil(Math.max(...losses) * 2) / 2;
  const x = (s: number): number => m.left + (s / maxStep) * (W - m.left - m.right);
  const y = (l: number): number => m.top + ((hi - l) / (hi - lo || 1)) * (H - m.top - m.bottom);
  const path = (pts: LossPoint[]): string => pts.map((p, i) => `${i ? "L" : "M"}${num(x(p.step))},${num(y(p.loss))}`).join("");
  const window = Math.max(1, Math.round(curve.train.length / 25));
  const smooth = curve.train.map((p, i) => {
    const part = curve.train.slice(Math.max(0, i - window + 1), i + 1);
    return { step: p.step, loss: part.reduce((s, q) => s + q.loss, 0) / part.length };
  });
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${esc(curve.title)}</text>`,
  ];
  for (const t of ticks(lo, hi, 6)) {
    parts.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${num(y(t))}" y2="${num(y(t))}" stroke="#eee"/>`);
    parts.push(`<text x="${m.left - 6}" y="${num(y(t) + 4)}" text-anchor="end">${t}</text>`);
  }
  for (const t of ticks(0, maxStep, 8)) {
    parts.push(`<line x1="${num(x(t))}" x2="${num(x(t))}" y1="${H - m.bottom}" y2="${H - m.bottom + 4}" stroke="#333"/>`);
    parts.push(`<text x="${num(x(t))}" y="${H - m.bottom + 18}" text-anchor="middle">${t}</text>`);
  }
  parts.push(
    `<path d="M${m.left},${m.top}V${H - m.bottom}H${W - m.right}" fill="none" stroke="#333"/>`,
    `<text x="${(m.left + W - m.right) / 2}" y="${H - 10}" text-anchor="middle">step</text>`,
    `<text transform="translate(16 ${(m.top + H - m.bottom) / 2}) rotate(-90)" text-anchor="middle">loss (nats per character)</text>`,
  );
  if (curve.train.length) {
    parts.push(`<path d="${path(curve.train)}" fill="none" stroke="#9ecae1" stroke-width="1"/>`);
    parts.push(`<path d="${path(smooth)}" fill="none" stroke="#08519c" stroke-width="2"/>`);
  }
  if (curve.validation.length) {
    parts.push(`<path d="${path(curve.validation)}" fill="none" stroke="#d94801" stroke-width="1.5" stroke-dasharray="5 4"/>`);
    for (const p of curve.validation) parts.push(`<circle cx="${num(x(p.step))}" cy="${num(y(p.loss))}" r="3.5" fill="#d94801"/>`);
  }
  const lx = W - m.right - 200;
  parts.push(
    `<line x1="${lx}" x2="${lx + 24}" y1="${m.top + 10}" y2="${m.top + 10}" stroke="#08519c" stroke-width="2"/>`,
    `<text x="${lx + 30}" y="${m.top + 14}">train (moving average of ${window})</text>`,
    `<line x1="${lx}" x2="${lx + 24}" y1="${m.top + 28}" y2="${m.top + 28}" stroke="#d94801" stroke-width="1.5" stroke-dasharray="5 4"/>`,
    `<text x="${lx + 30}" y="${m.top + 32}">validation</text>`,
    "</svg>",
  );
  return parts.join("\n") + "\n";
}
