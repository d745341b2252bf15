// Benchmark of `importMarkdown` on large documents: 1, 2.5 and 5 MB of the same shapes, so the time per MB shows
// whether the importer stays linear. Run with `pnpm bench` (or `npx tsx bench/import.ts`); timings are printed,
// never asserted.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { importMarkdown } from "../src/importer.js";

const FIXTURES = fileURLToPath(new URL("../src/import-fixtures", import.meta.url));

/** `## Qn:` questions with a paragraph, a list, display math and a code block each; all distinct. */
function headingDoc(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    const q = [
      `## Q${i}: What does layer ${i} of the network compute?`,
      "",
      "### Answer",
      "",
      `Layer ${i} applies $W_${i} x + b_${i}$ followed by a non-linearity, then:`,
      "",
      "1. **Normalise**: subtract the mean.",
      "2. **Scale**: divide by the standard deviation.",
      "",
      "$$",
      `y_${i} = \\frac{x - \\mu}{\\sigma}`,
      "$$",
      "",
      "```python",
      `y = (x - x.mean()) / x.std()  # layer ${i}`,
      "```",
      "",
    ].join("\n");
    parts.push(q);
    size += q.length;
  }
  return parts.join("\n");
}

/** Every fixture shape, repeated (most questions then merge as duplicates: the merge is part of the cost). */
function mixedDoc(bytes: number): string {
  const fixtures = readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".md") && f !== "front-matter.md")
    .map((f) => readFileSync(`${FIXTURES}/${f}`, "utf8"));
  const one = fixtures.join("\n\n");
  return Array.from({ length: Math.ceil(bytes / one.length) }, () => one).join("\n\n");
}

function time(label: string, doc: string): void {
  importMarkdown(doc.slice(0, 100_000)); // warm up the JIT
  const start = performance.now();
  const r = importMarkdown(doc);
  const ms = performance.now() - start;
  const mb = doc.length / 1e6;
  console.log(
    `${label.padEnd(40)} ${mb.toFixed(1).padStart(4)} MB ${ms.toFixed(0).padStart(6)} ms  ${(ms / mb).toFixed(0).padStart(5)} ms/MB  ${r.questions.length} questions, ${r.skipped.length} skipped`,
  );
}

for (const mb of [1, 2.5, 5]) time("importMarkdown(## Qn documents)", headingDoc(mb * 1e6));
for (const mb of [1, 2.5, 5]) time("importMarkdown(all fixture shapes)", mixedDoc(mb * 1e6));
