// Every page: loads without console errors, has no broken internal link, and leaves no raw $…$ math in its text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, type Browser } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Raw TeX left in visible text: `$` followed by a TeX-looking run, outside code, pre and rendered KaTeX. */
const RAW_MATH = /\$[^$\s][^$]*\$|\\(frac|sqrt|sum|mathrm|top|cdot|left|right)\b/;

describe("site crawl", () => {
  it("visits every page reachable from the home page with no console error, broken link or raw math", async () => {
    const origin = browser.baseURL;
    const queue = ["/"];
    const seen = new Set(queue);
    const problems: string[] = [];
    const linkTargets = new Map<string, string>(); // target → first page linking it
    while (queue.length > 0) {
      const path = queue.shift()!;
      const { page, errors } = await browser.open(path);
      problems.push(...errors);
      const { links, raw } = await page.evaluate((pattern) => {
        const re = new RegExp(pattern);
        const raw: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || el.closest("code, pre, script, style, .katex, template, [data-raw-ok]")) continue;
          if (re.test(n.textContent ?? "")) raw.push((n.textContent ?? "").trim().slice(0, 80));
        }
        const links = [...document.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).href);
        return { links, raw };
      }, RAW_MATH.source);
      for (const r of raw) problems.push(`${path}: raw math in text: ${r}`);
      for (const href of links) {
        const u = new URL(href);
        if (u.origin !== origin) continue;
        const target = u.pathname;
        if (!linkTargets.has(target)) linkTargets.set(target, path);
        if (!seen.has(target) && (target.endsWith("/") || target.endsWith(".html"))) {
          seen.add(target);
          queue.push(target);
        }
      }
      await page.close();
    }
    // Every internal link (pages and assets) must resolve with 200.
    for (const [target, from] of linkTargets) {
      const res = await fetch(origin + target);
      if (res.status !== 200) problems.push(`${from}: broken link ${target} (${res.status})`);
    }
    expect(problems).toEqual([]);
    // The crawl must reach the page kinds the site is made of.
    const kinds = ["/topics/", "/core/", "/demos/", "/experiments/"];
    for (const k of kinds) expect([...seen].some((p) => p.startsWith(k)), `no page under ${k}`).toBe(true);
    // ~190 pages on a shared 2-core machine: the crawl alone can take more than the default 2 minutes.
  }, 360_000);
});
