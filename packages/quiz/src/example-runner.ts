// Live code: runs an example's code (edited or not) in the browser sandbox of browser-runner.ts and captures what it
// prints. The same Web Worker set-up as code exercises (fresh worker per run, globals that reach the network, storage
// or the page deleted, the page's CSP inherited, a time limit), with @qkv/core loaded in front of the learner's code.
import { REMOVE_GLOBALS, WORKER_STARTED, runWorker, scriptUrl } from "./browser-runner.js";
import { compileExample } from "./compile-example.js";
import type { RunError } from "./run-error.js";

export type { RunError } from "./run-error.js";

/** What one run printed (console.log, one call per line), and the error that ended it, if any. */
export interface LiveRun {
  output: string;
  error?: RunError;
  /** Wall-clock time from Run to result, in the page. */
  ms: number;
}

export interface LiveRunnerOptions {
  /** URL of the bundled example-env.ts (a classic script of the page's own origin). */
  envUrl: string;
  /** Default LIVE_TIME_LIMIT_MS. */
  timeoutMs?: number;
}

export const LIVE_TIME_LIMIT_MS = 5000;
/** Printed output past this many characters is dropped (a print in a long loop cannot flood the page). */
export const LIVE_OUTPUT_LIMIT = 100_000;
/** Lines the learner script has in front of the learner's code. */
const HEADER_LINES = 1;

/**
 * The learner's script: their compiled code as an async function of the CommonJS names it uses, at global scope
 * (async, so top-level `await` works and the run ends when the code's last awaited step does).
 */
function learnerSource(js: string): string {
  return `self.__qkvLearner = async function (require, console, exports, module) {\n${js}\n};\n`;
}

/**
 * The worker's script: captures what it needs, loads @qkv/core and the formatter (env), deletes the globals, then
 * loads and calls the learner's function with a console that posts each printed line at once (`{ line }`: what an
 * endless loop printed before the time limit is kept) and a `require` that gives core only. It posts
 * `{ done: true, error? }` when the function's promise settles (`then` is captured first).
 */
function workerSource(envUrl: string, learnerUrl: string): string {
  return `"use strict";
(function (scope) {
  var post = scope.postMessage.bind(scope);
  var load = scope.importScripts.bind(scope);
  var stringify = JSON.stringify;
  var slice = Array.prototype.slice;
  var env;
  try {
    load(${JSON.stringify(envUrl)});
    env = scope.__qkvExampleEnv;
    delete scope.__qkvExampleEnv;
  } catch (e) {
    post(stringify({ done: true, error: { message: "could not load @qkv/core: " + (e && e.message) } }));
    return;
  }
${REMOVE_GLOBALS}
  var size = 0;
  var full = false;
  var log = function () {
    if (full) return;
    var text = env.formatLog(slice.call(arguments));
    size += text.length + 1;
    if (size > ${LIVE_OUTPUT_LIMIT}) {
      full = true;
      text = "… (output cut: more than ${LIVE_OUTPUT_LIMIT} characters)";
    }
    post(stringify({ line: text }));
  };
  var con = { log: log, info: log, warn: log, error: log, debug: log };
  Object.defineProperty(scope, "console", { value: con, writable: true, configurable: true });
  var require = function (name) {
    if (name === "@qkv/core") return env.core;
    throw new Error('only "@qkv/core" can be imported here, not "' + name + '"');
  };
  var then = Promise.prototype.then;
  var finish = function (e, failed) {
    post(stringify(failed ? { done: true, error: env.describeError(e, ${JSON.stringify(learnerUrl)}, ${HEADER_LINES}) } : { done: true }));
  };
  post(${JSON.stringify(WORKER_STARTED)});
  try {
    load(${JSON.stringify(learnerUrl)});
    var fn = scope.__qkvLearner;
    delete scope.__qkvLearner;
    var module = { exports: {} };
    then.call(fn(require, con, module.exports, module), function () { finish(); }, function (e) { finish(e, true); });
  } catch (e) {
    finish(e, true);
  }
})(self);
`;
}

/** A worker message: one printed line, or the end of the run (with its error, if any). */
function readMessage(data: unknown): { line: string } | { done: true; error?: RunError } {
  const m = typeof data === "string" ? (JSON.parse(data) as { line?: unknown; done?: unknown; error?: { message?: unknown; line?: unknown } }) : {};
  if (typeof m.line === "string") return { line: m.line };
  if (m.done !== true) throw new Error("unexpected message from the worker");
  if (!m.error) return { done: true };
  const error: RunError = { message: String(m.error.message) };
  if (typeof m.error.line === "number") error.line = m.error.line;
  return { done: true, error };
}

/**
 * A function that runs example code (TypeScript; `import … from "@qkv/core"` allowed) in a fresh sandboxed worker
 * and resolves to what it printed. A syntax error is reported with its line before anything runs; an endless loop
 * is stopped at the time limit.
 */
export function createLiveRunner(options: LiveRunnerOptions): (code: string) => Promise<LiveRun> {
  const timeoutMs = options.timeoutMs ?? LIVE_TIME_LIMIT_MS;
  const envUrl = new URL(options.envUrl, globalThis.location?.href).href;
  return async (code) => {
    const start = performance.now();
    const compiled = compileExample(code);
    if ("error" in compiled) {
      const error: RunError = { message: `SyntaxError: ${compiled.error}` };
      if (compiled.line) error.line = compiled.line;
      return { output: "", error, ms: performance.now() - start };
    }
    const learnerUrl = scriptUrl(learnerSource(compiled.js));
    const workerUrl = scriptUrl(workerSource(envUrl, learnerUrl));
    const lines: string[] = [];
    const output = () => lines.join("\n");
    const r = await runWorker<Omit<LiveRun, "ms">>(workerUrl, [workerUrl, learnerUrl], timeoutMs, {
      message(data) {
        let m: ReturnType<typeof readMessage>;
        try {
          m = readMessage(data);
        } catch (err) {
          return { output: output(), error: { message: `could not read the result: ${(err as Error).message}` } };
        }
        if ("line" in m) {
          lines.push(m.line);
          return undefined;
        }
        return m.error ? { output: output(), error: m.error } : { output: output() };
      },
      crash: (message) => ({ output: output(), error: { message } }),
      timeout: () => ({
        output: output(),
        error: { message: `Stopped after ${timeoutMs / 1000} s: the time limit (an endless loop?)`, timedOut: true },
      }),
    });
    return { ...r, ms: performance.now() - start };
  };
}
