import { buildSandboxScript, parseSandboxOutput, type CodeRunner, type RunResult } from "./sandbox.js";

/**
 * Globals deleted from the worker before learner code runs: every way to reach the network (requests, sockets,
 * streams, fonts, nested workers, script loading), storage, the channel to the page, and the features the issue
 * keeps out of learner scope (WebAssembly, shared memory). `import(url)` is syntax, not a global: the page's
 * Content-Security-Policy, which a worker created from a blob inherits, limits it (see docs/security.md).
 */
export const WORKER_REMOVED_GLOBALS = [
  "fetch", "XMLHttpRequest", "WebSocket", "WebSocketStream", "WebTransport", "EventSource", "importScripts",
  "FontFace", "fonts", "indexedDB", "caches", "BroadcastChannel", "navigator", "Worker", "SharedWorker",
  "postMessage", "WebAssembly", "SharedArrayBuffer", "Atomics", "webkitRequestFileSystem",
  "webkitRequestFileSystemSync", "webkitResolveLocalFileSystemURL", "webkitResolveLocalFileSystemSyncURL",
] as const;

/**
 * Worker script text that deletes WORKER_REMOVED_GLOBALS from `scope` (the worker's global) and its prototype chain;
 * a property that cannot be deleted is redefined as a read-only undefined. Shared by every worker script here.
 */
export const REMOVE_GLOBALS = `  var names = ${JSON.stringify(WORKER_REMOVED_GLOBALS)};
  for (var i = 0; i < names.length; i++) {
    for (var o = scope; o !== null; o = Object.getPrototypeOf(o)) {
      if (!Object.prototype.hasOwnProperty.call(o, names[i])) continue;
      if (!delete o[names[i]]) Object.defineProperty(o, names[i], { value: undefined, writable: false, configurable: false });
    }
  }`;

/** A blob: URL of JavaScript text (revoke it when done). */
export function scriptUrl(text: string): string {
  return URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
}

/** What runWorker makes of the worker's messages, a crash, or the time limit passing. */
export interface WorkerOutcome<T> {
  /** The result, or undefined for a message that is not the last (the worker keeps running). */
  message(data: unknown): T | undefined;
  crash(message: string): T;
  timeout(): T;
}

/** What a worker script posts (through its captured postMessage) just before the learner's code starts. */
export const WORKER_STARTED = "qkv:started";
/** How long a worker may take to start (load its scripts) before the learner's time limit begins. */
const STARTUP_LIMIT_MS = 30_000;

/**
 * Runs `workerUrl` (a blob: URL of a worker script) in a fresh Web Worker, which is terminated when a message makes
 * `outcome.message` return a result, when it crashes, or when the time limit passes (an endless loop cannot hang the
 * page). The limit of `timeoutMs` counts from the worker's WORKER_STARTED message, so a slow start on a busy machine
 * is not charged to the learner's code. Every URL in `urls` is revoked at the end.
 */
export function runWorker<T>(workerUrl: string, urls: readonly string[], timeoutMs: number, outcome: WorkerOutcome<T>): Promise<T> {
  const worker = new Worker(workerUrl);
  return new Promise<T>((resolve) => {
    let settled = false;
    let started = false;
    const finish = (make: () => T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.terminate();
      for (const u of urls) URL.revokeObjectURL(u);
      resolve(make());
    };
    let timer = setTimeout(() => finish(() => outcome.timeout()), Math.max(timeoutMs, STARTUP_LIMIT_MS));
    worker.onmessage = (e: MessageEvent) => {
      if (settled) return;
      if (e.data === WORKER_STARTED && !started) {
        started = true;
        clearTimeout(timer);
        timer = setTimeout(() => finish(() => outcome.timeout()), timeoutMs);
        return;
      }
      const r = outcome.message(e.data);
      if (r !== undefined) finish(() => r);
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      finish(() => outcome.crash(e.message || "the code crashed the worker"));
    };
  });
}

/**
 * The worker's script. The learner's code is a separate script (`learnerUrl`, loaded with importScripts), so no
 * text in it can close this script's brackets and run inside the closure. The closure captures what the harness
 * needs (postMessage, importScripts, JSON), then deletes the globals above, then evaluates the harness, whose
 * placeholder body loads the learner script through the one-shot `__qkvImport`. Learner code therefore runs at
 * global scope with none of the closure's references in reach and nothing left to post with.
 */
function workerSource(learnerUrl: string, functionName: string, argsList: unknown[][]): string {
  const harness = buildSandboxScript(`var ${functionName} = __qkvImport();`, functionName, argsList);
  return `"use strict";
(function (scope) {
  var post = scope.postMessage.bind(scope);
  var load = scope.importScripts.bind(scope);
  var stringify = JSON.stringify;
  var SyntaxErrorType = SyntaxError;
${REMOVE_GLOBALS}
  var loaded = false;
  var syntaxError;
  Object.defineProperty(scope, "__qkvImport", {
    value: function () {
      if (loaded) throw new Error("the learner code is loaded once");
      loaded = true;
      try {
        load(${JSON.stringify(learnerUrl)});
      } catch (e) {
        if (e instanceof SyntaxErrorType) syntaxError = e;
        throw e;
      }
      var fn = scope.__qkvExport;
      delete scope.__qkvExport;
      return fn;
    },
  });
  post(${JSON.stringify(WORKER_STARTED)});
  var out = ${harness};
  post(syntaxError ? stringify({ error: "SyntaxError: " + syntaxError.message }) : out);
})(self);
`;
}

/** The learner's script: their code in its own strict function scope, handing back `functionName`. */
function learnerSource(code: string, functionName: string): string {
  return `self.__qkvExport = (function () {
"use strict";
${code}
;return typeof ${functionName} === "function" ? ${functionName} : undefined;
})();
`;
}

/**
 * Runs learner code in a Web Worker created from a Blob; the worker is terminated when the time limit passes
 * (an endless loop cannot hang the page). One fresh worker per run. Needs `worker-src blob:` and `script-src blob:`
 * in the page's Content-Security-Policy, and no `unsafe-eval`: nothing here evaluates strings.
 */
export function createBrowserRunner(): CodeRunner {
  return {
    run(code: string, functionName: string, argsList: unknown[][], timeoutMs: number): Promise<RunResult> {
      const learnerUrl = scriptUrl(learnerSource(code, functionName));
      let workerUrl: string;
      try {
        workerUrl = scriptUrl(workerSource(learnerUrl, functionName, argsList));
      } catch (err) {
        URL.revokeObjectURL(learnerUrl);
        return Promise.resolve({ error: (err as Error).message });
      }
      return runWorker<RunResult>(workerUrl, [workerUrl, learnerUrl], timeoutMs, {
        message(data) {
          try {
            return parseSandboxOutput(data);
          } catch (err) {
            return { error: `could not read the result: ${(err as Error).message}` };
          }
        },
        crash: (message) => ({ error: message }),
        timeout: () => ({ error: `time limit of ${timeoutMs} ms exceeded`, timedOut: true }),
      });
    },
  };
}
