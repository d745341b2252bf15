// JavaScript a page ships, measured from what chromium loads (gzip bytes of every JavaScript response). Shared by
// the JS-budget test and the site benchmark.
import { gzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";

/** The most JavaScript (gzip) a question page may load before the learner does anything. */
export const QUESTION_PAGE_JS_BUDGET = 100 * 1024;

export interface ShippedJs {
  /** Gzip bytes loaded until the network is idle after opening the page. */
  initial: number;
  files: number;
  /** Gzip bytes loaded during `action`. */
  lazy: number;
  /** Every JavaScript URL, with its gzip bytes and whether it came during `action`. */
  urls: { url: string; bytes: number; lazy: boolean }[];
}

/** Gzip bytes of every JavaScript response `url` loads until idle (plus during `action`, reported apart). */
export async function shippedJs(context: BrowserContext, url: string, action?: (page: Page) => Promise<void>): Promise<ShippedJs> {
  const page = await context.newPage();
  const urls: ShippedJs["urls"] = [];
  let lazy = false;
  const pending: Promise<void>[] = [];
  page.on("response", (r) => {
    if (!/\.m?js(\?|$)/.test(r.url()) && !(r.headers()["content-type"] ?? "").includes("javascript")) return;
    const during = lazy;
    pending.push(
      r.body().then(
        (body) => void urls.push({ url: r.url(), bytes: gzipSync(body).length, lazy: during }),
        () => undefined,
      ),
    );
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await Promise.all(pending);
  lazy = true;
  if (action) {
    await action(page);
    await page.waitForLoadState("networkidle");
    await Promise.all(pending);
  }
  await page.close();
  const sum = (xs: { bytes: number }[]) => xs.reduce((a, b) => a + b.bytes, 0);
  const first = urls.filter((u) => !u.lazy);
  return { initial: sum(first), files: first.length, lazy: sum(urls.filter((u) => u.lazy)), urls };
}
