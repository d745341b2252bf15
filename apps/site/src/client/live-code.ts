// Live code on question pages: every executable example (`pre.qkv-example`) gets Edit, Run, Reset and "Open in
// playground". This module is all a page that is only read loads; the editor (CodeMirror) comes with the first Edit,
// the runner (@qkv/quiz/live and sucrase) with the first Run.
import type { Editor } from "./editor";
import { codeHash } from "./code-link";
import { clearRun, resultBox, showRun, showRunning } from "./live-view";

let runner: Promise<typeof import("./live-run")> | undefined;
export const loadRunner = () => (runner ??= import("./live-run"));
let editors: Promise<typeof import("./editor")> | undefined;
export const loadEditor = () => (editors ??= import("./editor"));

function button(label: string, data: string): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.setAttribute(data, "");
  return b;
}

/** Adds the live-code controls to one example block (`n` numbers it on the page for the labels). */
export function enhanceExample(pre: HTMLElement, n: number): void {
  // (Markdown keeps the fence's last line break in the block.)
  const original = (pre.textContent ?? "").replace(/\n$/, "");
  const wrap = document.createElement("div");
  wrap.className = "qkv-live";
  wrap.dataset.live = String(n);
  pre.before(wrap);
  const bar = document.createElement("div");
  bar.className = "qkv-live-bar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", `Example ${n}: edit and run`);
  const edit = button("Edit", "data-live-edit");
  const run = button("Run", "data-live-run");
  const reset = button("Reset", "data-live-reset");
  reset.disabled = true;
  const open = document.createElement("a");
  open.href = "/playground/";
  open.textContent = "Open in playground";
  open.dataset.liveOpen = "";
  // Not prefetched on hover (Starlight prefetches every link): the click goes to the playground with the code's hash.
  open.dataset.astroPrefetch = "false";
  bar.append(edit, run, reset, open);
  const result = resultBox();
  wrap.append(pre, bar, result);

  let editor: Editor | undefined;
  const code = () => editor?.code() ?? original;
  const doRun = async () => {
    if (run.disabled) return;
    run.disabled = true;
    reset.disabled = false;
    showRunning(result);
    try {
      const r = await (await loadRunner()).runLive(code());
      showRun(result, r);
      editor?.markError(r.error?.line);
    } catch (err) {
      showRun(result, { output: "", error: { message: `Could not run: ${(err as Error).message}` }, ms: 0 });
    } finally {
      run.disabled = false;
    }
  };
  run.addEventListener("click", doRun);
  edit.addEventListener("click", async () => {
    edit.disabled = true;
    const { createEditor } = await loadEditor();
    const host = document.createElement("div");
    host.className = "qkv-live-editor";
    pre.after(host);
    editor = createEditor(host, original, { label: `Example ${n} code, editable (Ctrl+Enter runs; Escape then Tab leaves)`, onRun: doRun });
    editor.onChange(() => (reset.disabled = false));
    pre.hidden = true;
    edit.hidden = true;
    wrap.dataset.editing = "true";
    editor.focus();
  });
  reset.addEventListener("click", () => {
    editor?.setCode(original);
    clearRun(result);
    reset.disabled = true;
    (editor ?? run).focus();
  });
  open.addEventListener("click", async (e) => {
    e.preventDefault();
    location.href = `/playground/${await codeHash(code())}`;
  });
}

export function enhanceExamples(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>("pre.qkv-example").forEach((pre, i) => enhanceExample(pre, i + 1));
}
