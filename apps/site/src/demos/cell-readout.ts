// Compact heatmaps (colour only, see matrixViewHtml) made readable without hover: each table has one tab stop (a
// roving tabindex), arrow keys / Home / End / Page Up / Page Down move it between cells, and the focused or tapped
// cell's labels and exact value are written into the table's live readout line.

const MOVES: Record<string, (i: number, j: number, rows: number, cols: number) => [number, number]> = {
  ArrowLeft: (i, j) => [i, j - 1],
  ArrowRight: (i, j) => [i, j + 1],
  ArrowUp: (i, j) => [i - 1, j],
  ArrowDown: (i, j) => [i + 1, j],
  Home: (i) => [i, 0],
  End: (i, _j, _r, cols) => [i, cols - 1],
  PageUp: (i, j) => [i - 8, j],
  PageDown: (i, j) => [i + 8, j],
};

/** The compact table cell an event is about, or null. */
function cellOf(target: EventTarget | null): HTMLTableCellElement | null {
  const td = target instanceof Element ? target.closest("td") : null;
  return td?.closest("table.qkv-matrix.compact") ? (td as HTMLTableCellElement) : null;
}

/** "name[row label, column label] = value", from the table's own headers and the cell's data-value. */
export function describeCell(td: HTMLTableCellElement): string {
  const table = td.closest("table")!;
  const tr = td.parentElement as HTMLTableRowElement;
  const row = tr.cells[0].textContent ?? "";
  const col = table.tHead?.rows[0].cells[td.cellIndex]?.textContent ?? "";
  return `${table.dataset.matrix}[${row}, ${col}] = ${td.dataset.value}`;
}

function show(td: HTMLTableCellElement): void {
  const table = td.closest("table")!;
  const readout = table.closest("[data-slot]")?.querySelector<HTMLElement>(`[data-readout="${table.dataset.matrix}"]`);
  if (readout) readout.textContent = describeCell(td);
}

/** Moves the table's single tab stop to `td` and focuses it. */
function focusCell(td: HTMLTableCellElement): void {
  const table = td.closest("table")!;
  table.querySelectorAll("td[tabindex]").forEach((c) => c !== td && c.removeAttribute("tabindex"));
  td.tabIndex = 0;
  td.focus();
}

/** Wires every compact heatmap inside `root`, now and after any re-render (listeners are delegated). */
export function enableCellReadout(root: HTMLElement): void {
  // Once per subtree: a demo bound inside another (the trained model's attention map) must not move twice per key.
  if (root.closest("[data-cell-readout]")) return;
  root.dataset.cellReadout = "";
  root.addEventListener("focusin", (e) => {
    const td = cellOf(e.target);
    if (td) show(td);
  });
  // A tap or click focuses the cell (which shows it), also on touch screens where there is no hover title.
  root.addEventListener("click", (e) => {
    const td = cellOf(e.target);
    if (td) focusCell(td);
  });
  root.addEventListener("keydown", (e) => {
    const td = cellOf(e.target);
    const move = MOVES[e.key];
    if (!td || !move) return;
    const table = td.closest("table")!;
    const rows = table.tBodies[0].rows;
    const cols = rows[0].cells.length - 1;
    const [i, j] = move((td.parentElement as HTMLTableRowElement).sectionRowIndex, td.cellIndex - 1, rows.length, cols);
    const next = rows[Math.max(0, Math.min(rows.length - 1, i))].cells[Math.max(0, Math.min(cols - 1, j)) + 1];
    e.preventDefault();
    focusCell(next);
  });
}

/** After a recompute: the focused cell's readout shows its new value. */
export function refreshReadout(root: HTMLElement): void {
  const td = cellOf(document.activeElement);
  if (td && root.contains(td)) show(td);
}
