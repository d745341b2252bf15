// Core pages render their doc comments as Markdown with KaTeX: backticked names are <code>, `$…$` TeX is KaTeX,
// and no backtick or dollar is left in the text of any core page.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreModule, coreModuleNames } from "../src/lib/core-docs";
import { distDir } from "./build";
import { launch, type Browser } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The TeX of every `$$…$$` and `$…$` in a doc comment, in order (as the page's KaTeX annotations must read). */
function texOf(doc: string): string[] {
  return [...doc.matchAll(/\$\$([\s\S]+?)\$\$|\$([^$\n]+)\$/g)].map((m) => (m[1] ?? m[2]).trim());
}
/** Names written in backticks in a doc comment. */
const codeOf = (doc: string) => [...doc.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

describe("core pages", () => {
  it("show each export's formulas as KaTeX and its backticked names as code", async () => {
    for (const file of ["softmax", "lr-schedule", "multi-head-attention", "moe", "sgd"]) {
      const { page, errors } = await browser.open(`/core/${file}/`);
      const summary = coreModule(file).summary;
      const summaryTex = (await page.locator(".qkv-doc:not(section .qkv-doc) .katex annotation").allTextContents()).map((t) => t.trim());
      expect(summaryTex, `${file} module comment`).toEqual(texOf(summary));
      for (const e of coreModule(file).exports.filter((x) => x.doc)) {
        const doc = page.locator(`section[data-export="${e.name}"] .qkv-doc`);
        const annotations = (await doc.locator(".katex annotation").allTextContents()).map((t) => t.trim());
        expect(annotations, `${file} ${e.name}`).toEqual(texOf(e.doc));
        const codes = await doc.locator("code").allTextContents();
        for (const c of codeOf(e.doc)) expect(codes, `${file} ${e.name}`).toContain(c);
      }
      expect(errors).toEqual([]);
      await page.close();
    }
    // The formulas checked above exist (a page with no TeX would pass the loop vacuously).
    expect(texOf(coreModule("softmax").exports.find((e) => e.name === "softmax")!.doc)[0]).toMatch(/\\frac/);
    expect(texOf(coreModule("moe").summary).length).toBe(2);
  });

  it("leave no backtick or dollar of Markdown source in the text of any core page", () => {
    for (const file of coreModuleNames()) {
      const html = readFileSync(join(distDir, "core", file, "index.html"), "utf8");
      const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
      const text = main
        .replace(/<(script|style|code|pre|annotation)\b[\s\S]*?<\/\1>/g, "")
        .replace(/<[^>]+>/g, "");
      expect(text, file).not.toMatch(/[`$]/);
    }
  });
});
