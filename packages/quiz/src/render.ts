import katex from "katex";
import markdownIt, { type Env, type MarkdownIt, type StateBlock, type StateInline, type Token } from "markdown-it";
import { problem, type Problem } from "./problem.js";
import { texToText } from "./tex-text.js";

export interface RenderOptions {
  /** File the Markdown comes from; named in every problem. */
  file: string;
  /** 1-based line of the file where `md` starts (so problems point at the file's line); default 1. */
  line?: number;
}

export interface RenderResult {
  html: string;
  problems: Problem[];
}

interface RenderEnv extends Env {
  file: string;
  line: number;
  problems: Problem[];
}

/** `$…$` (Pandoc rules: no space inside the delimiters, closing `$` not followed by a digit) and inline `$$…$$`. */
function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x24 /* $ */) return false;
  const display = src.charCodeAt(start + 1) === 0x24;
  const open = display ? 2 : 1;
  if (display) {
    const close = src.indexOf("$$", start + 2);
    if (close < 0 || close === start + 2) return false;
    if (!silent) pushMath(state, "math_inline_display", src.slice(start + 2, close));
    state.pos = close + 2;
    return true;
  }
  const first = src.charCodeAt(start + open);
  if (Number.isNaN(first) || first === 0x20 || first === 0x09 || first === 0x0a) return false;
  let close = start + open;
  for (;;) {
    close = src.indexOf("$", close);
    if (close < 0) return false;
    let backslashes = 0;
    for (let i = close - 1; i >= 0 && src.charCodeAt(i) === 0x5c; i--) backslashes++;
    const before = src.charCodeAt(close - 1);
    const after = src.charCodeAt(close + 1);
    if (
      backslashes % 2 === 0 &&
      before !== 0x20 &&
      before !== 0x09 &&
      before !== 0x0a &&
      !(after >= 0x30 && after <= 0x39)
    )
      break;
    close++;
  }
  if (close === start + open) return false;
  if (!silent) pushMath(state, "math_inline", src.slice(start + open, close));
  state.pos = close + 1;
  return true;
}

function pushMath(state: StateInline, type: string, content: string): void {
  // Line within the block: count line breaks consumed before this position.
  const offset = state.src.slice(0, state.pos).split("\n").length - 1;
  const token = state.push(type, "math", 0);
  token.content = content;
  token.meta = { lineInBlock: offset };
}

/** `$$` on its own line(s): `$$ … $$`, possibly spanning lines. */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  let max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (!state.src.startsWith("$$", pos)) return false;
  pos += 2;
  let firstLine = state.src.slice(pos, max);
  let lastLine = "";
  let next = startLine;
  let found = false;
  if (firstLine.trim().endsWith("$$")) {
    firstLine = firstLine.trim().slice(0, -2);
    found = true;
  }
  if (silent) return true;
  while (!found) {
    next++;
    if (next >= endLine) break;
    pos = state.bMarks[next] + state.tShift[next];
    max = state.eMarks[next];
    if (pos < max && state.sCount[next] < state.blkIndent) break;
    const l = state.src.slice(pos, max).trim();
    if (l.endsWith("$$")) {
      lastLine = l.slice(0, -2);
      found = true;
    }
  }
  if (!found) return false;
  state.line = next + 1;
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content =
    (firstLine.trim() ? firstLine + "\n" : "") +
    state.getLines(startLine + 1, next, state.tShift[startLine], true) +
    (lastLine.trim() ? lastLine : "");
  token.map = [startLine, state.line];
  token.markup = "$$";
  return true;
}

function renderTex(tex: string, displayMode: boolean, env: RenderEnv, line: number): string {
  try {
    return katex.renderToString(tex, {
      displayMode,
      trust: false,
      throwOnError: true,
      strict: "ignore",
      output: "htmlAndMathml",
    });
  } catch (err) {
    const msg = (err as Error).message.replace(/^KaTeX parse error: /, "");
    env.problems.push(problem(env.file, env.line + line, `bad formula ${JSON.stringify(tex.trim())}: ${msg}`));
    const escaped = escapeHtml(tex);
    return `<span class="qkv-math-error" title="${escapeHtml(msg)}">formula error: <code>${escaped}</code></span>`;
  }
}

/**
 * A display formula in its own scroll box: a formula wider than a phone screen scrolls inside the box, not the page,
 * and the box is focusable (tabindex) and named so keyboard users can scroll it too. `span` inside paragraphs.
 */
/** Inline TeX longer than this many characters may not fit a 390 px phone line (e.g. a 3×4 matrix of numbers). */
const WIDE_INLINE_TEX = 48;

export function displayBox(html: string, tag: "div" | "span"): string {
  return `<${tag} class="qkv-math-display" tabindex="0" role="group" aria-label="formula">${html}</${tag}>`;
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: false, typographer: false });
  md.inline.ruler.after("escape", "math_inline", mathInline);
  md.block.ruler.before("fence", "math_block", mathBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  // A `$` still in plain text is a formula that did not parse as one (e.g. `$x = $`: a closing `$` may not follow a
  // space) and would show as raw dollars. Runs before text_join, so an escaped `\$` (a text_special token) is fine.
  md.core.ruler.before("text_join", "stray_dollar", (state) => {
    const env = state.env as RenderEnv;
    if (!env.problems) return;
    for (const t of state.tokens) {
      if (t.type !== "inline" || !t.children) continue;
      for (const c of t.children) {
        if (c.type !== "text" || !c.content.includes("$")) continue;
        const at = c.content.indexOf("$");
        const excerpt = c.content.slice(Math.max(0, at - 20), at + 20).trim();
        env.problems.push(
          problem(
            env.file,
            env.line + (t.map ? t.map[0] : 0),
            `unrendered "$" in text near ${JSON.stringify(excerpt)}: a formula's closing $ must not follow a space; write \\$ for a literal dollar`,
          ),
        );
      }
    }
  });
  // Attach each inline math token's absolute line (within the Markdown) from its block's map.
  md.core.ruler.push("math_lines", (state) => {
    for (const t of state.tokens) {
      if (t.type !== "inline" || !t.children) continue;
      const base = t.map ? t.map[0] : 0;
      for (const c of t.children) {
        if (c.type === "math_inline" || c.type === "math_inline_display")
          c.meta = { line: base + ((c.meta as { lineInBlock?: number } | null)?.lineInBlock ?? 0) };
      }
    }
  });
  const lineOf = (t: Token): number => (t.meta as { line?: number } | null)?.line ?? 0;
  md.renderer.rules.math_inline = (tokens, idx, _o, env) => {
    const html = renderTex(tokens[idx].content, false, env as RenderEnv, lineOf(tokens[idx]));
    // KaTeX breaks inline math only at top-level relations and operators, so a long one (a matrix written out)
    // can be wider than a phone: it gets its own focusable scroll box. Short ones stay plain (no extra tab stops).
    return tokens[idx].content.length > WIDE_INLINE_TEX ? `<span class="qkv-math-wide" tabindex="0" role="group" aria-label="formula">${html}</span>` : html;
  };
  md.renderer.rules.math_inline_display = (tokens, idx, _o, env) =>
    displayBox(renderTex(tokens[idx].content, true, env as RenderEnv, lineOf(tokens[idx])), "span");
  md.renderer.rules.math_block = (tokens, idx, _o, env) =>
    displayBox(renderTex(tokens[idx].content, true, env as RenderEnv, tokens[idx].map?.[0] ?? 0), "div") + "\n";
  // A wide table scrolls in its own box (the site styles tables as scroll boxes): focusable for the keyboard.
  md.renderer.rules.table_open = () => '<table tabindex="0" aria-label="Table (scrolls sideways when wide)">\n';
  const defaultFence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const info = tokens[idx].info.trim();
    const code = escapeHtml(tokens[idx].content);
    if (/^ts\s+example\b/.test(info))
      return `<pre class="qkv-example" tabindex="0" role="group" aria-label="Example code"><code class="language-ts">${code}</code></pre>\n`;
    if (info === "text output")
      return `<pre class="qkv-output" tabindex="0" role="group" aria-label="Output of the example"><code class="language-text">${code}</code></pre>\n`;
    // Code scrolls sideways on phones: focusable so the keyboard can scroll it too.
    return defaultFence(tokens, idx, options, env, self).replace(/^<pre>/, '<pre tabindex="0" role="group" aria-label="Code">');
  };
  return md;
}

let shared: MarkdownIt | undefined;
function markdown(): MarkdownIt {
  return (shared ??= createMarkdown());
}

/**
 * Renders content Markdown to HTML: raw HTML is escaped (html: false), math is rendered by KaTeX with
 * `trust: false`; a formula KaTeX rejects becomes a problem naming the file and line, and a visible error marker
 * in the HTML (never the raw formula passed off as rendered). Example/output fences become code blocks.
 */
export function renderMarkdown(md: string, options: RenderOptions): RenderResult {
  const env: RenderEnv = { file: options.file, line: options.line ?? 1, problems: [] };
  const html = markdown().render(md, env);
  return { html, problems: env.problems };
}

/**
 * One line of inline Markdown (a title) to HTML without a wrapping paragraph: same rules as renderMarkdown (raw HTML
 * escaped, KaTeX with `trust: false`, bad formulas reported), and never a heading or list however the line starts.
 */
export function renderInlineMarkdown(md: string, options: RenderOptions): RenderResult {
  const env: RenderEnv = { file: options.file, line: options.line ?? 1, problems: [] };
  const html = markdown().renderInline(md, env);
  return { html, problems: env.problems };
}

/** One line of inline Markdown as plain Unicode text (`$\sqrt{d_k}$` → `√d_k`): for `<title>`, labels and terminals. */
export function inlinePlainText(md: string): string {
  return inlineText(markdown().parseInline(md, { file: "", line: 1, problems: [] })[0]).trim();
}

/** markdown-it tokens with the math rules applied (used by renderPlainText). */
export function parseMarkdownTokens(md: string): Token[] {
  return markdown().parse(md, { file: "", line: 1, problems: [] });
}

/**
 * Markdown → readable terminal text: formulas become Unicode text (`\frac{a}{b}` → `a/b`, `\sqrt{d_k}` → `√d_k`,
 * Greek letters, `K^\top` → `Kᵀ`), emphasis markers and link syntax are dropped, lists get bullets, code blocks are
 * indented by four spaces.
 */
export function renderPlainText(md: string): string {
  const tokens = parseMarkdownTokens(md);
  const out: string[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  let quote = 0;
  let pendingPrefix = "";
  const indent = () => "  ".repeat(Math.max(0, lists.length - 1));
  const emit = (text: string) => {
    const q = quote ? "│ ".repeat(quote) : "";
    out.push(
      text
        .split("\n")
        .map((l, i) => q + (i === 0 ? pendingPrefix : " ".repeat(pendingPrefix.length)) + l)
        .join("\n"),
    );
    pendingPrefix = "";
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case "heading_open":
        emit(inlineText(tokens[i + 1]));
        i += 2;
        out.push("");
        break;
      case "paragraph_open": {
        const text = inlineText(tokens[i + 1]);
        emit(text);
        i += 2;
        if (lists.length === 0 || !tokens[i + 1] || tokens[i + 1].type !== "list_item_close") out.push("");
        break;
      }
      case "bullet_list_open":
        lists.push({ ordered: false, n: 0 });
        break;
      case "ordered_list_open":
        lists.push({ ordered: true, n: Number(t.attrGet("start") ?? 1) - 1 });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        if (lists.length === 0) out.push("");
        break;
      case "list_item_open": {
        const l = lists[lists.length - 1];
        l.n++;
        pendingPrefix = indent() + (l.ordered ? `${l.n}. ` : "• ");
        break;
      }
      case "blockquote_open":
        quote++;
        break;
      case "blockquote_close":
        quote--;
        break;
      case "fence":
      case "code_block":
        emit(
          t.content
            .replace(/\n$/, "")
            .split("\n")
            .map((l) => "    " + l)
            .join("\n"),
        );
        out.push("");
        break;
      case "math_block":
        emit("    " + texToText(t.content).split("\n").join("\n    "));
        out.push("");
        break;
      case "hr":
        emit("────────");
        out.push("");
        break;
      case "inline":
        emit(inlineText(t));
        break;
      case "th_open":
      case "td_open": {
        const cells: string[] = [];
        let j = i;
        while (j < tokens.length && tokens[j].type !== "tr_close") {
          if (tokens[j].type === "inline") cells.push(inlineText(tokens[j]));
          j++;
        }
        emit(cells.join(" | "));
        i = j;
        break;
      }
      case "table_close":
        out.push("");
        break;
      default:
        break;
    }
  }
  return out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function inlineText(t: Token | undefined): string {
  if (!t || !t.children) return t?.content ?? "";
  let s = "";
  let linkHref: string | null = null;
  let linkStart = 0;
  for (const c of t.children) {
    switch (c.type) {
      case "text":
        s += c.content;
        break;
      case "code_inline":
        s += c.content;
        break;
      case "softbreak":
        // A line break in the source is not one in the text: the terminal wraps the paragraph to its own width.
        s += " ";
        break;
      case "hardbreak":
        s += "\n";
        break;
      case "math_inline":
      case "math_inline_display":
        s += texToText(c.content);
        break;
      case "image":
        s += `[image: ${c.content || c.attrGet("alt") || ""}]`;
        break;
      case "link_open":
        linkHref = String(c.attrGet("href") ?? "");
        linkStart = s.length;
        break;
      case "link_close":
        if (linkHref && s.slice(linkStart) !== linkHref) s += ` (${linkHref})`;
        linkHref = null;
        break;
      default:
        break;
    }
  }
  return s;
}
