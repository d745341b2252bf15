// @qkv/core as one classic script for the sandbox process, which can read no files: content examples import core,
// so it is evaluated inside their vm context. Built once per host process from core's TypeScript sources.
import { createRequire } from "node:module";
import { build } from "esbuild";

let bundled: Promise<string> | undefined;

/** Script text that defines `var __qkvCore` (every export of @qkv/core). */
export function coreBundle(): Promise<string> {
  bundled ??= (async () => {
    const entry = createRequire(import.meta.url).resolve("@qkv/core");
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      format: "iife",
      globalName: "__qkvCore",
      platform: "neutral",
      target: "es2022",
      write: false,
      logLevel: "silent",
    });
    return result.outputFiles[0].text;
  })();
  return bundled;
}
