import { format } from "node:util";
import { transform } from "sucrase";

export interface ExampleResult {
  /** Everything the example printed with console.log, one call per line. */
  output: string;
  /** Set when the example failed to compile or threw. */
  error?: string;
}

let core: unknown;

/**
 * Runs a content example block: TypeScript compiled by sucrase to CommonJS, executed with a `require` that only
 * provides "@qkv/core" and a console whose output is captured. Examples are our own reviewed content (not learner
 * code), so they run in-process; imports of anything else fail with a clear message.
 */
export async function runExample(code: string): Promise<ExampleResult> {
  const lines: string[] = [];
  let js: string;
  try {
    js = transform(code, { transforms: ["typescript", "imports"], keepUnusedImports: true }).code;
  } catch (err) {
    return { output: "", error: `does not compile: ${(err as Error).message}` };
  }
  if (core === undefined) core = await import("@qkv/core");
  const sandboxRequire = (name: string): unknown => {
    if (name === "@qkv/core") return core;
    throw new Error(`examples may import only from "@qkv/core", not "${name}"`);
  };
  const capture = (...args: unknown[]) => {
    lines.push(format(...args));
  };
  const fakeConsole = { log: capture, info: capture, warn: capture, error: capture };
  const module = { exports: {} as Record<string, unknown> };
  try {
    const fn = new Function("require", "console", "exports", "module", js) as (
      r: typeof sandboxRequire,
      c: typeof fakeConsole,
      e: Record<string, unknown>,
      m: typeof module,
    ) => void;
    fn(sandboxRequire, fakeConsole, module.exports, module);
  } catch (err) {
    return { output: lines.join("\n"), error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  return { output: lines.join("\n") };
}
