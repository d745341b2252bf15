import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { conformanceEvidence } from "./evidence.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

describe("conformanceEvidence", () => {
  const evidence = conformanceEvidence(FIXTURES);
  it("summarises every fixture file: its cases and backward blocks as the JSON has them, all passing within 1e-9", () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));
    expect(evidence).toHaveLength(files.length);
    for (const f of files) {
      const raw = JSON.parse(readFileSync(`${FIXTURES}${f}`, "utf8")) as { component: string; cases: { backward?: unknown }[] };
      const e = evidence.find((x) => x.component === raw.component)!;
      expect(e.cases, f).toBe(raw.cases.length);
      expect(e.backwardCases, f).toBe(raw.cases.filter((c) => c.backward !== undefined).length);
      expect(e.passed, f).toBe(e.cases);
      expect(e.maxAbsErr, f).toBeLessThanOrEqual(1e-9);
    }
    expect(evidence.reduce((n, e) => n + e.backwardCases, 0)).toBeGreaterThan(0);
  });
});
