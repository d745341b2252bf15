// The playground page: an editor opened at once (with the code of the link, or the starter), Run, Reset to the
// starter, and Copy link. The code is written into the address (#code=…) as it changes, so a reload or a shared
// link reopens it; a link that holds code is run on opening, so it shows the same output too.
import { codeFromHash, codeHash } from "./code-link";
import { loadEditor, loadRunner } from "./live-code";
import { clearRun, resultBox, showRun, showRunning } from "./live-view";

export async function initPlayground(root: HTMLElement): Promise<void> {
  const staticPre = root.querySelector<HTMLElement>("[data-playground-static]")!;
  const runButton = root.querySelector<HTMLButtonElement>("[data-playground-run]")!;
  const resetButton = root.querySelector<HTMLButtonElement>("[data-playground-reset]")!;
  const copyButton = root.querySelector<HTMLButtonElement>("[data-playground-copy]")!;
  const message = root.querySelector<HTMLElement>("[data-playground-message]")!;
  const linkBox = root.querySelector<HTMLElement>("[data-playground-link]")!;
  const linkInput = root.querySelector<HTMLInputElement>("[data-playground-link-input]")!;
  const starter = staticPre.textContent ?? "";
  const result = resultBox();
  root.append(result);

  /** The code of the address, or null; a damaged link is said, not thrown. */
  const linked = async (): Promise<string | null> => {
    try {
      return await codeFromHash(location.hash);
    } catch {
      message.textContent = "The code in this link could not be read; showing the starter instead.";
      return null;
    }
  };
  const fromLink = await linked();
  const { createEditor } = await loadEditor();
  const host = document.createElement("div");
  host.className = "qkv-live-editor not-content";
  staticPre.after(host);
  staticPre.hidden = true;

  let written = location.hash;
  const save = async () => {
    written = editor.code() === starter ? "" : await codeHash(editor.code());
    history.replaceState(null, "", location.pathname + written);
  };
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const run = async () => {
    if (runButton.disabled) return;
    runButton.disabled = true;
    showRunning(result);
    try {
      const [r] = await Promise.all([(await loadRunner()).runLive(editor.code()), save()]);
      showRun(result, r);
      editor.markError(r.error?.line);
    } catch (err) {
      showRun(result, { output: "", error: { message: `Could not run: ${(err as Error).message}` }, ms: 0 });
    } finally {
      runButton.disabled = false;
    }
  };
  const editor = createEditor(host, fromLink ?? starter, {
    label: "Playground code, editable (Ctrl+Enter runs; Escape then Tab leaves)",
    onRun: () => void run(),
  });
  editor.onChange(() => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void save(), 300);
  });
  runButton.addEventListener("click", () => void run());
  resetButton.addEventListener("click", () => {
    editor.setCode(starter);
    clearRun(result);
    void save();
    message.textContent = "Back to the starter code.";
    editor.focus();
  });
  copyButton.addEventListener("click", async () => {
    clearTimeout(saveTimer);
    await save();
    linkInput.value = location.href;
    try {
      await navigator.clipboard.writeText(location.href);
      message.textContent = "Link copied.";
    } catch {
      message.textContent = "Copying is not allowed here: select the link below and copy it.";
      linkBox.hidden = false;
      linkInput.select();
    }
  });
  // A link pasted into the address bar of this open page: load and run its code.
  addEventListener("hashchange", async () => {
    if (location.hash === written) return;
    const code = await linked();
    if (code === null) return;
    written = location.hash;
    editor.setCode(code);
    void run();
  });
  for (const b of [runButton, resetButton, copyButton]) b.disabled = false;
  root.dataset.ready = "true";
  if (fromLink !== null) await run();
}
