import { compileExample } from "../compile-example.js";
import { printableExcerpt } from "../printable.js";
import { coreBundle } from "./core-bundle.js";
import { createSandboxPool, DEFAULT_LIMITS, type SandboxPool } from "./sandbox-process.js";

export interface ExampleResult {
  /** Everything the example printed with console.log, one call per line. */
  output: string;
  /** Set when the example failed to compile, threw, or hit a limit. */
  error?: string;
}

export interface RunExampleOptions {
  /** Wall-clock limit (default 20 s: examples do real computations, and the checker runs several at once). */
  timeoutMs?: number;
}

let pool: SandboxPool | undefined;

/**
 * Runs a content example block: TypeScript compiled to CommonJS (compileExample), executed in a sandbox process (the
 * same boundary as learner code, see sandbox-process.ts) with a `require` that only provides "@qkv/core" and a
 * console whose output is captured. Examples may come from imported files, so they never run in the host.
 */
export async function runExample(code: string, options: RunExampleOptions = {}): Promise<ExampleResult> {
  const compiled = compileExample(code);
  if ("error" in compiled)
    return { output: "", error: `does not compile: ${compiled.error}${compiled.line ? ` (${compiled.line}:${compiled.column})` : ""}` };
  const js = compiled.js;
  pool ??= createSandboxPool({ size: 1, ...DEFAULT_LIMITS });
  const r = await pool.run(
    { kind: "example", core: await coreBundle(), code: js },
    { timeoutMs: options.timeoutMs ?? 20_000, maxOutputBytes: DEFAULT_LIMITS.maxOutputBytes },
  );
  if (!r.ok) return { output: "", error: r.error };
  try {
    const parsed = JSON.parse(r.output) as { output?: unknown; error?: unknown };
    // The error is printed as is by `qkv check`: escape what could drive the terminal.
    if (typeof parsed.output !== "string")
      return { output: "", error: printableExcerpt(String(parsed.error ?? "no output"), 1000) };
    return typeof parsed.error === "string"
      ? { output: parsed.output, error: printableExcerpt(parsed.error, 1000) }
      : { output: parsed.output };
  } catch {
    return { output: "", error: "the sandbox returned an unreadable result" };
  }
}
