// The code exercise's answer box behaves like a small editor: Tab indents instead of leaving the box, Shift+Tab
// dedents, Ctrl/Cmd+Enter submits. Escape then Tab leaves the box (the convention CodeMirror uses), so keyboard users
// are never trapped; the hint beside the box says so.

const INDENT = "  ";

/** Wires `box`; `submit` is called on Ctrl/Cmd+Enter. */
export function initCodeBox(box: HTMLTextAreaElement, submit: () => void): void {
  let leaving = false;
  box.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") {
      leaving = true;
      return;
    }
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      submit();
      return;
    }
    const wasLeaving = leaving;
    leaving = false;
    if (ev.key !== "Tab" || wasLeaving || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    ev.preventDefault();
    if (ev.shiftKey) dedentLine(box);
    else box.setRangeText(INDENT, box.selectionStart, box.selectionEnd, "end");
    box.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

/** Removes up to one indent from the start of the caret's line. */
function dedentLine(box: HTMLTextAreaElement): void {
  const { value, selectionStart: caret } = box;
  const lineStart = value.lastIndexOf("\n", caret - 1) + 1;
  const spaces = /^ */.exec(value.slice(lineStart, lineStart + INDENT.length))![0].length;
  if (spaces === 0) return;
  box.setRangeText("", lineStart, lineStart + spaces, "preserve");
  box.setSelectionRange(Math.max(lineStart, caret - spaces), Math.max(lineStart, caret - spaces));
}
