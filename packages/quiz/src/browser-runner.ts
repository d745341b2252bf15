import { buildSandboxScript, parseSandboxOutput, type CodeRunner, type RunResult } from "./sandbox.js";

// Worker body: network and storage globals are shadowed before the learner's script runs; the page's DOM is not
// reachable from a worker at all.
const WORKER_SOURCE = `
"use strict";
const post = self.postMessage.bind(self);
for (const name of ["fetch", "XMLHttpRequest", "WebSocket", "EventSource", "importScripts", "indexedDB", "caches", "BroadcastChannel", "navigator", "Worker", "SharedWorker"]) {
  try { Object.defineProperty(self, name, { value: undefined, configurable: false, writable: false }); } catch (e) {}
}
self.onmessage = function (event) {
  let out;
  try { out = (0, eval)(event.data); } catch (e) { out = JSON.stringify({ error: (e && e.name ? e.name + ": " : "") + (e && e.message ? e.message : String(e)) }); }
  post(out);
};
`;

/**
 * Runs learner code in a Web Worker created from a Blob; the worker is terminated when the time limit passes
 * (an endless loop cannot hang the page). One fresh worker per run.
 */
export function createBrowserRunner(): CodeRunner {
  return {
    run(code: string, functionName: string, argsList: unknown[][], timeoutMs: number): Promise<RunResult> {
      const script = buildSandboxScript(code, functionName, argsList);
      const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
      const worker = new Worker(url);
      return new Promise<RunResult>((resolve) => {
        let settled = false;
        const finish = (r: RunResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          worker.terminate();
          URL.revokeObjectURL(url);
          resolve(r);
        };
        const timer = setTimeout(
          () => finish({ error: `time limit of ${timeoutMs} ms exceeded`, timedOut: true }),
          timeoutMs,
        );
        worker.onmessage = (e: MessageEvent) => {
          try {
            finish(parseSandboxOutput(e.data));
          } catch (err) {
            finish({ error: `could not read the result: ${(err as Error).message}` });
          }
        };
        worker.onerror = (e: ErrorEvent) => {
          e.preventDefault();
          finish({ error: e.message || "the code crashed the worker" });
        };
        worker.postMessage(script);
      });
    },
  };
}
