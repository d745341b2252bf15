import type { Gpt2Checkpoint } from "@qkv/core";
import { charGptStatus, fetchCharGpt } from "./char-gpt-weights";
import { bindDemo, fillSlots, type SlotContent } from "./client";
import { attentionCell, computeWalk, WalkGenerator, type WalkResult, type WalkState } from "./model-walk-model";
import { cellHtml, defaultCell, generatorSlots, walkSlots } from "./model-walk-view";
import { visibleChar } from "./trained-model-view";

/** The attention cell explained under each layer's heads. */
interface Selection {
  head: number;
  i: number;
  j: number;
}

/**
 * Loads the weights, then: the form recomputes the whole walk (and restarts generation); a heatmap cell selected by
 * click, tap or keyboard shows its exact value, and in an attention map the query and key behind it; the buttons
 * generate one token at a time through the KV cache. `data-model="loaded"` marks the moment the page is live.
 */
export async function initModelWalk(root: HTMLElement): Promise<void> {
  const error = root.querySelector<HTMLElement>("[data-error]");
  const status = root.querySelector<HTMLElement>("[data-status]");
  let model: Gpt2Checkpoint;
  try {
    const loaded = await fetchCharGpt();
    model = loaded.model;
    if (status) status.textContent = charGptStatus(model, loaded.bytes);
  } catch (e) {
    if (error) error.textContent = e instanceof Error ? e.message : String(e);
    return;
  }
  const follow = root.querySelector<HTMLSelectElement>("select[data-follow]")!;
  const buttons = {
    generate: root.querySelector<HTMLButtonElement>('[data-action="generate"]')!,
    reset: root.querySelector<HTMLButtonElement>('[data-action="reset"]')!,
  };
  let walk: WalkResult | undefined;
  let state: WalkState | undefined;
  let gen: WalkGenerator | undefined;
  let selected: Selection[] = [];
  let walkKey = "";

  const showGenerator = () => {
    if (!gen) return;
    fillSlots(root, generatorSlots(gen));
    buttons.generate.disabled = gen.full;
    buttons.reset.disabled = false;
    root.dataset.cacheLength = String(gen.cache.length);
    prepareCells();
  };
  const startGenerator = () => {
    if (!walk || !state) return;
    gen = new WalkGenerator(model, walk.trace.context, { seed: state.seed, temperature: state.temperature, topK: state.topK });
  };
  const showCell = (l: number) => {
    if (!walk) return;
    const s = selected[l];
    fillSlots(root, { [`l${l}-cell`]: cellHtml(walk, attentionCell(walk.trace, l, s.head, s.i, s.j)) });
    root.querySelectorAll(`table[data-matrix^="walk-l${l}-h"] td[data-selected]`).forEach((td) => td.removeAttribute("data-selected"));
    cellAt(`walk-l${l}-h${s.head}`, s.i, s.j)?.setAttribute("data-selected", "true");
  };
  const cellAt = (matrix: string, i: number, j: number) =>
    root.querySelector<HTMLTableCellElement>(`table[data-matrix="${matrix}"] tbody tr:nth-child(${i + 1}) td:nth-child(${j + 2})`);

  bindDemo(root, (f) => {
    const prompt = f.prompt;
    const T = Math.min(model.tokenizer!.encode(prompt, "skip").length, model.config.contextLength);
    // A followed position past a shortened prompt falls back to the last one.
    const pos = f.follow === "last" || Number(f.follow) >= T ? "last" : Number(f.follow);
    state = { prompt, follow: pos, temperature: Number(f.temperature), topK: Number(f.topK), seed: Number(f.seed) };
    walk = computeWalk(model, state);
    const w = walk;
    // The explained cells stay while only the sampling settings change; a new prompt or position resets them.
    const key = JSON.stringify([w.trace.context, w.follow]);
    if (key !== walkKey) selected = w.trace.layers.map((_, l) => defaultCell(w, l));
    walkKey = key;
    startGenerator();
    const slots: Record<string, SlotContent> = { ...walkSlots(model, w), ...generatorSlots(gen!) };
    w.trace.layers.forEach((_, l) => (slots[`l${l}-cell`] = cellHtml(w, attentionCell(w.trace, l, selected[l].head, selected[l].i, selected[l].j))));
    // After bindDemo has filled the slots: the position list, focusable cells, the selected cells' outline.
    queueMicrotask(() => {
      syncFollow(w, pos);
      showGenerator();
      w.trace.layers.forEach((_, l) => showCell(l));
    });
    return slots;
  });

  /** The "Follow position" options for this prompt's characters. */
  function syncFollow(w: WalkResult, pos: number | "last") {
    const labels = ["last", ...w.chars.map((c, t) => `${t}:${visibleChar(c)}`)];
    const now = Array.from(follow.options, (o) => o.text);
    if (now.join("\u0000") !== labels.join("\u0000")) {
      follow.replaceChildren(...labels.map((text, k) => new Option(text, k === 0 ? "last" : String(k - 1))));
    }
    follow.value = String(pos);
  }

  /** Every heatmap cell is reachable: one tab stop per map (roving tabindex), arrow keys move within it. */
  function prepareCells() {
    root.querySelectorAll<HTMLTableElement>('table.qkv-matrix[data-matrix^="walk-"]').forEach((table) => {
      const cells = table.tBodies[0]?.querySelectorAll("td");
      if (!cells?.length || table.querySelector('td[tabindex="0"]')) return;
      cells.forEach((td, k) => td.setAttribute("tabindex", k === 0 ? "0" : "-1"));
    });
  }

  /** Position (row, column) of a cell in its table's body, and the table. */
  function place(td: HTMLTableCellElement): { table: HTMLTableElement; i: number; j: number } | undefined {
    const table = td.closest<HTMLTableElement>("table.qkv-matrix");
    const tr = td.parentElement as HTMLTableRowElement | null;
    if (!table?.dataset.matrix?.startsWith("walk-") || !tr || tr.parentElement?.tagName !== "TBODY") return undefined;
    return { table, i: tr.sectionRowIndex, j: td.cellIndex - 1 };
  }

  /** Writes a cell's exact value under its map; in an attention map, also explains the cell (its q and k). */
  function selectCell(td: HTMLTableCellElement) {
    const p = place(td);
    if (!p) return;
    // Roving tabindex: the selected cell is the map's tab stop.
    p.table.querySelectorAll('td[tabindex="0"]').forEach((c) => c !== td && c.setAttribute("tabindex", "-1"));
    td.setAttribute("tabindex", "0");
    const row = p.table.tBodies[0].rows[p.i].cells[0].textContent;
    const col = p.table.tHead?.rows[0].cells[p.j + 1].textContent;
    const what = p.table.caption?.textContent ?? p.table.dataset.matrix;
    const readout = nearestReadout(td);
    if (readout) readout.textContent = `${what}: row ${row}, column ${col} = ${td.dataset.value}`;
    const head = /^walk-l(\d+)-h(\d+)$/.exec(p.table.dataset.matrix!);
    if (head) {
      const l = Number(head[1]);
      selected[l] = { head: Number(head[2]), i: p.i, j: p.j };
      showCell(l);
    }
  }
  const cellOf = (e: Event) => {
    const td = (e.target as Element).closest?.("td");
    return td instanceof HTMLTableCellElement ? td : undefined;
  };
  root.addEventListener("focusin", (e) => {
    const td = cellOf(e);
    if (td) selectCell(td);
  });
  root.addEventListener("click", (e) => {
    const td = cellOf(e);
    if (td) selectCell(td);
  });

  root.addEventListener("keydown", (e) => {
    const td = cellOf(e);
    const p = td && place(td);
    if (!td || !p) return;
    const move: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = move[e.key];
    if (m) {
      const next = p.table.tBodies[0].rows[p.i + m[0]]?.cells[p.j + 1 + m[1]];
      if (next && next.tagName === "TD") {
        e.preventDefault();
        next.focus();
      }
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      selectCell(td);
    }
  });

  /** The readout line after the cell's map: the first [data-readout] that follows the map in the page. */
  function nearestReadout(td: Element): Element | undefined {
    const all = Array.from(root.querySelectorAll("[data-readout]"));
    return all.find((r) => td.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING);
  }

  buttons.generate.addEventListener("click", () => {
    if (!gen || gen.full) return;
    try {
      gen.step();
      if (error) error.textContent = "";
    } catch (e) {
      if (error) error.textContent = e instanceof Error ? e.message : String(e);
    }
    showGenerator();
    root.dataset.generatedCount = String(gen.generated.length);
  });
  buttons.reset.addEventListener("click", () => {
    startGenerator();
    showGenerator();
    root.dataset.generatedCount = "0";
  });

  root.dataset.model = "loaded";
  root.querySelector("form")?.dispatchEvent(new Event("input"));
}
