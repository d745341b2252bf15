import { loadCharGptFor } from "./char-gpt-weights";
import { describeCell } from "./cell-readout";
import { bindDemo, fillSlots, type SlotContent } from "./client";
import { attentionCell, computeWalk, WalkGenerator, type WalkResult, type WalkState } from "./model-walk-model";
import { MAX_NUMBERED, cellHtml, defaultCell, generatorSlots, walkSlots } from "./model-walk-view";
import { visibleChar } from "./trained-model-view";

/** Attention maps' names: walk-l{layer}-h{head}. */
const HEAD = /^walk-l(\d+)-h(\d+)$/;

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
  const model = await loadCharGptFor(root);
  if (!model) return;
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

  /** The generator's panel, and the buttons' state. */
  const showGenerator = () => {
    if (!gen) return;
    fillSlots(root, generatorSlots(gen));
    generatorButtons();
  };
  const generatorButtons = () => {
    buttons.generate.disabled = !gen || gen.full;
    buttons.reset.disabled = !gen;
    root.dataset.cacheLength = String(gen?.cache.length ?? 0);
  };
  const startGenerator = () => {
    if (!walk || !state) return;
    gen = new WalkGenerator(model, walk.trace.context, { seed: state.seed, temperature: state.temperature, topK: state.topK });
  };
  const cellSlot = (w: WalkResult, l: number): Record<string, string> => {
    const s = selected[l];
    return { [`l${l}-cell`]: cellHtml(w, attentionCell(w.trace, l, s.head, s.i, s.j)) };
  };
  /** Outlines layer l's selected cell in its map. */
  const markSelected = (l: number) => {
    const s = selected[l];
    root.querySelectorAll(`table[data-matrix^="walk-l${l}-h"] td[data-selected]`).forEach((td) => td.removeAttribute("data-selected"));
    root
      .querySelector(`table[data-matrix="walk-l${l}-h${s.head}"] tbody tr:nth-child(${s.i + 1}) td:nth-child(${s.j + 2})`)
      ?.setAttribute("data-selected", "true");
  };
  const showCell = (l: number) => {
    if (!walk) return;
    fillSlots(root, cellSlot(walk, l));
    markSelected(l);
  };

  bindDemo(root, (f) => {
    const prompt = f.prompt;
    const T = Math.min(model.tokenizer!.encode(prompt, "skip").length, model.config.contextLength);
    // A followed position past a shortened prompt falls back to the last one.
    const pos = f.follow === "last" || Number(f.follow) >= T ? "last" : Number(f.follow);
    const next: WalkState = { prompt, follow: pos, temperature: Number(f.temperature), topK: Number(f.topK), seed: Number(f.seed) };
    const w = computeWalk(model, next); // throws on bad input: bindDemo shows it and the page keeps the last walk
    state = next;
    walk = w;
    // The explained cells stay while only the sampling settings change; a new prompt or position resets them.
    const key = JSON.stringify([w.trace.context, w.follow]);
    if (key !== walkKey) selected = w.trace.layers.map((_, l) => defaultCell(w, l));
    walkKey = key;
    startGenerator();
    const slots: Record<string, SlotContent> = { ...walkSlots(model, w), ...generatorSlots(gen!) };
    w.trace.layers.forEach((_, l) => Object.assign(slots, cellSlot(w, l)));
    // After bindDemo has filled the slots: the position list, the readout lines, tab stops, the selected cells.
    queueMicrotask(() => {
      syncFollow(w, pos);
      // Compact maps have a readout line each; numbered ones share one per layer.
      root.querySelectorAll<HTMLElement>("[data-walk-readout]").forEach((p) => (p.hidden = w.chars.length > MAX_NUMBERED));
      generatorButtons();
      prepareCells();
      w.trace.layers.forEach((_, l) => markSelected(l));
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

  /**
   * Numbered attention maps (prompts of up to 16 characters) get what cell-readout.ts gives compact heatmaps: one
   * tab stop per map, arrow keys, and the exact value in a live line. Any selected attention cell, numbered or
   * compact, is explained under its layer's maps.
   */
  function prepareCells() {
    root.querySelectorAll<HTMLTableElement>("table.qkv-matrix:not(.compact)").forEach((table) => {
      if (HEAD.test(table.dataset.matrix ?? "") && !table.querySelector('td[tabindex="0"]')) table.tBodies[0].rows[0]?.cells[1]?.setAttribute("tabindex", "0");
    });
  }

  /** The attention map a cell is in, with its layer, head, query row i and key column j. */
  function headCell(td: HTMLTableCellElement) {
    const table = td.closest<HTMLTableElement>("table.qkv-matrix");
    const m = HEAD.exec(table?.dataset.matrix ?? "");
    const tr = td.parentElement as HTMLTableRowElement;
    if (!table || !m || tr.parentElement?.tagName !== "TBODY") return undefined;
    return { table, l: Number(m[1]), head: Number(m[2]), i: tr.sectionRowIndex, j: td.cellIndex - 1 };
  }

  function selectCell(td: HTMLTableCellElement) {
    const c = headCell(td);
    if (!c) return;
    if (!c.table.classList.contains("compact")) {
      c.table.querySelectorAll("td[tabindex]").forEach((x) => x !== td && x.removeAttribute("tabindex"));
      td.tabIndex = 0;
      const readout = root.querySelector(`[data-walk-readout="${c.l}"]`);
      if (readout) readout.textContent = describeCell(td);
    }
    selected[c.l] = { head: c.head, i: c.i, j: c.j };
    showCell(c.l);
  }
  const cellOf = (e: Event) => {
    const td = e.target instanceof Element ? e.target.closest("td") : null;
    return td instanceof HTMLTableCellElement && headCell(td) ? td : undefined;
  };
  const numbered = (td: HTMLTableCellElement) => !td.closest("table")!.classList.contains("compact");
  // Compact maps: cell-readout.ts focuses a tapped cell and moves focus with the arrow keys; focus selects.
  root.addEventListener("focusin", (e) => {
    const td = cellOf(e);
    if (td) selectCell(td);
  });
  root.addEventListener("click", (e) => {
    const td = cellOf(e);
    if (td && numbered(td)) {
      selectCell(td);
      td.focus();
    }
  });
  root.addEventListener("keydown", (e) => {
    const td = cellOf(e);
    if (!td) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      selectCell(td);
      return;
    }
    const move: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = move[e.key];
    if (!m || !numbered(td)) return;
    const tr = td.parentElement as HTMLTableRowElement;
    const next = (tr.parentElement as HTMLTableSectionElement).rows[tr.sectionRowIndex + m[0]]?.cells[td.cellIndex + m[1]];
    e.preventDefault();
    if (next?.tagName === "TD") {
      selectCell(next as HTMLTableCellElement);
      (next as HTMLTableCellElement).focus();
    }
  });

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
