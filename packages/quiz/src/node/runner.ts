import { buildSandboxScript, parseSandboxOutput, type CodeRunner, type RunResult } from "../sandbox.js";
import { createSandboxPool, DEFAULT_LIMITS } from "./sandbox-process.js";

export interface NodeRunnerOptions {
  /** V8 heap cap of each sandbox process in MB (default 256). */
  maxMemoryMb?: number;
  /** OS data-segment limit of each sandbox process in MB (default 512): typed arrays and everything else. */
  memoryLimitMb?: number;
  /** Most bytes a run may send back (default 1 MiB); checked as they arrive, before any parsing. */
  maxOutputBytes?: number;
  /** Sandbox processes kept started ahead of need (default 1). */
  poolSize?: number;
  /**
   * Runs one process may serve (default 1). Above 1 only for code as trusted as the host, such as the
   * repository's own solutions checked by `qkv check`: see PoolOptions.jobsPerProcess.
   */
  jobsPerProcess?: number;
}

export interface NodeRunner extends CodeRunner {
  /** Stops the processes started ahead (optional: they also exit with the host). */
  close(): void;
}

/**
 * Code runner for Node: every run is a fresh OS process under Node's permission model with heap, memory and
 * output limits, killed at the time limit (see sandbox-process.ts). The time limit starts once the process is up,
 * so process start-up does not count against the learner.
 */
export function createNodeRunner(options: NodeRunnerOptions = {}): NodeRunner {
  const heapMb = options.maxMemoryMb ?? DEFAULT_LIMITS.heapMb;
  const memoryMb = Math.max(options.memoryLimitMb ?? DEFAULT_LIMITS.memoryMb, heapMb + 128);
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_LIMITS.maxOutputBytes;
  const pool = createSandboxPool({
    size: options.poolSize ?? 1,
    heapMb,
    memoryMb,
    jobsPerProcess: options.jobsPerProcess,
  });
  return {
    async run(code: string, functionName: string, argsList: unknown[][], timeoutMs: number): Promise<RunResult> {
      const script = buildSandboxScript(code, functionName, argsList);
      const r = await pool.run({ kind: "code", script }, { timeoutMs, maxOutputBytes });
      if (!r.ok) return r.timedOut ? { error: r.error, timedOut: true } : { error: r.error };
      try {
        return parseSandboxOutput(r.output);
      } catch (err) {
        return { error: `could not read the result: ${(err as Error).message}` };
      }
    },
    close: () => pool.close(),
  };
}
