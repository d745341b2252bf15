// The isolation boundary for learner code and content examples in Node: one short-lived OS process per job.
//
// Each process is `node -e <sandbox-child>` started with Node's permission model and no permissions at all (no
// file-system reads or writes, no child processes, no workers, no native addons), string code generation disabled
// in its main realm, no WebAssembly, an empty environment, a V8 heap cap and, through a `/bin/sh` wrapper, OS
// limits: RLIMIT_DATA (every private writable mapping: the V8 heap, typed arrays, WebAssembly memory), no core
// dumps and a zero file size. The host kills it with SIGKILL at the time limit and as soon as it sends more than
// `maxOutputBytes`, before anything is parsed. Processes are started ahead (a small pool) and each runs one job.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { existsSync } from "node:fs";
import { CHILD_SOURCE, READY_BYTE, type SandboxJob } from "./sandbox-child.js";

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
export type SandboxOutcome =
  | { ok: true; output: string }
  | { ok: false; error: string; timedOut?: boolean; memory?: boolean };

/** Most a process may take to start before the job fails (an overloaded machine, never the learner's time). */
const STARTUP_LIMIT_MS = 20_000;
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
  const wrapper = 'ulimit -c 0 && ulimit -f 0 && ulimit -d "$1" && shift && exec "$@"';
  const command = ["/bin/sh", "-c", wrapper, "qkv-sandbox", String(limits.memoryMb * 1024), process.execPath];
  if (networkIsolationAvailable()) command.unshift(UNSHARE, "-rn");
  return spawn(command[0], [...command.slice(1), ...nodeArgs(limits, program)], options);
}

/** A process waiting for its job; `ready` resolves when it has signalled readiness (or rejects if it died). */
interface Warm {
  child: ChildProcess;
  ready: Promise<void>;
  /** Bytes received after the ready byte. */
  out: Buffer[];
  stderr: string;
  /** Set once the process has exited (an idle process that died is skipped). */
  exited: boolean;
}

function warm(limits: ProcessLimits): Warm {
  const child = spawnSandboxProcess(CHILD_SOURCE, limits);
  const w: Warm = { child, ready: Promise.resolve(), out: [], stderr: "", exited: false };
  child.on("exit", () => (w.exited = true));
  w.ready = new Promise<void>((resolve, reject) => {
    let seenReady = false;
    child.stdout!.on("data", (chunk: Buffer) => {
      if (!seenReady) {
        seenReady = true;
        if (chunk[0] === READY_BYTE.charCodeAt(0)) chunk = chunk.subarray(1);
        resolve();
      }
      if (chunk.length) w.out.push(chunk);
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      if (w.stderr.length < STDERR_KEEP) w.stderr += chunk.toString("utf8").slice(0, STDERR_KEEP - w.stderr.length);
    });
    child.on("error", reject);
    child.on("exit", () => reject(new Error(`the sandbox process exited before it was ready: ${w.stderr.trim()}`)));
  });
  w.ready.catch(() => {}); // observed by runJob; an idle process that dies is simply not used
  // Idle processes must not keep the host alive; runJob refs the one it uses.
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref?: () => void }).unref?.();
  return w;
}

function runJob(w: Warm, job: SandboxJob, limits: SandboxLimits): Promise<SandboxOutcome> {
  const { child } = w;
  child.ref();
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { ref?: () => void }).ref?.();
  return new Promise<SandboxOutcome>((resolve) => {
    let settled = false;
    let received = w.out.reduce((n, b) => n + b.length, 0);
    let verdict: SandboxOutcome | undefined;
    const kill = (why: SandboxOutcome) => {
      verdict ??= why;
      child.kill("SIGKILL");
    };
    const startup = setTimeout(
      () => kill({ ok: false, error: `the sandbox did not start within ${STARTUP_LIMIT_MS / 1000} s` }),
      STARTUP_LIMIT_MS,
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    w.ready.then(
      () => {
        clearTimeout(startup);
        timer = setTimeout(
          () => kill({ ok: false, error: `time limit of ${limits.timeoutMs} ms exceeded`, timedOut: true }),
          limits.timeoutMs,
        );
      },
      () => {},
    );
    child.stdout!.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxOutputBytes)
        kill({ ok: false, error: `the result is too large (more than ${limits.maxOutputBytes} bytes)` });
    });
    // EPIPE when the process died before reading its job: the exit handler reports it.
    child.stdin!.on("error", () => {});
    child.on("close", (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(startup);
      clearTimeout(timer);
      if (verdict) return resolve(verdict);
      if (code === 0) return resolve({ ok: true, output: Buffer.concat(w.out).toString("utf8") });
      if (/out of memory|allocation failed/i.test(w.stderr) || signal === "SIGABRT" || signal === "SIGSEGV")
        return resolve({ ok: false, error: `out of memory (limit ${limits.memoryMb} MB)`, memory: true });
      resolve({ ok: false, error: `the sandbox process failed (${signal ?? `exit code ${code}`})` });
    });
    if (received > limits.maxOutputBytes) kill({ ok: false, error: "the result is too large" });
    child.stdin!.end(JSON.stringify(job));
  });
}

export interface SandboxPool {
  /** Runs one job in a fresh sandbox process. */
  run(job: SandboxJob, limits: Pick<SandboxLimits, "timeoutMs" | "maxOutputBytes">): Promise<SandboxOutcome>;
  /** Kills the idle processes (they also exit by themselves when the host does). */
  close(): void;
}

/**
 * A pool of `size` sandbox processes started ahead of need (each runs exactly one job, so nothing carries over
 * between runs); the first is started on the first job. The heap and memory limits are fixed per pool.
 */
export function createSandboxPool(size: number, limits: ProcessLimits): SandboxPool {
  const idle: Warm[] = [];
  let closed = false;
  const refill = () => {
    while (!closed && idle.length < size) idle.push(warm(limits));
  };
  return {
    run(job, runLimits) {
      let w = idle.shift();
      while (w?.exited) w = idle.shift();
      w ??= warm(limits);
      refill();
      return runJob(w, job, { ...runLimits, heapMb: limits.heapMb, memoryMb: limits.memoryMb });
    },
    close() {
      closed = true;
      for (const w of idle.splice(0)) w.child.kill("SIGKILL");
    },
  };
}
