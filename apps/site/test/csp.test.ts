// The site's Content-Security-Policy in Debian chromium: every page carries it, injected inline script does not run,
// and learner code in a code exercise reaches no server by any route (a loopback server counts requests: 0), while
// the reference solution still passes.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CodeExercise } from "@qkv/quiz";
import { startCountingServer, type CountingServer } from "@qkv/testing/counting-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inlineScriptHashes } from "../src/lib/csp";
import { questions } from "../src/lib/content";
import { launch, type Browser } from "./browser";
import { distDir } from "./build";

let browser: Browser;
let trap: CountingServer;

beforeAll(async () => {
  browser = await launch();
  trap = await startCountingServer();
});
afterAll(async () => {
  await browser?.close();
  await trap?.close();
});

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith(".html") ? [join(dir, e.name)] : [],
  );
}

/** Learner code for function `name` that tries every way out, then keeps the worker busy so requests could leave. */
const exfiltrate = (name: string, port: number) => `export function ${name}(..._args: unknown[]): unknown {
  const u = "http://127.0.0.1:${port}/";
  const g = self as any;
  const attempts: Record<string, () => unknown> = {
    fetch: () => g.fetch(u + "fetch"),
    dynamicImport: () => import(u + "import.js").catch(() => 0),
    fontFace: () => new g.FontFace("x", "url(" + u + "font-face)").load(),
    fontsLoad: () => { g.fonts.add(new g.FontFace("y", "url(" + u + "fonts-load)")); return g.fonts.load("12px y"); },
    webSocket: () => new g.WebSocket("ws://127.0.0.1:${port}/ws"),
    webSocketStream: () => new g.WebSocketStream("ws://127.0.0.1:${port}/wss"),
    eventSource: () => new g.EventSource(u + "event-source"),
    sendBeacon: () => g.navigator.sendBeacon(u + "beacon", "x"),
    image: () => { const i = new g.Image(); i.src = u + "image"; },
    xhr: () => { const x = new g.XMLHttpRequest(); x.open("GET", u + "xhr"); x.send(); },
    loadScripts: () => g.importScripts(u + "import-scripts.js"),
    worker: () => new g.Worker(u + "worker.js"),
  };
  // Once per run (the grader calls this once per hidden test, and the run has a time limit).
  if (!g.__tried) {
    g.__tried = true;
    for (const k of Object.keys(attempts)) try { attempts[k](); } catch {}
    const end = Date.now() + 400;
    while (Date.now() < end) {}
  }
  return "not the answer";
}`;

describe("content-security-policy", () => {
  it("every built page has one CSP meta tag, before any script, listing each of its inline scripts' hashes", () => {
    const files = htmlFiles(distDir);
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const html = readFileSync(f, "utf8");
      const metas = html.match(/<meta http-equiv="content-security-policy" content="([^"]*)">/g) ?? [];
      expect(metas, f).toHaveLength(1);
      const meta = metas[0]!;
      // (>>> 0 turns "no script" (-1) into the largest index.)
      expect(html.indexOf(meta), f).toBeLessThan(html.indexOf("<script") >>> 0);
      for (const h of inlineScriptHashes(html)) expect(meta, f).toContain(h);
      expect(html, f).not.toMatch(/<[a-z]+\s[^>]*\bon[a-z]+=/i);
    }
  });

  it("an injected inline script or event handler does not run", async () => {
    const { page, errors } = await browser.open("/");
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__injected = 'script'";
      document.body.append(s);
      document.body.insertAdjacentHTML("beforeend", `<img src="/favicon.svg" onload="window.__injected = 'handler'">`);
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
    expect(errors.join("\n")).toMatch(/Executing inline script violates the following Content Security Policy/);
    expect(errors.join("\n")).toMatch(/Executing inline event handler violates the following Content Security Policy/);
  });

  it("learner code in a code exercise reaches no server; the solution still passes", async () => {
    const q = questions().find((x) => x.exercises.some((e) => e.kind === "code"))!;
    const e = q.exercises.find((x): x is CodeExercise => x.kind === "code")!;
    const { page } = await browser.open(`/topics/${q.topic}/${q.id}/`);
    await page.waitForSelector(".qkv-exercises[data-ready=true]");
    const article = page.locator(`article[data-card="${q.id}/${e.id}"]`);
    trap.hits.length = 0;
    await article.locator("textarea[name=code]").fill(exfiltrate(e.functionName, trap.port));
    await article.locator("button[type=submit]").click();
    const verdict = article.locator('[data-verdict][data-correct="false"]');
    await verdict.waitFor();
    // The attack compiled and ran to its end (it returned its string), so every attempt was made.
    expect(await verdict.textContent()).toContain("not the answer");
    await page.waitForTimeout(800);
    expect(trap.hits).toEqual([]);
    await article.locator("textarea[name=code]").fill(e.solution);
    await article.locator("button[type=submit]").click();
    await article.locator('[data-verdict][data-correct="true"]').waitFor();
  });
});
