// The site's Content-Security-Policy, as a <meta> tag written into every built page (a static site has no headers
// of its own). Starlight emits a few small inline scripts (theme, sidebar state, search shortcut); each page's policy
// allows exactly those by their SHA-256 hash, so a script injected into a page does not run. A Web Worker created
// from a blob inherits the page's policy, which is what confines the learner-code worker of code exercises.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";

/**
 * Every directive but the script hashes. Why each source is there:
 * - `'self'` scripts: Astro's bundles, Pagefind; `'wasm-unsafe-eval'`: Pagefind's search and the demos' @qkv/core
 *   kernels (its wasm backend) run as WebAssembly (the learner worker deletes its `WebAssembly` global); `blob:`:
 *   the learner worker loads the learner's script from a blob with importScripts (see @qkv/quiz/browser).
 * - `worker-src 'self' blob:`: Pagefind's search worker, and the learner worker (created from a blob).
 * - `connect-src 'self'`: Pagefind fetches its index. No other origin is reachable by fetch, sockets, import() or
 *   fonts from the page or the worker.
 * - `style-src 'unsafe-inline'`: KaTeX positions glyphs with style attributes; styles cannot run script.
 * - `data:` images and fonts: icons and small KaTeX fonts that Vite inlines into the CSS.
 */
export const CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
] as const;

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;
const NOT_EXECUTED = /\btype=["']?(application\/json|application\/ld\+json)/i;

/** SHA-256 sources ('sha256-…') of a page's inline scripts that a browser would run. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attrs, body] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc=/.test(attrs) || NOT_EXECUTED.test(attrs)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
  return [...hashes].sort();
}

/** The policy for one page: the directives with that page's inline-script hashes added to script-src. */
export function pagePolicy(html: string): string {
  const hashes = inlineScriptHashes(html);
  return CSP_DIRECTIVES.map((d) => (d.startsWith("script-src ") && hashes.length ? `${d} ${hashes.join(" ")}` : d)).join(
    "; ",
  );
}

/** The page with its policy as the first thing in <head> after the charset, i.e. before any script. */
export function withPolicy(html: string): string {
  if (html.includes('http-equiv="content-security-policy"')) throw new Error("page already has a CSP meta tag");
  const meta = `<meta http-equiv="content-security-policy" content="${pagePolicy(html)}">`;
  const charset = /<head>\s*<meta charset="utf-8"\s*\/?>/i.exec(html);
  if (charset) return html.replace(charset[0], `${charset[0]}${meta}`);
  const head = /<head\b[^>]*>/i.exec(html);
  if (!head) throw new Error("page has no <head>");
  return html.replace(head[0], `${head[0]}${meta}`);
}

async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await htmlFiles(path)));
    else if (e.name.endsWith(".html")) out.push(path);
  }
  return out;
}

/** Astro integration: after the build, every HTML page gets its CSP meta tag. */
export function contentSecurityPolicy(): AstroIntegration {
  return {
    name: "qkv-csp",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const files = await htmlFiles(fileURLToPath(dir));
        for (const file of files) await writeFile(file, withPolicy(await readFile(file, "utf8")));
        logger.info(`content-security-policy written into ${files.length} pages`);
      },
    },
  };
}
