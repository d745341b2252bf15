// Renders @qkv/quiz's diagnosis of a failing code solution: the named mistake or step, the failing case in full and
// a small heatmap of |error| for vectors and matrices. Built with DOM calls (no HTML strings, no inline styles).
import type { Diagnosis } from "@qkv/quiz";

const LEVELS = 4;

export function diagnosisElement(d: Diagnosis): HTMLElement {
  const root = el("div", "qkv-diagnosis");
  root.dataset.diagnosis = "";
  if (d.summary) {
    const p = el("p", "qkv-diagnosis-summary", d.summary);
    if (d.mistakes.length) p.dataset.mistake = d.mistakes[0];
    if (d.step) p.dataset.step = d.step.functionName;
    root.append(p);
  }
  const c = d.case;
  const dl = el("dl", "qkv-diagnosis-case");
  const row = (term: string, value: string) => dl.append(el("dt", "", term), wrapCode(value));
  for (const i of c.inputs) row(i.name, i.summary);
  row("expected", c.expected);
  if (c.got !== "") row("got", c.got);
  root.append(el("p", "", `Test ${c.index + 1} in full:`), dl);
  if (c.differing > 0) {
    root.append(el("p", "", `${c.differing} of ${c.elements} element${c.elements === 1 ? "" : "s"} outside the tolerance; the first:`));
    const ul = el("ul", "");
    for (const e of c.differences)
      ul.append(el("li", "", `${e.at || "value"}: expected ${e.expected}, got ${e.got} (|error| ${Number(Math.abs(e.got - e.expected).toPrecision(3))})`));
    root.append(ul);
  }
  if (c.errors && c.errors.length <= 32 && c.errors[0].length <= 32) root.append(heatmap(c.errors));
  return root;
}

/** |error| per element as a grid of cells shaded in LEVELS steps relative to the largest error; 0 is unshaded. */
function heatmap(errors: number[][]): HTMLElement {
  const max = Math.max(0, ...errors.flat().filter(Number.isFinite));
  const table = el("table", "qkv-error-map");
  table.setAttribute("aria-label", "|error| per element (darker is larger)");
  for (const r of errors) {
    const tr = el("tr", "");
    for (const e of r) {
      const level = e === 0 ? 0 : !Number.isFinite(e) || max === 0 ? LEVELS : Math.max(1, Math.ceil((e / max) * LEVELS));
      const td = el("td", `qkv-err-${level}`);
      td.title = e === 0 ? "within tolerance" : `|error| ${e}`;
      tr.append(td);
    }
    table.append(tr);
  }
  const fig = el("figure", "qkv-error-figure");
  fig.append(table, el("figcaption", "", "|error| per element: blank within tolerance, darker is larger"));
  return fig;
}

function wrapCode(text: string): HTMLElement {
  const dd = el("dd", "");
  dd.append(el("code", "", text));
  return dd;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
