// Shared browser wiring for the demos: read the form, recompute, fill the slots, time it.
import { init } from "@qkv/core";
import { enableCellReadout, refreshReadout } from "./cell-readout";
import { matrixViewHtml, type MatrixView } from "./render";

/** A slot's new content: HTML, or a matrix that is patched in place when the table on screen has its shape. */
export type SlotContent = string | MatrixView;

/**
 * On every input in the demo's form, calls `compute` with the form's values and fills each `[data-slot]`. The last
 * recompute time (ms) is published as `data-recompute-ms` on the root for the benchmark (and the part before the DOM
 * update, math plus slot content, as `data-compute-ms`); an error (e.g. invalid input reported by @qkv/core) is
 * shown in `[data-error]` and leaves the previous numbers in place. `data-ready` is set once core's backend is
 * loaded, `data-backend` says which (`wasm`, or `js` without WebAssembly SIMD).
 */
export function bindDemo(root: HTMLElement, compute: (form: Record<string, string>) => Record<string, SlotContent>): void {
  const form = root.querySelector("form");
  const error = root.querySelector<HTMLElement>("[data-error]");
  if (!form) return;
  const update = () => {
    const t0 = performance.now();
    const values: Record<string, string> = {};
    new FormData(form).forEach((v, k) => (values[k] = String(v)));
    // Each slider's value is written beside it (readable on touch and keyboard, not only on hover).
    form.querySelectorAll<HTMLOutputElement>("output[data-for]").forEach((o) => (o.value = values[o.dataset.for!] ?? ""));
    try {
      const slots = compute(values);
      root.dataset.computeMs = (performance.now() - t0).toFixed(3);
      fillSlots(root, slots);
      if (error) error.textContent = "";
      refreshReadout(root);
    } catch (e) {
      if (error) error.textContent = e instanceof Error ? e.message : String(e);
    }
    root.dataset.recomputeMs = (performance.now() - t0).toFixed(3);
    root.dataset.updates = String(Number(root.dataset.updates ?? 0) + 1);
  };
  enableCellReadout(root);
  form.addEventListener("input", update);
  // Enter in a text field would submit the form and reload the page (an inline onsubmit is not allowed by the CSP).
  form.addEventListener("submit", (e) => e.preventDefault());
  // Core's WebAssembly SIMD kernels (or, without SIMD, its JS ones: init says so once); ready either way.
  void init().then((backend) => {
    root.dataset.backend = backend;
    root.dataset.ready = "true";
  });
}

/** Fills each `[data-slot]` under `root` named in `slots`; a matrix whose table is on screen is patched in place. */
export function fillSlots(root: HTMLElement, slots: Record<string, SlotContent>): void {
  for (const [name, content] of Object.entries(slots)) {
    const el = root.querySelector<HTMLElement>(`[data-slot="${name}"]`);
    if (!el) continue;
    if (typeof content === "string") el.innerHTML = content;
    else if (!patchMatrix(el, content)) el.innerHTML = matrixViewHtml(content);
  }
}

/**
 * Updates the slot's table in place (labels, caption, every cell's text, class, data-value, title, data-chosen;
 * rows added or removed at the end when only the row count changed), which is much cheaper than re-parsing its
 * HTML; returns false, changing nothing, when the table on screen is not this matrix with these columns and layout.
 */
function patchMatrix(slot: HTMLElement, m: MatrixView): boolean {
  // The slot holds the matrix's scroll box (see matrixViewHtml), which holds the table; a compact one, its readout.
  const box = slot.firstElementChild;
  const table = box?.firstElementChild;
  if (slot.childElementCount !== (m.compact ? 2 : 1) || box?.childElementCount !== 1 || !(table instanceof HTMLTableElement)) return false;
  const d = table.dataset;
  if (d.matrix !== m.name || d.cols !== String(m.cols)) return false;
  if (table.classList.contains("compact") !== m.compact || !table.caption !== !m.caption) return false;
  if (box.getAttribute("aria-label") !== (m.caption ?? m.name)) box.setAttribute("aria-label", m.caption ?? m.name);
  if (table.caption && m.caption) setText(table.caption, m.caption);
  const head = table.tHead!.rows[0].cells;
  for (let j = 0; j < m.cols; j++) setText(head[j + 1], m.colLabels[j]);
  const body = table.tBodies[0];
  resizeRows(body, m.rows, m.cols);
  d.rows = String(m.rows);
  const rows = body.rows;
  for (let i = 0; i < m.rows; i++) {
    const cells = rows[i].cells;
    setText(cells[0], m.rowLabels[i]);
    for (let j = 0; j < m.cols; j++) {
      const c = m.cells[i * m.cols + j];
      const td = cells[j + 1];
      setText(td, c.text);
      setAttr(td, "class", c.className);
      setAttr(td, "data-value", String(c.value));
      setAttr(td, "title", c.title ?? null);
      setAttr(td, "data-chosen", c.chosen ? "true" : null);
    }
  }
  // A compact table keeps one tab stop (cell-readout.ts); it may have been in a removed row.
  if (m.compact && !body.querySelector("td[tabindex='0']")) rows[0]?.cells[1]?.setAttribute("tabindex", "0");
  return true;
}

/** Appends empty rows (a row header and `cols` cells) or removes rows at the end until the body has `rows`. */
function resizeRows(body: HTMLTableSectionElement, rows: number, cols: number): void {
  while (body.rows.length > rows) body.deleteRow(-1);
  while (body.rows.length < rows) {
    const tr = body.insertRow();
    const th = document.createElement("th");
    th.scope = "row";
    tr.append(th);
    for (let j = 0; j < cols; j++) tr.insertCell();
  }
}

// Writes only what differs: the browser re-styles and re-lays out whatever is written, even an equal value.
function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Sets an attribute, or removes it when `value` is null. */
function setAttr(el: Element, name: string, value: string | null): void {
  if (el.getAttribute(name) === value) return;
  if (value === null) el.removeAttribute(name);
  else el.setAttribute(name, value);
}
