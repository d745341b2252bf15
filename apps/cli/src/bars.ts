/** Text bars for the terminal: `bar(0.5, 10)` → "█████░░░░░". Eighth-blocks give sub-cell resolution. */
const PARTIAL = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

export function bar(fraction: number, width: number): string {
  if (!Number.isFinite(fraction)) throw new RangeError(`bar: fraction must be a finite number, got ${fraction}`);
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`bar: width must be a positive integer, got ${width}`);
  const f = Math.min(1, Math.max(0, fraction));
  const eighths = Math.round(f * width * 8);
  const full = Math.floor(eighths / 8);
  const part = PARTIAL[eighths % 8];
  const used = full + (part ? 1 : 0);
  return "█".repeat(full) + part + "░".repeat(width - used);
}

export interface BarRow {
  label: string;
  fraction: number;
  /** Text after the bar, e.g. "12/30". */
  note: string;
}

/**
 * Aligned rows `label  ███░░  note`, labels padded to the longest, bar width fitted to `columns`. When a row with
 * a 10-cell bar does not fit (narrow terminals), each row takes two lines: the label, then `  ███░░  note`.
 */
export function barTable(rows: BarRow[], columns = 80): string[] {
  if (rows.length === 0) return [];
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const noteWidth = Math.max(...rows.map((r) => r.note.length));
  if (labelWidth + noteWidth + 4 + 10 > columns) {
    const width = Math.max(5, Math.min(40, columns - noteWidth - 4));
    return rows.flatMap((r) => [r.label, `  ${bar(r.fraction, width)}  ${r.note}`]);
  }
  const width = Math.min(40, columns - labelWidth - noteWidth - 4);
  return rows.map((r) => `${r.label.padEnd(labelWidth)}  ${bar(r.fraction, width)}  ${r.note}`);
}

/** A session progress line: `[3/10] ███░░░░░░░`. */
export function sessionBar(done: number, total: number, width = 20): string {
  return `[${done}/${total}] ${bar(total === 0 ? 1 : done / total, width)}`;
}
