// The isolation boundary for learner code and content examples in Node: one short-lived OS process per job.
//
// Each process is `node -e <sandbox-child>` started with Node's permission model and no permissions at all (no
// file-system reads or writes, no child processes, no workers, no native addons), string code generation disabled
// in its main realm, no WebAssembly, an empty environment, a V8 heap cap and, through a `/bin/sh` wrapper, OS
// limits: RLIMIT_DATA (every private writable mapping: the V8 heap, typed arrays, WebAssembly memory), no core
// dumps, a zero file size and a CPU-time backstop. The host kills it with SIGKILL at the time limit and as soon as a result announces
// more than `maxOutputBytes`, before anything is parsed. Processes are started ahead (a small pool) and each runs
// one job (see PoolOptions.jobsPerProcess for the trusted exception).
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { existsSync } from "node:fs";
import { CHILD_SOURCE, READY_BYTE, type SandboxFrame, type SandboxJob } from "./sandbox-child.js";

export interface SandboxLimits {
  /** V8 old-space cap in MB (`--max-old-space-size`). */
  heapMb: number;
  /** OS limit on the process's data segment in MB (RLIMIT_DATA): heap, typed arrays and all other allocations. */
  memoryMb: number;
  /** Wall-clock limit for the job, from the moment the process is ready. */
  timeoutMs: number;
  /** Most bytes the process may write back; more and it is killed. */
  maxOutputBytes: number;
}

export const DEFAULT_LIMITS: Omit<SandboxLimits, "timeoutMs"> = { heapMb: 256, memoryMb: 512, maxOutputBytes: 1 << 20 };

/** What came back: the job's result text, or why there is none. */
export type SandboxOutcome = { ok: true; output: string } | { ok: false; error: string; timedOut?: boolean };

/** Most a process may take to start before the job fails (an overloaded machine, never the learner's time). */
const STARTUP_LIMIT_MS = 20_000;
/** CPU seconds after which the OS ends a sandbox process whatever the host does. */
const CPU_LIMIT_S = 120;
/** Bytes of the child's stderr kept to recognise a V8 out-of-memory death. */
const STDERR_KEEP = 4096;

type ProcessLimits = Pick<SandboxLimits, "heapMb" | "memoryMb">;

function nodeArgs(limits: ProcessLimits, program: string): string[] {
  return [
    "--experimental-permission",
    "--disallow-code-generation-from-strings",
    "--no-expose-wasm",
    `--max-old-space-size=${limits.heapMb}`,
    "--max-semi-space-size=16",
    "--no-warnings",
    "-e",
    program,
  ];
}

const UNSHARE = "/usr/bin/unshare";
let netnsWorks: boolean | undefined;
/**
 * Whether processes can be started in an empty network namespace (`unshare -rn`, an unprivileged user namespace):
 * Node 20's permission model has no network permission, so this is what cuts the network off where the kernel
 * allows it. Probed once.
 */
export function networkIsolationAvailable(): boolean {
  netnsWorks ??=
    process.platform === "linux" &&
    existsSync(UNSHARE) &&
    spawnSync(UNSHARE, ["-rn", "/bin/sh", "-c", "exit 0"], { env: {}, stdio: "ignore", timeout: 5000 }).status === 0;
  return netnsWorks;
}

/** Starts one sandbox process running `program` (not yet given a job). */
export function spawnSandboxProcess(program: string, limits: ProcessLimits): ChildProcess {
  const options: SpawnOptions = { env: {}, cwd: "/", stdio: "pipe", windowsHide: true };
  if (process.platform === "win32") return spawn(process.execPath, nodeArgs(limits, program), options);
  // `ulimit -d` takes KiB. `exec` replaces the shell, so the limits apply to node itself.
  // RLIMIT_CPU is the backstop for a process the host can no longer kill (the host itself was killed mid-run).
  const wrapper = `ulimit -c 0 && ulimit -f 0 && ulimit -t ${CPU_LIMIT_S} && ulimit -d "$1" && shift && exec "$@"`;
  const command = ["/bin/sh", "-c", wrapper, "qkv-sandbox", String(limits.memoryMb * 1024), process.execPath];
  if (networkIsolationAvailable()) command.unshift(UNSHARE, "-rn");
  return spawn(command[0], [...command.slice(1), ...nodeArgs(limits, program)], options);
}

/** A started sandbox process and what it has sent that no job has consumed yet. */
interface Proc {
  child: ChildProcess;
  /** Resolves when the process has signalled readiness, rejects if it dies first. */
  ready: Promise<void>;
  exited: boolean;
  stderr: string;
  /** Jobs this process may still run. */
  jobsLeft: number;
  /** Stdout bytes after the ready byte, not yet consumed as a result frame. */
  pending: Buffer;
  /** Called on every stdout chunk while a job runs. */
  onData?: () => void;
}

function setRef(child: ChildProcess, ref: boolean): void {
  for (const h of [child, child.stdin, child.stdout, child.stderr] as unknown as { ref?(): void; unref?(): void }[])
    if (ref) h?.ref?.();
    else h?.unref?.();
}

// Processes still running when the host exits (e.g. Ctrl-C during a run) are killed rather than left spinning.
const live = new Set<ChildProcess>();
let exitHook = false;
function track(child: ChildProcess): void {
  live.add(child);
  child.on("exit", () => live.delete(child));
  if (!exitHook) {
    exitHook = true;
    process.on("exit", () => {
      for (const c of live) c.kill("SIGKILL");
    });
  }
}

function startProc(limits: ProcessLimits, jobs: number): Proc {
  const child = spawnSandboxProcess(CHILD_SOURCE, limits);
  track(child);
  const p: Proc = {
    child,
    ready: Promise.resolve(),
    exited: false,
    stderr: "",
    jobsLeft: jobs,
    pending: Buffer.alloc(0),
  };
  child.on("exit", () => (p.exited = true));
  child.stdin!.on("error", () => {}); // EPIPE when the process died before reading: the job reports the exit
  p.ready = new Promise<void>((resolve, reject) => {
    let seenReady = false;
    child.stdout!.on("data", (chunk: Buffer) => {
      if (!seenReady) {
        seenReady = true;
        if (chunk[0] === READY_BYTE.charCodeAt(0)) chunk = chunk.subarray(1);
        resolve();
      }
      if (chunk.length === 0) return;
      // Output while no job runs breaks the protocol: such a process is not used again.
      if (!p.onData) return void child.kill("SIGKILL");
      p.pending = p.pending.length ? Buffer.concat([p.pending, chunk]) : chunk;
      p.onData();
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      if (p.stderr.length < STDERR_KEEP) p.stderr += chunk.toString("utf8").slice(0, STDERR_KEEP - p.stderr.length);
    });
    child.on("error", reject);
    child.on("exit", () => reject(new Error("the sandbox process exited before it was ready")));
  });
  p.ready.catch(() => {}); // observed by runJob; an idle process that dies is simply not used
  setRef(child, false); // idle processes must not keep the host alive
  return p;
}

/** Runs one job; resolves with the outcome and whether the process can take another job. */
function runJob(
  p: Proc,
  job: SandboxJob,
  limits: SandboxLimits,
): Promise<{ outcome: SandboxOutcome; reusable: boolean }> {
  const { child } = p;
  setRef(child, true);
  p.jobsLeft--;
  const last = p.jobsLeft <= 0;
  return new Promise((resolve) => {
    let settled = false;
    let verdict: SandboxOutcome | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (outcome: SandboxOutcome, reusable: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(startup);
      clearTimeout(timer);
      p.onData = undefined;
      child.off("close", onClose);
      setRef(child, false);
      resolve({ outcome, reusable });
    };
    const kill = (why: SandboxOutcome) => {
      verdict ??= why;
      child.kill("SIGKILL");
    };
    const startup = setTimeout(
      () => kill({ ok: false, error: `the sandbox did not start within ${STARTUP_LIMIT_MS / 1000} s` }),
      STARTUP_LIMIT_MS,
    );
    p.ready.then(
      () => {
        clearTimeout(startup);
        if (settled) return;
        timer = setTimeout(
          () => kill({ ok: false, error: `time limit of ${limits.timeoutMs} ms exceeded`, timedOut: true }),
          limits.timeoutMs,
        );
      },
      () => {},
    );
    // A result frame is "<byte length>\n<text>"; its length is checked before the text is awaited or decoded.
    const tooLarge = {
      ok: false as const,
      error: `the result is too large (more than ${limits.maxOutputBytes} bytes)`,
    };
    p.onData = () => {
      if (verdict) return;
      const newline = p.pending.indexOf(10);
      if (newline < 0) {
        if (p.pending.length > 20) kill({ ok: false, error: "the sandbox sent an unreadable result" });
        return;
      }
      const length = Number(p.pending.subarray(0, newline).toString("latin1"));
      if (!Number.isSafeInteger(length) || length < 0)
        return kill({ ok: false, error: "the sandbox sent an unreadable result" });
      if (length > limits.maxOutputBytes) return kill(tooLarge);
      if (p.pending.length < newline + 1 + length) return;
      const output = p.pending.subarray(newline + 1, newline + 1 + length).toString("utf8");
      p.pending = p.pending.subarray(newline + 1 + length);
      done({ ok: true, output }, !last && p.pending.length === 0);
    };
    const onClose = (code: number | null, signal: NodeJS.Signals | null) => {
      if (verdict) return done(verdict, false);
      if (/out of memory|allocation failed/i.test(p.stderr) || signal === "SIGABRT" || signal === "SIGSEGV")
        return done({ ok: false, error: `out of memory (limit ${limits.memoryMb} MB)` }, false);
      done({ ok: false, error: `the sandbox process failed (${signal ?? `exit code ${code}`})` }, false);
    };
    child.on("close", onClose);
    if (p.exited) return onClose(child.exitCode, child.signalCode);
    const frame: SandboxFrame = { ...job, last };
    const text = JSON.stringify(frame);
    child.stdin!.write(`${Buffer.byteLength(text, "utf8")}\n${text}`);
    if (last) child.stdin!.end();
  });
}

export interface SandboxPool {
  /** Runs one job in a sandbox process. */
  run(job: SandboxJob, limits: Pick<SandboxLimits, "timeoutMs" | "maxOutputBytes">): Promise<SandboxOutcome>;
  /** Ends the idle processes (they also exit by themselves when the host does). */
  close(): void;
}

export interface PoolOptions extends ProcessLimits {
  /** Processes kept started ahead of need (one-job processes) or kept for reuse. */
  size: number;
  /**
   * Jobs one process runs before it is replaced (default 1: nothing carries over between runs). More than 1 only
   * for code as trusted as the host (the repository's own solutions in `qkv check`); each job still gets a fresh
   * vm context, but what one job leaves running in the process can affect the next.
   */
  jobsPerProcess?: number;
}

/** A pool of sandbox processes; with one job per process, the next process is started while a job runs. */
export function createSandboxPool(options: PoolOptions): SandboxPool {
  const limits = { heapMb: options.heapMb, memoryMb: options.memoryMb };
  const jobs = Math.max(1, options.jobsPerProcess ?? 1);
  const idle: Proc[] = [];
  let closed = false;
  const end = (p: Proc) => p.child.kill("SIGKILL");
  return {
    async run(job, runLimits) {
      let p = idle.shift();
      while (p?.exited) p = idle.shift();
      p ??= startProc(limits, jobs);
      if (jobs === 1) while (!closed && idle.length < options.size) idle.push(startProc(limits, jobs));
      const { outcome, reusable } = await runJob(p, job, { ...runLimits, ...limits });
      if (reusable && !closed && idle.length < options.size) idle.push(p);
      else if (!p.exited) end(p);
      return outcome;
    },
    close() {
      closed = true;
      for (const p of idle.splice(0)) end(p);
    },
  };
}
