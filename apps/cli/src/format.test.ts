import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Stats } from "@qkv/quiz";
import { afterAll, describe, expect, it } from "vitest";
import { formatList } from "./commands/list.js";
import { formatStats } from "./commands/stats.js";
import { loadEngine } from "./engine.js";
import { formatImportReport, writeImported } from "./import-files.js";
import { FIXTURES } from "./testing/io.js";

const engine = await loadEngine();
const work = mkdtempSync(join(tmpdir(), "qkv-format-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("formatList", () => {
  it("groups by topic with counts and lists exercise kinds", async () => {
    const { questions } = await engine.loadContentDir(FIXTURES);
    const lines = formatList(questions);
    expect(lines).toContain("attention (2)");
    expect(lines).toContain("decoding (1)");
    expect(lines.find((l) => l.includes("fx-greedy"))).toMatch(/fx-greedy\s+basic\s+multiple-choice,code\s+Greedy decoding/);
    expect(formatList([])).toEqual(["no questions match"]);
  });
});

describe("formatStats", () => {
  it("draws one mastery bar per topic and the due counts and streak", () => {
    const stats: Stats = {
      topics: [
        { topic: "attention", questions: 4, cards: 8, reviewed: 6, mastery: 0.5, dueToday: 2, dueThisWeek: 3, new: 2 },
        { topic: "decoding", questions: 1, cards: 2, reviewed: 0, mastery: 0, dueToday: 0, dueThisWeek: 0, new: 2 },
      ],
      streakDays: 3,
      reviewsToday: 5,
      dueToday: 2,
      dueThisWeek: 3,
    };
    const lines = formatStats(stats, 80);
    const attention = lines.find((l) => l.startsWith("attention"))!;
    const bar = attention.match(/[█▏▎▍▌▋▊▉░]+/)![0];
    expect([...bar].filter((c) => c === "█")).toHaveLength([...bar].length / 2);
    expect(attention).toContain(" 50%  6/8 seen  2 due");
    expect(lines).toContain("Due today: 2   this week: 3   reviews today: 5");
    expect(lines).toContain("Streak: 3 days");
    expect(formatStats({ ...stats, streakDays: 1 }).at(-1)).toBe("Streak: 1 day");
  });
});

describe("writeImported", () => {
  it("writes files under <out>/<topic>/, keeps existing ones and reports importer skips by line", async () => {
    const result = engine.importMarkdown("**Q1. What is attention?**\n\nA weighted average of values.\n", { source: "notes" });
    expect(result.questions).toHaveLength(1);
    const withSkip = { ...result, skipped: [{ line: 9, reason: "no answer", excerpt: "Q7" }] };
    const report = await writeImported(engine, withSkip, work, { topic: "attention" });
    expect(report.written).toHaveLength(1);
    expect(report.written[0]).toMatch(new RegExp(`^${work}/attention/[a-z0-9-]+\\.md$`));
    const text = readFileSync(report.written[0], "utf8");
    expect(text).toContain("topic: attention");
    expect(text).toMatch(/^sources: \[\s*notes-q1\s*\]$/m);
    const again = await writeImported(engine, result, work, { topic: "attention" });
    expect(again.written).toEqual([]);
    expect(again.skipped[0].reason).toMatch(/already exists \(not overwritten\)/);
    const lines = formatImportReport(report, "notes.md");
    expect(lines[0]).toBe("Wrote 1 file(s):");
    expect(lines).toContain("  notes.md:9: no answer — Q7");
  });
});

describe("writeImported ids (issue 15)", () => {
  it("ids are unique across topics and within one import; non-Latin titles get readable or numbered ids", async () => {
    const doc = [
      "## Q1: What is attention in a Transformer encoder layer compared with a decoder, briefly?", "Short answer.",
      "## Q2: What is attention in a Transformer encoder layer compared with a decoder, in detail?", "Long answer.",
      "## Q3: Что такое внимание?", "Взвешенное среднее.",
      "## Q4: 什么是注意力机制？", "一种加权平均。",
    ].join("\n\n");
    const result = engine.importMarkdown(doc, { source: "zh" });
    const dir = mkdtempSync(join(tmpdir(), "qkv-ids-"));
    const first = await writeImported(engine, result, dir, { topic: "decoding" });
    const ids = first.written.map((f) => f.split("/").pop()!.replace(/\.md$/, ""));
    const long = "what-is-attention-in-a-transformer-encoder-layer-compared"; // both titles, cut at 60 characters
    expect(ids).toEqual([long, `${long}-2`, "chto-takoe-vnimanie", "question-4"]);
    // The same document imported into another topic gets fresh ids instead of duplicating these.
    const second = await writeImported(engine, result, dir, { topic: "training" });
    expect(second.written.map((f) => f.split("/").pop())).toEqual([
      `${long}-3.md`, `${long}-4.md`, "chto-takoe-vnimanie-2.md", "question-4-2.md",
    ]);
  });
});
