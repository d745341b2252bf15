// Debian chromium driven by playwright-core, with a fresh profile per test file (never a downloaded browser).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";
import { chromiumLaunchOptions } from "@qkv/testing/chromium";

let axe: string | undefined;
/** axe-core's browser script (read once), to `page.evaluate` before calling `axe.run` in the page. */
export function axeScript(): string {
  axe ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  return axe;
}


export interface Browser {
  context: BrowserContext;
  baseURL: string;
  /** Opens `path` in a new tab and collects console errors and page errors into `errors`. */
  open(path: string, options?: { javaScript?: boolean }): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export async function launch(options: { javaScript?: boolean } = {}): Promise<Browser> {
  const baseURL = inject("baseURL");
  const profile = mkdtempSync(join(tmpdir(), "qkv-site-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    ...chromiumLaunchOptions,
    baseURL,
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    baseURL,
    async open(path) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`${path}: console: ${m.text()}`);
      });
      page.on("pageerror", (e) => errors.push(`${path}: pageerror: ${e.message}`));
      page.on("requestfailed", (r) => errors.push(`${path}: request failed: ${r.url()}`));
      const response = await page.goto(path, { waitUntil: "load" });
      if (response?.status() !== 200) errors.push(`${path}: HTTP ${response?.status()}`);
      return { page, errors };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
