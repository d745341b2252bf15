// Question titles are inline Markdown with `$…$` TeX (`Why divide by $\sqrt{d_k}$?`). Where they are seen (headings,
// the sidebar, lists, prev/next links) they are rendered with KaTeX like the rest of the content; `<title>`, meta
// descriptions, aria labels and search results get @qkv/quiz's plain Unicode form (`q.title`: `√d_k`).
import { escapeHtml, renderInlineMarkdown, type Question } from "@qkv/quiz";
import { questions, questionUrl } from "./content";

/** A question's title as HTML (KaTeX for its math); a formula KaTeX rejects fails the build naming the file. */
export function titleHtml(q: Pick<Question, "titleMarkdown" | "path">): string {
  const { html, problems } = renderInlineMarkdown(q.titleMarkdown, { file: q.path, line: 1 });
  if (problems.length > 0) throw new Error(`${q.path}: title: ${problems.map((p) => p.message).join("; ")}`);
  return html;
}

/** Questions whose title renders to more than its escaped plain text (math, code, emphasis). */
function formattedTitles(): { url: string; plain: string; html: string }[] {
  return questions()
    .map((q) => ({ url: questionUrl(q), plain: escapeHtml(q.title), html: titleHtml(q) }))
    .filter((t) => t.html !== t.plain);
}

/**
 * Starlight's sidebar HTML with each formatted question title rendered: Starlight writes sidebar labels as text
 * (`<a href="…"><span>label</span>`), so the label of every such question link is replaced by its HTML. A link
 * missing from the sidebar, or a label that is not the plain title, fails the build instead of showing raw text.
 */
export function withRenderedTitles(sidebarHtml: string): string {
  let out = sidebarHtml;
  for (const t of formattedTitles()) {
    const link = new RegExp(`(<a href="${t.url}"[^>]*>\\s*<span[^>]*>)([^<]*)(</span>)`);
    const m = link.exec(out);
    if (!m) throw new Error(`sidebar: no link to ${t.url} to render its title in`);
    if (m[2].trim() !== t.plain) throw new Error(`sidebar: the label of ${t.url} is ${JSON.stringify(m[2])}, not its title`);
    out = out.replace(link, (_all, open: string, _label: string, close: string) => open + t.html + close);
  }
  return out;
}
