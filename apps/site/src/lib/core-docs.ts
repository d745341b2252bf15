// Build-time documentation of @qkv/core, read from its source with the TypeScript compiler: one entry per module
// re-exported by index.ts, with each export's doc comment (which holds the formula) and its signature.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { renderMarkdown } from "@qkv/quiz";
import ts from "typescript";

/** Where @qkv/core's entry module lives (its TypeScript sources, in the workspace), found by package resolution. */
export const coreSourceDir = dirname(createRequire(import.meta.url).resolve("@qkv/core"));

export interface CoreExport {
  name: string;
  kind: "function" | "class" | "interface" | "type" | "const";
  /** Declaration without bodies, as written in the source. */
  signature: string;
  doc: string;
}

export interface CoreModule {
  /** File stem, e.g. "softmax". */
  file: string;
  /** The module's leading comment, if it has one before the first export. */
  summary: string;
  exports: CoreExport[];
}

function source(file: string): string | undefined {
  const path = join(coreSourceDir, `${file}.ts`);
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** Public names per module, from index.ts's `export { … } from "./module.js"` lists, in their order. */
function publicApi(): Map<string, Set<string>> {
  const index = source("index") ?? "";
  const api = new Map<string, Set<string>>();
  for (const m of index.matchAll(/^export (?:type )?\{([^}]*)\} from "\.\/([\w-]+)\.js";/gm)) {
    const names = api.get(m[2]) ?? new Set<string>();
    for (const name of m[1].split(",")) if (name.trim()) names.add(name.trim());
    api.set(m[2], names);
  }
  return api;
}

/** Modules in the order index.ts re-exports them (plumbing in @qkv/core/internal is not documented here). */
export function coreModuleNames(): string[] {
  return [...publicApi().keys()];
}

function jsDoc(node: ts.Node, sf: ts.SourceFile): string {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  if (!docs?.length) return "";
  const last = docs[docs.length - 1];
  // A comment separated from the declaration by a blank line is the module's comment, not this declaration's.
  if (/\n\s*\n/.test(sf.text.slice(last.end, node.getStart(sf)))) return "";
  return last
    .getText(sf)
    .replace(/^\/\*\*\s?/, "")
    .replace(/\s*\*\/$/, "")
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim();
}

const isExported = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Text of `node` from its first token (after the doc comment) up to `end`, normalised to one indentation level. */
function textUpTo(node: ts.Node, sf: ts.SourceFile, end: number): string {
  return sf.text.slice(node.getStart(sf), end).trimEnd();
}

function classSignature(node: ts.ClassDeclaration, sf: ts.SourceFile): string {
  const header = textUpTo(node, sf, node.members.pos).replace(/\{\s*$/, "").trimEnd();
  const members = node.members
    .filter((m) => !(ts.canHaveModifiers(m) && (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.PrivateKeyword)))
    .filter((m) => !(m.name && ts.isPrivateIdentifier(m.name)))
    .map((m) => {
      const body = (m as ts.MethodDeclaration).body;
      const text = body ? textUpTo(m, sf, body.pos) : m.getText(sf);
      return "  " + text.replace(/\s+/g, " ").replace(/;?$/, ";");
    });
  return `${header} {\n${members.join("\n")}\n}`;
}

const cache = new Map<string, CoreModule>();

export function coreModule(file: string): CoreModule {
  const hit = cache.get(file);
  if (hit) return hit;
  const text = source(file);
  if (text === undefined) throw new Error(`core-docs: packages/core/src/${file}.ts not found`);
  const sf = ts.createSourceFile(`${file}.ts`, text, ts.ScriptTarget.ES2022, true);
  const exports: CoreExport[] = [];
  let summary = "";
  const first = sf.statements.find((s) => !ts.isImportDeclaration(s));
  if (first) {
    // A module comment is a leading /* */ or /** */ block separated from the first declaration by a blank line.
    const ranges = ts.getLeadingCommentRanges(text, first.pos) ?? [];
    const head = ranges[0];
    if (head && (ranges.length > 1 || /\n\s*\n/.test(text.slice(head.end, first.getStart(sf)))))
      summary = cleanComment(text.slice(head.pos, head.end));
  }
  const names = publicApi().get(file) ?? new Set<string>();
  for (const s of sf.statements) {
    if (!isExported(s)) continue;
    const declared = (s as { name?: ts.Node }).name;
    if (declared && ts.isIdentifier(declared) && !names.has(declared.text)) continue; // internal helper
    const doc = jsDoc(s, sf);
    if (ts.isFunctionDeclaration(s) && s.name) {
      const sig = s.body ? textUpTo(s, sf, s.body.pos) : s.getText(sf);
      const prev = exports.find((e) => e.name === s.name!.text && e.kind === "function");
      if (prev) prev.signature += "\n" + sig.replace(/;$/, "");
      else exports.push({ name: s.name.text, kind: "function", signature: sig.replace(/;$/, ""), doc });
      if (prev && !prev.doc) prev.doc = doc;
    } else if (ts.isClassDeclaration(s) && s.name) {
      exports.push({ name: s.name.text, kind: "class", signature: classSignature(s, sf), doc });
    } else if (ts.isInterfaceDeclaration(s)) {
      exports.push({ name: s.name.text, kind: "interface", signature: s.getText(sf), doc });
    } else if (ts.isTypeAliasDeclaration(s)) {
      exports.push({ name: s.name.text, kind: "type", signature: s.getText(sf), doc });
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        const type = d.type ? `: ${d.type.getText(sf)}` : "";
        exports.push({ name: d.name.text, kind: "const", signature: `const ${d.name.text}${type}`, doc });
      }
    }
  }
  const mod = { file, summary, exports };
  cache.set(file, mod);
  return mod;
}

function cleanComment(c: string): string {
  if (c.startsWith("//")) return c.replace(/^\/\/ ?/gm, "").trim();
  return c
    .replace(/^\/\*\*?\s?/, "")
    .replace(/\s*\*\/$/, "")
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim();
}

/** Which core module exports `name` (for linking a question's `core:` list), or undefined. */
export function moduleOfExport(name: string): string | undefined {
  for (const file of coreModuleNames()) if (coreModule(file).exports.some((e) => e.name === name)) return file;
  return undefined;
}

/**
 * A doc comment as Markdown: its text is Markdown with `$…$` / `$$…$$` TeX as in the content; a run of indented lines
 * (a formula or table aligned by hand, not yet written as TeX) becomes a preformatted block instead of being joined
 * into the paragraph, and a list ends at the first line that is not an item.
 */
export function docMarkdown(doc: string): string {
  const out: string[] = [];
  let aligned: string[] = [];
  const flush = () => {
    if (aligned.length) out.push("", "```text", ...aligned.map((l) => l.replace(/^\s{2}/, "")), "```", "");
    aligned = [];
  };
  const item = /^([-*]|\d+\.) /;
  for (const line of doc.split("\n")) {
    if (/^\s{2,}\S/.test(line) && !/^\s*\$\$/.test(line)) {
      aligned.push(line);
      continue;
    }
    flush();
    const previous = out[out.length - 1] ?? "";
    if (item.test(previous) && line.trim() !== "" && !item.test(line)) out.push("");
    out.push(line.trimStart());
  }
  flush();
  return out.join("\n");
}

/** A doc comment rendered as HTML (@qkv/quiz's Markdown: raw HTML escaped, KaTeX with trust off); a bad formula
 *  fails the build naming the core file. */
export function docHtml(doc: string, file: string): string {
  const { html, problems } = renderMarkdown(docMarkdown(doc), { file: `packages/core/src/${file}.ts` });
  if (problems.length > 0) throw new Error(`core-docs: ${problems.map((p) => `${p.file}: ${p.message}`).join("\n")}`);
  // The aligned blocks are formulas, not code: labelled and styled as such.
  return html.replaceAll('<pre tabindex="0" role="group" aria-label="Code"><code class="language-text">', '<pre class="qkv-formula" tabindex="0" role="group" aria-label="formula"><code class="language-text">');
}
