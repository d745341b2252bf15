// What a live-code run shows under its code box (question-page examples and the playground): a status line (time,
// or the error with its line) announced to screen readers, and the printed text in a focusable scroll box.
import type { LiveRun } from "@qkv/quiz/live";

/** An empty, hidden result area. */
export function resultBox(): HTMLElement {
  const box = document.createElement("div");
  box.className = "qkv-live-result";
  box.hidden = true;
  const status = document.createElement("p");
  status.className = "qkv-live-status";
  status.setAttribute("role", "status");
  status.dataset.liveStatus = "";
  const pre = document.createElement("pre");
  pre.className = "qkv-live-output";
  pre.tabIndex = 0;
  pre.setAttribute("role", "group");
  pre.setAttribute("aria-label", "Printed by your run");
  pre.dataset.liveOutput = "";
  const error = document.createElement("p");
  error.className = "qkv-live-error";
  error.dataset.liveError = "";
  error.hidden = true;
  box.append(status, pre, error);
  return box;
}

export function showRunning(box: HTMLElement): void {
  box.hidden = false;
  delete box.dataset.state;
  box.setAttribute("aria-busy", "true");
  box.querySelector<HTMLElement>("[data-live-status]")!.textContent = "Running…";
}

export function showRun(box: HTMLElement, run: LiveRun): void {
  box.hidden = false;
  box.removeAttribute("aria-busy");
  const pre = box.querySelector<HTMLElement>("[data-live-output]")!;
  const error = box.querySelector<HTMLElement>("[data-live-error]")!;
  const status = box.querySelector<HTMLElement>("[data-live-status]")!;
  pre.textContent = run.output;
  pre.hidden = run.output === "";
  const lines = run.output === "" ? 0 : run.output.split("\n").length;
  const printed = lines === 0 ? "printed nothing" : `printed ${lines} line${lines === 1 ? "" : "s"}`;
  error.hidden = !run.error;
  box.dataset.state = run.error ? (run.error.timedOut ? "timeout" : "error") : "ok";
  if (run.error) {
    error.textContent = run.error.line ? `Line ${run.error.line}: ${run.error.message}` : run.error.message;
    status.textContent = run.error.timedOut ? "Stopped at the time limit." : `Failed${run.error.line ? ` on line ${run.error.line}` : ""} after it ${printed}.`;
  } else status.textContent = `Your run ${printed} (${Math.round(run.ms)} ms, in your browser).`;
}

/** Hides the result area (Reset). */
export function clearRun(box: HTMLElement): void {
  box.hidden = true;
  delete box.dataset.state;
}
