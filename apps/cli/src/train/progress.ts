import { bar } from "../bars.js";

export interface TrainProgress {
  /** Steps done so far (1-based after the first step). */
  step: number;
  total: number;
  /** Loss of the latest batch. */
  loss: number;
  tokensPerSecond: number;
  /** Seconds since training started. */
  elapsed: number;
}

/** "1:05" / "1:02:03" */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return hms[0] ? `${hms[0]}:${String(hms[1]).padStart(2, "0")}:${String(hms[2]).padStart(2, "0")}` : `${hms[1]}:${String(hms[2]).padStart(2, "0")}`;
}

/**
 * One progress line: `step 120/250 ██████░░░░ 48% loss 2.314  1234 tok/s  1:02 elapsed, ETA 1:07`, the ETA
 * from the average step time so far, cut to `columns`.
 */
export function progressLine(p: TrainProgress, columns = 100): string {
  const eta = p.step > 0 ? (p.elapsed / p.step) * (p.total - p.step) : NaN;
  const width = Math.max(10, Math.min(30, columns - 80));
  const line =
    `step ${String(p.step).padStart(String(p.total).length)}/${p.total} ${bar(p.step / p.total, width)} ` +
    `${String(Math.floor((100 * p.step) / p.total)).padStart(3)}%  loss ${p.loss.toFixed(3)}  ` +
    `${Math.round(p.tokensPerSecond)} tok/s  ${clock(p.elapsed)} elapsed, ETA ${Number.isFinite(eta) ? clock(eta) : "?"}`;
  return line.length > columns ? line.slice(0, columns) : line;
}
