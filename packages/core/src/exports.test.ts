// The curated public API (index.ts) and the plumbing entry (internal.ts), through the package's export map as
// consumers import them.
import { readdirSync } from "node:fs";
import * as pub from "@qkv/core";
import * as internal from "@qkv/core/internal";
import { describe, expect, it } from "vitest";

const modules = readdirSync(new URL(".", import.meta.url))
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "index.ts" && f !== "internal.ts")
  .map((f) => f.replace(/\.ts$/, ""));

describe("exports", () => {
  it("lists every runtime export of every module in exactly one of @qkv/core and @qkv/core/internal", async () => {
    const seen = new Set<string>();
    for (const file of modules) {
      const url = new URL(`./${file}.ts`, import.meta.url).href; // a plain variable: resolved at run time
      const mod = (await import(url)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        const inPublic = name in pub;
        const inInternal = name in internal;
        expect(inPublic !== inInternal, `${file}: ${name} must be in exactly one entry point`).toBe(true);
        expect(inPublic ? (pub as Record<string, unknown>)[name] : (internal as Record<string, unknown>)[name]).toBe(value);
        seen.add(name);
      }
    }
    // Nothing is exported that no module defines.
    expect([...Object.keys(pub), ...Object.keys(internal)].filter((n) => !seen.has(n))).toEqual([]);
  });

  it("keeps the plumbing out of the public API", () => {
    for (const name of ["attentionKernel", "attendHeads", "broadcastShapes", "resultDtype", "addBiasInPlace", "checkWeightKeys"]) {
      expect(name in pub, name).toBe(false);
      expect(typeof (internal as Record<string, unknown>)[name], name).toBe("function");
    }
  });
});
