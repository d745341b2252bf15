import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { chromiumLaunchOptions } from "@qkv/testing/chromium";
import { transform } from "sucrase";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { WORKER_REMOVED_GLOBALS } from "./browser-runner.js";
import type { RunResult } from "./sandbox.js";

// The Web Worker runner in real Chromium (Debian's /usr/bin/chromium, never a downloaded browser). The two modules
// are compiled by sucrase and joined into one classic script for a page.
const src = (name: string) =>
  transform(readFileSync(new URL(`./${name}`, import.meta.url), "utf8"), { transforms: ["typescript"] })
    // (sucrase may put a helper in front of an import on the same line)
    .code.replace(/import [\w\s{},*]+ from "[^"]*";?/g, "")
    .replace(/^export /gm, "");
const script = `${src("sandbox.ts")}\n${src("browser-runner.ts")}\nwindow.runner = createBrowserRunner();`;

// The page is served from 127.0.0.1 (so requests to the counting server are loopback to loopback, which Chromium's
// private-network rules allow) in two variants: bare, to show the worker's scope alone stops every global-based
// attempt, and with a Content-Security-Policy of the shape the site sets, which also stops `import(url)`.
const TEST_CSP =
  "default-src 'none'; script-src 'self' 'unsafe-inline' blob:; worker-src blob:; connect-src 'self'; base-uri 'none'";

/** A loopback HTTP server; `hits` lists every request it received. */
async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as AddressInfo).port };
}

let context: BrowserContext;
let page: Page;
let profile: string;
let pageServer: Server;
let pagePort: number;
let trap: Server;
let trapPort: number;
const hits: string[] = [];
/** Requests to the page's own server other than the two test pages. */
const pageHits: string[] = [];

beforeAll(async () => {
  ({ server: pageServer, port: pagePort } = await listen((req, res) => {
    if (req.url !== "/csp" && req.url !== "/bare") pageHits.push(req.url ?? "");
    const csp = req.url === "/csp" ? `<meta http-equiv="Content-Security-Policy" content="${TEST_CSP}">` : "";
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><html><head>${csp}<title>runner</title><script>${script}</script></head></html>`);
  }));
  ({ server: trap, port: trapPort } = await listen((req, res) => {
    hits.push(req.url ?? "");
    res.writeHead(200, { "content-type": "text/javascript", "access-control-allow-origin": "*" });
    res.end("");
  }));
  profile = mkdtempSync(join(tmpdir(), "qkv-quiz-chromium-"));
  context = await chromium.launchPersistentContext(profile, chromiumLaunchOptions);
  page = await context.newPage();
  await page.goto(`http://127.0.0.1:${pagePort}/csp`);
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await new Promise((r) => pageServer?.close(r));
  await new Promise((r) => trap?.close(r));
});

const run = (code: string, argsList: unknown[][], timeoutMs = 2000, on: Page = page): Promise<RunResult> =>
  on.evaluate(
    // Results cross back to Node as JSON with the sandbox's own encoding, so NaN/Infinity stay visible.
    async ([c, a, t]) => {
      const w = window as unknown as { runner: { run(...x: unknown[]): Promise<unknown> } };
      const r = await w.runner.run(c, "f", a, t);
      return JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? `#${v}` : v)));
    },
    [code, argsList, timeoutMs] as const,
  ) as Promise<RunResult>;

/**
 * Learner code that tries every way out of the worker it can think of, each in its own try, then keeps the worker
 * busy for 400 ms so requests already started have time to leave before the runner terminates it. Returns what each
 * attempt did, so a test can tell "blocked" from "never tried".
 */
const exfiltrate = (port: number, attempts: readonly string[]) => `function f() {
  var u = "http://127.0.0.1:${port}/";
  var done = [];
  var attempts = {
    fetch: function () { fetch(u + "fetch"); },
    selfFetch: function () { self.fetch(u + "self-fetch"); },
    protoFetch: function () { Object.getPrototypeOf(self).fetch.call(self, u + "proto-fetch"); },
    xhr: function () { var x = new XMLHttpRequest(); x.open("GET", u + "xhr"); x.send(); },
    webSocket: function () { new WebSocket("ws://127.0.0.1:${port}/ws"); },
    webSocketStream: function () { new WebSocketStream("ws://127.0.0.1:${port}/wss"); },
    eventSource: function () { new EventSource(u + "event-source"); },
    fontFace: function () { new FontFace("x", "url(" + u + "font-face)").load(); },
    fontsLoad: function () { fonts.add(new FontFace("y", "url(" + u + "fonts-load)")); fonts.load("12px y"); },
    importScripts: function () { importScripts(u + "import-scripts.js"); },
    worker: function () { new Worker(u + "worker.js"); },
    sendBeacon: function () { navigator.sendBeacon(u + "beacon", "x"); },
    image: function () { var i = new Image(); i.src = u + "image"; },
    importUrl: function () { import(u + "import.js").catch(function () {}); },
    nestedBlobImport: function () {
      var b = URL.createObjectURL(new Blob(["fetch('" + u + "blob-module')"], { type: "text/javascript" }));
      import(b).catch(function () {});
    },
  };
  var names = ${JSON.stringify(attempts)};
  for (var i = 0; i < names.length; i++) {
    try { attempts[names[i]](); done.push(names[i] + ": ran"); } catch (e) { done.push(names[i] + ": " + (e && e.name)); }
  }
  var end = Date.now() + 400;
  while (Date.now() < end) {}
  return done;
}`;

const GLOBAL_ATTEMPTS = [
  "fetch", "selfFetch", "protoFetch", "xhr", "webSocket", "webSocketStream", "eventSource", "fontFace", "fontsLoad",
  "importScripts", "worker", "sendBeacon", "image",
] as const;
const ALL_ATTEMPTS = [...GLOBAL_ATTEMPTS, "importUrl", "nestedBlobImport"] as const;
/** A removed global named bare is not defined at all; read off self or its prototype it is undefined. */
const blocked = (n: string) => `${n}: ${n === "selfFetch" || n === "protoFetch" ? "TypeError" : "ReferenceError"}`;

/** Waits long enough for any request still in flight to reach the server. */
const settle = () => new Promise((r) => setTimeout(r, 800));

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

  test("a syntax error is reported as one", async () => {
    expect(await run("function f( {", [[]])).toEqual({ error: expect.stringMatching(/^SyntaxError: /) });
    // Text that closes the wrapper's brackets is valid, but it only ends the learner's own script.
    expect(await run("function f() { return 1; } }); self.__qkvExport = 1; (function () {", [[]])).toEqual({
      error: "no function named f is defined",
    });
  });

  test("the worker scope has none of the removed globals, on self or its prototypes", async () => {
    const probe = `function f(names) {
      var left = [];
      for (var i = 0; i < names.length; i++) {
        for (var o = self; o !== null; o = Object.getPrototypeOf(o))
          if (Object.prototype.hasOwnProperty.call(o, names[i]) && o[names[i]] !== undefined) left.push(names[i]);
      }
      return [left, typeof WebAssembly, typeof SharedArrayBuffer, typeof Atomics, typeof post, typeof postMessage];
    }`;
    expect(await run(probe, [[[...WORKER_REMOVED_GLOBALS]]])).toEqual({
      results: [{ value: [[], "undefined", "undefined", "undefined", "undefined", "undefined"] }],
    });
  });

  test("learner code cannot post a result of its own: every route to the page is gone", async () => {
    const forged = JSON.stringify(JSON.stringify({ results: [{ value: "42" }] }));
    const attempts = [
      // Top-level code of the learner script (it runs before the harness calls f).
      `try { postMessage(${forged}); } catch (e) {}
       try { self.postMessage(${forged}); } catch (e) {}
       try { Object.getPrototypeOf(self).postMessage.call(self, ${forged}); } catch (e) {}
       try { post(${forged}); } catch (e) {}
       try { new BroadcastChannel("x").postMessage(${forged}); } catch (e) {}
       function f() { return "mine"; }`,
      // Breaking out of the wrapper's brackets only ends the learner's own script.
      `function f() { return "mine"; } return f; })(); try { postMessage(${forged}); } catch (e) {} (function () {`,
      // Calling the loader again or replacing JSON after it was captured changes nothing.
      `function f() { try { __qkvImport(); } catch (e) {} JSON.stringify = function () { return ${forged}; }; return "mine"; }`,
    ];
    for (const code of attempts) expect(await run(code, [[]])).toEqual({ results: [{ value: "mine" }] });
  });

  test("control: without the runner, a worker's fetch from this page reaches the counting server", async () => {
    const bare = await context.newPage();
    await bare.goto(`http://127.0.0.1:${pagePort}/bare`);
    const before = hits.length;
    await bare.evaluate((port) => {
      // The same shape as the attacks below: start the request, keep the worker busy, then answer.
      const src = `fetch("http://127.0.0.1:${port}/control"); var end = Date.now() + 400; while (Date.now() < end) {} postMessage(1);`;
      const w = new Worker(URL.createObjectURL(new Blob([src], { type: "text/javascript" })));
      return new Promise<void>((r) => (w.onmessage = () => (w.terminate(), r())));
    }, trapPort);
    await settle();
    expect(hits.slice(before)).toEqual(["/control"]);
    hits.length = 0;
    await bare.close();
  });

  test("without a page CSP, removing the globals alone stops every global-based way out", async () => {
    const bare = await context.newPage();
    await bare.goto(`http://127.0.0.1:${pagePort}/bare`);
    hits.length = 0;
    const r = await run(exfiltrate(trapPort, GLOBAL_ATTEMPTS), [[]], 3000, bare);
    await settle();
    expect(hits).toEqual([]);
    expect(r).toEqual({ results: [{ value: GLOBAL_ATTEMPTS.map(blocked) }] });
    // import(url) is syntax, not a global: on a page without a CSP it does go out, which is why the site sets one.
    await run(exfiltrate(trapPort, ["importUrl"]), [[]], 3000, bare);
    await settle();
    expect(hits).toEqual(["/import.js"]);
    await bare.close();
  });

  test("known limit: import() of the page's own origin is allowed by a CSP with script-src 'self'", async () => {
    pageHits.length = 0;
    const code = `function f() {
      import("http://127.0.0.1:${pagePort}/same-origin.js").catch(function () {});
      var end = Date.now() + 400;
      while (Date.now() < end) {}
      return 1;
    }`;
    expect(await run(code, [[]], 3000)).toEqual({ results: [{ value: 1 }] });
    await settle();
    // A GET to the host that serves the site itself (see docs/security.md, "Known not to be covered").
    expect(pageHits).toEqual(["/same-origin.js"]);
  });

  test("under the page's CSP nothing reaches the server, import(url) included; a correct solution still passes", async () => {
    hits.length = 0;
    const r = await run(exfiltrate(trapPort, ALL_ATTEMPTS), [[]], 3000);
    await settle();
    expect(hits).toEqual([]);
    // The two imports "run" (they return a promise that rejects under the CSP); everything else is gone.
    expect(r).toEqual({
      results: [{ value: [...GLOBAL_ATTEMPTS.map(blocked), "importUrl: ran", "nestedBlobImport: ran"] }],
    });
    expect(await run("function f(a, b) { return a + b; }", [[1, 2]])).toEqual({ results: [{ value: 3 }] });
  });
});
