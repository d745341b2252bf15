import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

describe("kernels-wasm.ts", () => {
  it("is what wasm/kernels.ts compiles to (the committed binaries are up to date with their source)", () => {
    const build = fileURLToPath(new URL("../../wasm/build.mjs", import.meta.url));
    const run = () => execFileSync(process.execPath, [build, "--check"], { encoding: "utf8", stdio: "pipe" });
    expect(run).not.toThrow();
  });
});
