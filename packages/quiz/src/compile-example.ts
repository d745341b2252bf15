import { transform } from "sucrase";

/** An example's TypeScript as CommonJS, or why it does not compile (with the 1-based line and column). */
export type CompiledExample = { js: string } | { error: string; line?: number; column?: number };

/**
 * Compiles an example (content `ts example` block or live code) for a sandbox: types stripped and `import … from
 * "@qkv/core"` turned into `require("@qkv/core")`. Sucrase keeps every line where it was, so a line number in the
 * compiled code is the same line of the example.
 */
export function compileExample(code: string): CompiledExample {
  try {
    return { js: transform(code, { transforms: ["typescript", "imports"], keepUnusedImports: true }).code };
  } catch (err) {
    const loc = (err as { loc?: { line?: unknown; column?: unknown } }).loc;
    const message = (err as Error).message.replace(/ \(\d+:\d+\)$/, "");
    return typeof loc?.line === "number" && typeof loc.column === "number"
      ? { error: message, line: loc.line, column: loc.column }
      : { error: message };
  }
}
