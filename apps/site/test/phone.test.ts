// Every built page at a 390 px phone width: nothing makes the page itself scroll sideways (wide formulas and demo
// matrices scroll inside their own boxes), and every box that does scroll can be reached with the keyboard.
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, type Browser } from "./browser";
import { distDir } from "./build";

const PHONE = { width: 390, height: 844 };

/** URL paths of every built page (`dist/**\/index.html`, and `404.html`). */
function builtPages(dir = distDir): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "pagefind" && e.name !== "_astro") out.push(...builtPages(p));
    } else if (e.name === "index.html") out.push(`/${relative(distDir, dir)}/`.replace(/\/+/g, "/"));
  }
  return out.sort();
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("phone width (390 px)", () => {
  it("no built page is wider than the viewport, and every scrolling box is focusable and named", async () => {
    const paths = builtPages();
    expect(paths.length).toBeGreaterThan(100);
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    const problems: string[] = [];
    for (const path of paths) {
      await page.goto(path, { waitUntil: "load" });
      const r = await page.evaluate(() => {
        const root = document.documentElement;
        const unreachable: string[] = [];
        for (const el of document.querySelectorAll<HTMLElement>("main *")) {
          if (el.scrollWidth <= el.clientWidth + 1) continue;
          const ox = getComputedStyle(el).overflowX;
          if (ox !== "auto" && ox !== "scroll") continue;
          const named = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
          // A scroll box with focusable content inside is reachable through it.
          const inner = el.querySelector("a[href], button, input, select, textarea, [tabindex]");
          if (!(el.tabIndex >= 0 && named) && !inner) unreachable.push(`${el.tagName.toLowerCase()}.${el.className}`);
        }
        // What sticks out: elements past the right edge, not inside a box that clips or scrolls them, whose parent
        // does not stick out (where the overflow starts).
        const culprits = new Set<string>();
        const clipped = (el: Element): boolean => {
          for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
            if (getComputedStyle(a).overflowX !== "visible") return true;
          return false;
        };
        for (const el of document.querySelectorAll<HTMLElement>("body *")) {
          const right = el.getBoundingClientRect().right;
          const parent = el.parentElement;
          if (right > root.clientWidth + 1 && parent && parent.getBoundingClientRect().right <= root.clientWidth + 1 && !clipped(el))
            culprits.add(`${el.tagName.toLowerCase()}.${String(el.getAttribute("class") ?? "").split(" ")[0]}`);
        }
        return { scrollWidth: root.scrollWidth, width: root.clientWidth, unreachable, culprits: [...culprits].slice(0, 4) };
      });
      if (r.scrollWidth > r.width) problems.push(`${path}: page ${r.scrollWidth} px wide at ${r.width} px (${r.culprits.join(", ")})`);
      for (const u of r.unreachable) problems.push(`${path}: scroll box without tabindex/name: ${u}`);
    }
    await page.close();
    expect(problems).toEqual([]);
  }, 600_000);
});
