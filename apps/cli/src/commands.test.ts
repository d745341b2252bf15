import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { instantiate, parseProgress, type NumericExercise } from "@qkv/quiz";
import { loadContentDir } from "@qkv/quiz/node";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import first from "./testing/fixtures/content/attention/fx-softmax-first.exercises.js";
import { choiceOrder, seedFor } from "./session.js";
import { FIXTURES, runCli } from "./testing/io.js";

const work = mkdtempSync(join(tmpdir(), "qkv-cmd-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => {
  const d = join(work, `${name}-${n++}`);
  mkdirSync(d, { recursive: true });
  return d;
};
const withContent = (dataDir: string) => ["--content", FIXTURES, "--data", dataDir];
const reviewsIn = (dataDir: string) => {
  const r = parseProgress(readFileSync(join(dataDir, "progress.json"), "utf8"));
  if ("error" in r) throw new Error(r.error);
  return r.progress.reviews;
};

describe("qkv list / show", () => {
  it("lists every question, grouped by topic, filtered by --topic", async () => {
    const all = await runCli(["list", ...withContent(fresh("d"))]);
    expect(all.code).toBe(0);
    for (const id of ["fx-softmax-first", "fx-softmax-vector", "fx-greedy"]) expect(all.stdout).toContain(id);
    const decoding = await runCli(["list", "--topic", "decoding", ...withContent(fresh("d"))]);
    expect(decoding.stdout).toContain("fx-greedy");
    expect(decoding.stdout).not.toContain("fx-softmax-first");
  });

  it("an unknown topic exits 2 and lists the valid ones", async () => {
    const r = await runCli(["list", "--topic", "atention", ...withContent(fresh("d"))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown topic "atention"; topics: .*attention.*decoding/);
  });

  it("show prints question, answer (formulas as text) and exercises; unknown ids are explained", async () => {
    const r = await runCli(["show", "fx-softmax-first", ...withContent(fresh("d"))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("What probability does softmax give the first of two logits?");
    expect(r.stdout).toContain("p_1 = eᵃ / (eᵃ + eᵇ)");
    expect(r.stdout).toContain("fx-softmax-first/p1  numeric");
    const missing = await runCli(["show", "softmax", ...withContent(fresh("d"))]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no question "softmax"; did you mean: fx-softmax-first, fx-softmax-vector');
  });
});

describe("qkv quiz without a terminal", () => {
  it("explains how to run it and exits 2 instead of waiting for input", async () => {
    const r = await runCli(["quiz", ...withContent(fresh("d"))], { input: "" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("needs a terminal");
    expect(r.stderr).toContain("qkv quiz --json");
  });
});

describe("qkv quiz --json", () => {
  it("--print lists the questions and records nothing", async () => {
    const data = fresh("d");
    const r = await runCli(["quiz", "--json", "--print", "--seed", "3", ...withContent(data)]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(["question", "question", "question"]);
    expect(lines.find((l) => l.kind === "multiple-choice").choices).toHaveLength(3);
    expect(existsSync(join(data, "progress.json"))).toBe(false);
  });

  it("grades answer lines, re-asks unreadable ones, gives hints and saves every review", async () => {
    const data = fresh("d");
    const seed = 11;
    const want = instantiate(first[0] as NumericExercise, seedFor(seed, "fx-softmax-first/p1")).expected as number;
    // Answer whatever comes, by kind: the scalar right (after a bad line and a hint), the vector wrong, the choice 1.
    const input = [
      "not json",
      '{"answer":"1/+"}',
      '{"hint":true}',
      JSON.stringify({ answer: String(want) }),
      '{"answer":[0.5,0.25,0.25]}',
      // The authored first choice ("A random token", wrong), numbered as displayed.
      JSON.stringify({ choice: choiceOrder(3, seedFor(seed, "fx-greedy/pick")).indexOf(0) + 1 }),
    ];
    const print = await runCli(["quiz", "--json", "--print", "--seed", String(seed), ...withContent(fresh("d"))]);
    const order = print.stdout.trim().split("\n").map((l) => JSON.parse(l).id as string);
    const answers: Record<string, string[]> = {
      "fx-softmax-first/p1": input.slice(0, 4),
      "fx-softmax-vector/vec": [input[4]],
      "fx-greedy/pick": [input[5]],
    };
    const r = await runCli(["quiz", "--json", "--seed", String(seed), ...withContent(data)], {
      input: order.flatMap((id) => answers[id]).join("\n") + "\n",
    });
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(out.filter((o) => o.type === "error").map((o) => o.reason)).toEqual([
      expect.stringContaining("not a JSON line"),
      expect.stringContaining("could not read the answer"),
    ]);
    expect(out.find((o) => o.type === "hint").text).toBe("Exponentiate both logits and normalise.");
    expect(out.find((o) => o.type === "hint").ratingIfRight).toBe("hard");
    const results = Object.fromEntries(out.filter((o) => o.type === "result").map((o) => [o.id, o]));
    expect(results["fx-softmax-first/p1"]).toMatchObject({ correct: true, rating: "hard", expectedValue: want });
    expect(results["fx-softmax-vector/vec"]).toMatchObject({ correct: false, rating: "again", tolerance: "±0.001 absolute" });
    expect(results["fx-greedy/pick"]).toMatchObject({ correct: false, rating: "again", given: "A random token" });
    expect(out.at(-1)).toEqual({ type: "summary", answered: 3, correct: 1, skipped: 0 });
    expect(reviewsIn(data).map((x) => [x.card, x.rating]).sort()).toEqual([
      ["fx-greedy/pick", "again"],
      ["fx-softmax-first/p1", "hard"],
      ["fx-softmax-vector/vec", "again"],
    ]);
  });

  it("stops with a summary when stdin closes early", async () => {
    const r = await runCli(["quiz", "--json", ...withContent(fresh("d"))], { input: "" });
    const out = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(out.at(-1)).toMatchObject({ type: "summary", answered: 0, stopped: "stdin closed" });
  });

  it("--due with nothing reviewed asks nothing", async () => {
    const r = await runCli(["quiz", "--json", "--due", ...withContent(fresh("d"))], { input: "" });
    expect(r.stdout.trim().split("\n").map((l) => JSON.parse(l))).toEqual([{ type: "summary", answered: 0, correct: 0, skipped: 0 }]);
  });

  it("moves a corrupt progress file aside with a message and carries on", async () => {
    const data = fresh("d");
    writeFileSync(join(data, "progress.json"), '{"version":1,"reviews":[{"card":"x"');
    const r = await runCli(["quiz", "--json", "--count", "1", ...withContent(data)], { input: '{"skip":true}\n' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: progress file .* could not be read .* moved it to .*progress\.json\.corrupt-/);
    expect(readdirSync(data).filter((f) => f.includes(".corrupt-"))).toHaveLength(1);
  });
});

describe("qkv stats", () => {
  it("shows mastery bars per topic and due counts after some reviews", async () => {
    const data = fresh("d");
    await runCli(["quiz", "--json", "--topic", "decoding", ...withContent(data)], { input: '{"choice":2}\n' });
    const r = await runCli(["stats", ...withContent(data)]);
    expect(r.code).toBe(0);
    // decoding has two cards (a choice and a code exercise); one reviewed right now has recall ≈ 1, so mastery ≈ 50%.
    expect(r.stdout).toMatch(/^decoding\s+█+░+\s+50%\s+1\/2 seen/m);
    expect(r.stdout).toMatch(/^attention\s+░+\s+0%\s+0\/3 seen/m);
    expect(r.stdout).toContain("Streak: 1 day");
    const json = JSON.parse((await runCli(["stats", "--json", ...withContent(data)])).stdout);
    expect(json.reviews).toBe(1);
    expect(json.topics.find((t: { topic: string }) => t.topic === "decoding").reviewed).toBe(1);
  });
});

describe("qkv check", () => {
  it("exits 0 on valid content and 1 with file:line: message lines on broken content", async () => {
    const ok = await runCli(["check", FIXTURES]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe("");
    // Inside the package, so the exercise modules still resolve @qkv/core and @qkv/quiz.
    const broken = mkdtempSync(join(fileURLToPath(new URL("..", import.meta.url)), ".test-work-"));
    cpSync(FIXTURES, broken, { recursive: true });
    onTestFinished(() => rmSync(broken, { recursive: true, force: true }));
    const md = join(broken, "decoding", "fx-greedy.md");
    writeFileSync(md, readFileSync(md, "utf8").replace("difficulty: basic", "difficulty: easy"));
    const bad = await runCli(["check", broken]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^\S*decoding\/fx-greedy\.md:5: difficulty "easy" must be one of/m);
    const json = JSON.parse((await runCli(["check", "--json", broken])).stdout);
    expect(json.ok).toBe(false);
    expect(json.problems[0]).toMatchObject({ file: expect.stringMatching(/decoding\/fx-greedy\.md$/), line: 5 });
  }, 120_000);

  it("shows a redrawn progress line on stderr only when stderr is a terminal and not with --json", async () => {
    const piped = await runCli(["check", FIXTURES]);
    expect(piped.stderr).not.toMatch(/checking|\r/);
    const json = await runCli(["check", "--json", FIXTURES], { stderrTty: true });
    expect(json.stderr).not.toMatch(/checking|\r/);
    expect(JSON.parse(json.stdout).ok).toBe(true);
    const tty = await runCli(["check", FIXTURES], { stderrTty: true });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toBe("");
    const total = (await loadContentDir(FIXTURES)).questions.length;
    const steps = [...tty.stderr.matchAll(/\r\x1b\[Kchecking (\d+)\/(\d+) \S+/g)];
    expect(steps.map((m) => [Number(m[1]), Number(m[2])])).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
    // Cleared before the summary, so the summary starts on a clean line.
    expect(tty.stderr).toMatch(/\r\x1b\[Kqkv check: .*no problems/);
  }, 120_000);

  it("checks seed coverage of the content folder when the seeds folder exists, and says when it skips it", async () => {
    const seeds = fresh("seeds");
    writeFileSync(join(seeds, "000_abc.txt"), "## Q1: What is a token?\n### Answer\nA piece.\n");
    const covered = await runCli(["check", "--content", FIXTURES], { env: { QKV_SEEDS_DIR: seeds } });
    expect(covered.code).toBe(1);
    expect(covered.stdout).toMatch(/coverage\/000_abc\.yaml:1: coverage: missing file for seed 000_abc\.txt/);
    expect(covered.stderr).toContain(`(seed coverage against ${seeds})`);
    const missing = join(work, "no-seeds-here");
    const skipped = await runCli(["check", "--content", FIXTURES], { env: { QKV_SEEDS_DIR: missing } });
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain(`seed coverage not checked (no seeds folder at ${missing})`);
    const other = await runCli(["check", FIXTURES], { env: { QKV_SEEDS_DIR: seeds } });
    expect(other.code).toBe(0);
    expect(other.stderr).toMatch(/seed coverage not checked \(only for the content folder/);
  }, 120_000);
});

describe("qkv import", () => {
  const doc = "# Interview notes\n\n**Q1. What is a token?**\n\nA unit of text the model reads.\n\n**Q2. Why use subwords?**\n\nThey balance vocabulary size and sequence length.\n";
  it("writes one content file per question and never overwrites one", async () => {
    const dir = fresh("import");
    writeFileSync(join(dir, "notes.md"), doc);
    const out = join(dir, "out");
    const r = await runCli(["import", "notes.md", "--topic", "tokens", "--out", out], { cwd: dir });
    expect(r.code).toBe(0);
    const written = readdirSync(join(out, "tokens")).sort();
    expect(written.length).toBeGreaterThan(0);
    expect(r.stdout).toContain(`Wrote ${written.length} file(s):`);
    const file = join(out, "tokens", written[0]);
    writeFileSync(file, "edited by hand");
    const again = await runCli(["import", "notes.md", "--topic", "tokens", "--out", out], { cwd: dir });
    expect(again.stdout).toContain("Wrote 0 file(s):");
    expect(again.stdout).toMatch(/already exists \(not overwritten\)/);
    expect(readFileSync(file, "utf8")).toBe("edited by hand");
  });

  it("reads Windows-1252 and BOM-less UTF-16 files, says which, and writes content files that parse", async () => {
    const dir = fresh("import");
    // Windows-1252 bytes: é is 0xE9, the apostrophe ’ is 0x92 (not valid UTF-8).
    const cp1252 = Buffer.concat([Buffer.from("## 1. Qu", "latin1"), Buffer.from([0x92]), Buffer.from("est-ce qu'un réseau ?\n\nUne fonction apprise.\n", "latin1")]);
    writeFileSync(join(dir, "fr.md"), cp1252);
    writeFileSync(join(dir, "zh.md"), Buffer.from("## 问题1：什么是注意力？\n\n答：加权平均。\n\n## 问题2：什么是词元？\n\n答：词表中的单位。\n", "utf16le"));
    const out = join(dir, "out");
    const fr = await runCli(["import", "fr.md", "--topic", "tokens", "--out", out], { cwd: dir });
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain("Read fr.md as WINDOWS-1252.");
    const zh = await runCli(["import", "zh.md", "--topic", "attention", "--out", out], { cwd: dir });
    expect(zh.stdout).toContain("Read zh.md as UTF-16LE.");
    expect(readdirSync(join(out, "tokens"))).toEqual(["qu-est-ce-qu-un-reseau.md"]);
    // Titles with no Latin letters are named by their number.
    expect(readdirSync(join(out, "attention")).sort()).toEqual(["question-1.md", "question-2.md"]);
    expect(readFileSync(join(out, "tokens", "qu-est-ce-qu-un-reseau.md"), "utf8")).toContain("title: Qu’est-ce qu'un réseau?");
    const { parseQuestionFile } = await import("@qkv/quiz");
    for (const [topic, f] of [["tokens", "qu-est-ce-qu-un-reseau.md"], ["attention", "question-1.md"], ["attention", "question-2.md"]]) {
      const parsed = parseQuestionFile(`content/${topic}/${f}`, readFileSync(join(out, topic, f), "utf8"));
      expect(parsed.problems, f).toEqual([]);
    }
    expect(readFileSync(join(out, "attention", "question-2.md"), "utf8")).toContain("## Answer\n\n词表中的单位。\n");
  });

  it("requires a valid --topic and a readable file", async () => {
    const dir = fresh("import");
    writeFileSync(join(dir, "notes.md"), doc);
    const noTopic = await runCli(["import", "notes.md"], { cwd: dir });
    expect(noTopic.code).toBe(2);
    expect(noTopic.stderr).toMatch(/--topic is required; one of: tokens, embeddings/);
    const badTopic = await runCli(["import", "notes.md", "--topic", "tokenz"], { cwd: dir });
    expect(badTopic.code).toBe(2);
    const missing = await runCli(["import", "nope.md", "--topic", "tokens"], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.md/);
  });
});

describe("qkv practice without a terminal", () => {
  it("writes the starter, runs the hidden tests once, and passes after the file is solved", async () => {
    const dir = fresh("practice");
    const data = fresh("d");
    const args = ["practice", "fx-softmax-vector/impl", "--dir", "p", ...withContent(data)];
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(1);
    const file = join(dir, "p", "fx-softmax-vector.impl.ts");
    expect(r.stdout).toContain(`wrote ${file}`);
    expect(r.stdout).toMatch(/Test 1: your function threw Error: TODO\n  row: vector of \d \[/);
    expect(readFileSync(file, "utf8")).toContain("export function softmax(row: number[]): number[]");
    // A wrong solution shows which case failed, with the values.
    writeFileSync(file, "export function softmax(row: number[]): number[] {\n  return row.map((x) => Math.exp(x));\n}\n");
    const wrong = await runCli(args, { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/✗ 0\/3 tests passed/);
    expect(wrong.stdout).toMatch(/Test 1: value at \[\d+\] differs/);
    expect(wrong.stdout).toMatch(/ {2}row: vector of \d \[/);
    expect(wrong.stdout).toContain("Your output equals that of a known mistake: no normalisation.");
    // A result of the wrong shape is named as such.
    writeFileSync(file, "export function softmax(row: number[]): number[] {\n  return row.slice(1);\n}\n");
    const shape = await runCli(args, { cwd: dir });
    expect(shape.stdout).toMatch(/Test 1: expected a vector of length \d, got a vector of length \d/);
    writeFileSync(
      file,
      "export function softmax(row: number[]): number[] {\n  const m = Math.max(...row);\n  const e = row.map((x) => Math.exp(x - m));\n  const s = e.reduce((a, b) => a + b, 0);\n  return e.map((x) => x / s);\n}\n",
    );
    const right = await runCli(args, { cwd: dir });
    expect(right.stdout).toContain(`using ${file}`);
    expect(right.stdout).toContain("✓ All 3 tests passed.");
    expect(right.code).toBe(0);
    expect(reviewsIn(data).map((x) => x.card)).toEqual(["fx-softmax-vector/impl"]);
  });

  it("explains an unknown exercise id by listing the available ones", async () => {
    const r = await runCli(["practice", "nope", "--dir", fresh("p"), ...withContent(fresh("d"))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no code exercise "nope"; available:');
    expect(r.stderr).toContain("fx-softmax-vector/impl");
  });
});
