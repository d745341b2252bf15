import { Worker } from "node:worker_threads";
import { buildSandboxScript, parseSandboxOutput, type CodeRunner, type RunResult } from "../sandbox.js";

// Runs inside the worker thread. The learner's script is evaluated in a fresh vm context whose global object has a
// null prototype and no host bindings (no require, process, fs, Buffer, timers); values cross as JSON text, and
// string code generation (eval/Function) is disabled in that context.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const vm = require("node:vm");
parentPort.once("message", (script) => {
  parentPort.postMessage({ started: true });
  let out;
  try {
    const context = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false } });
    out = vm.runInContext(script, context, { filename: "learner-code.js" });
  } catch (e) {
    out = JSON.stringify({ error: (e && e.name ? e.name + ": " : "") + (e && e.message ? e.message : String(e)) });
  }
  parentPort.postMessage({ out: typeof out === "string" ? out : JSON.stringify({ error: "the sandbox returned no result" }) });
});
`;

export interface NodeRunnerOptions {
  /** Heap limit of the worker in MB (default 256): a runaway allocation kills the worker, not the process. */
  maxMemoryMb?: number;
}

/**
 * Code runner for Node: a worker thread per run with the code in an isolated vm context. The time limit is
 * enforced by terminating the worker, which stops any endless loop; it starts once the worker is up, so thread
 * start-up does not count against the learner.
 */
export function createNodeRunner(options: NodeRunnerOptions = {}): CodeRunner {
  const maxMemoryMb = options.maxMemoryMb ?? 256;
  return {
    run(code: string, functionName: string, argsList: unknown[][], timeoutMs: number): Promise<RunResult> {
      const script = buildSandboxScript(code, functionName, argsList);
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        env: {},
        stdout: true,
        stderr: true,
        resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: 32 },
      });
      return new Promise<RunResult>((resolve) => {
        let settled = false;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const finish = (r: RunResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          clearTimeout(startupTimer);
          void worker.terminate();
          resolve(r);
        };
        // Backstop in case the worker never starts (overloaded machine).
        const startupTimer = setTimeout(
          () => finish({ error: `time limit of ${timeoutMs} ms exceeded`, timedOut: true }),
          timeoutMs + 10_000,
        );
        worker.on("message", (msg: { started?: boolean; out?: string }) => {
          if (msg.started) {
            timer = setTimeout(
              () => finish({ error: `time limit of ${timeoutMs} ms exceeded`, timedOut: true }),
              timeoutMs,
            );
            return;
          }
          try {
            finish(parseSandboxOutput(msg.out));
          } catch (err) {
            finish({ error: `could not read the result: ${(err as Error).message}` });
          }
        });
        worker.on("error", (err: Error & { code?: string }) =>
          finish({
            error:
              err.code === "ERR_WORKER_OUT_OF_MEMORY"
                ? `out of memory (limit ${maxMemoryMb} MB)`
                : `the code crashed: ${err.message}`,
          }),
        );
        worker.on("exit", () => finish({ error: "the sandbox exited without a result" }));
        worker.postMessage(script);
      });
    },
  };
}
