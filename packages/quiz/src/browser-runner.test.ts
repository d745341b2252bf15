import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { transform } from "sucrase";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunResult } from "./sandbox.js";

// The Web Worker runner in real Chromium (Debian's /usr/bin/chromium, never a downloaded browser). The two modules
// are compiled by sucrase and joined into one classic script for a page served from an intercepted origin.
const src = (name: string) =>
  transform(readFileSync(new URL(`./${name}`, import.meta.url), "utf8"), { transforms: ["typescript"] })
    .code.replace(/^import .*$/gm, "")
    .replace(/^export /gm, "");
const script = `${src("sandbox.ts")}\n${src("browser-runner.ts")}\nwindow.runner = createBrowserRunner();`;

let context: BrowserContext;
let page: Page;
let profile: string;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), "qkv-quiz-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = await context.newPage();
  await page.route("http://qkv.test/**", (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html><title>runner</title><script>${script}</script>` }),
  );
  await page.goto("http://qkv.test/");
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const run = (code: string, argsList: unknown[][], timeoutMs = 2000): Promise<RunResult> =>
  page.evaluate(
    // Results cross back to Node as JSON with the sandbox's own encoding, so NaN/Infinity stay visible.
    async ([c, a, t]) => {
      const w = window as unknown as { runner: { run(...x: unknown[]): Promise<unknown> } };
      const r = await w.runner.run(c, "f", a, t);
      return JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? `#${v}` : v)));
    },
    [code, argsList, timeoutMs] as const,
  ) as Promise<RunResult>;

describe("createBrowserRunner in Chromium", () => {
  test("runs the learner's function per argument list; NaN and -Infinity survive", async () => {
    expect(await run("function f(x) { return [x * 2, Math.log(-1), -1 / 0]; }", [[1], [2]])).toEqual({
      results: [{ value: [2, "#NaN", "#-Infinity"] }, { value: [4, "#NaN", "#-Infinity"] }],
    });
  });

  test("while(true){} is stopped by terminating the worker at the time limit", async () => {
    const started = Date.now();
    expect(await run("function f() { while (true) {} }", [[]], 300)).toEqual({
      error: "time limit of 300 ms exceeded",
      timedOut: true,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    // The page is still responsive and a new run works.
    expect(await run("function f() { return 1; }", [[]])).toEqual({ results: [{ value: 1 }] });
  });

  test("no network, no page DOM, throws are per call", async () => {
    const probe =
      "function f() { return [typeof fetch, typeof XMLHttpRequest, typeof importScripts, typeof document, typeof WebSocket]; }";
    expect(await run(probe, [[]])).toEqual({
      results: [{ value: ["undefined", "undefined", "undefined", "undefined", "undefined"] }],
    });
    expect(await run("function f(x) { if (x) throw new TypeError('no'); return 0; }", [[0], [1]])).toEqual({
      results: [{ value: 0 }, { error: "TypeError: no" }],
    });
    expect(await run("function f( {", [[]])).toMatchObject({ error: expect.stringMatching(/^SyntaxError/) });
  });
});
