// Text that learner code produced (values, error names and messages) is shown in terminals and pages. Control
// characters could clear the screen or redraw it (ESC sequences), overwrite a line (CR, backspace) or fake a new
// one (LF); bidirectional overrides can reorder what is read. They are shown as escapes instead.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `s` with every control, line-separator and bidi-control character written as a visible `\xNN` / `\uNNNN` escape. */
export function printable(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** `printable(s)` cut to at most `max` characters (an ellipsis marks the cut). */
export function printableExcerpt(s: string, max = 300): string {
  const p = printable(s.length > max * 4 ? s.slice(0, max * 4) : s);
  return p.length > max ? `${p.slice(0, max - 1)}…` : p;
}
