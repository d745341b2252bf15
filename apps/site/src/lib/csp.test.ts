import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CSP_DIRECTIVES, inlineScriptHashes, pagePolicy, withPolicy } from "./csp";

const sha = (s: string) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;

describe("content-security-policy meta tag", () => {
  const page = `<!DOCTYPE html><html><head><meta charset="utf-8"/><script>a()</script><script type="module">b()</script>
<script type="module" src="/x.js"></script><script type="application/json">{"not":"run"}</script>
</head><body><script>a()</script></body></html>`;

  it("hashes each distinct inline script a browser would run, nothing else", () => {
    expect(inlineScriptHashes(page)).toEqual([sha("a()"), sha("b()")].sort());
  });

  it("goes right after the charset, before any script, with the page's hashes in script-src", () => {
    const out = withPolicy(page);
    const meta = out.indexOf('<meta http-equiv="content-security-policy"');
    expect(meta).toBe(out.indexOf("<meta charset") + '<meta charset="utf-8"/>'.length);
    expect(meta).toBeLessThan(out.indexOf("<script"));
    const policy = pagePolicy(page);
    expect(out).toContain(`content="${policy}"`);
    expect(policy).toContain(`script-src 'self' 'wasm-unsafe-eval' blob: ${inlineScriptHashes(page).join(" ")};`);
    expect(policy.split("; ")).toHaveLength(CSP_DIRECTIVES.length);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(() => withPolicy(out)).toThrow(/already has a CSP/);
  });
});
