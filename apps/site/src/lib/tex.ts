// KaTeX at build time for the site's own fixed formulas (demo captions); question content goes through @qkv/quiz.
import { displayBox } from "@qkv/quiz";
import katex from "katex";

/** Inline or display TeX as HTML; display formulas get the same focusable scroll box as question content. */
export function tex(source: string, display = true): string {
  const html = katex.renderToString(source, { displayMode: display, throwOnError: true, trust: false, strict: "error" });
  return display ? displayBox(html, "span") : html;
}
