// KaTeX at build time for the site's own fixed formulas (demo captions); question content goes through @qkv/quiz.
import katex from "katex";

export function tex(source: string, display = true): string {
  return katex.renderToString(source, { displayMode: display, throwOnError: true, trust: false, strict: "error" });
}
