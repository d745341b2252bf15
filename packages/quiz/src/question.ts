import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node as YamlNode } from "yaml";
import type { Exercise } from "./exercise.js";
import { scanFences } from "./fence.js";
import { problem, type Problem } from "./problem.js";
import { inlinePlainText, renderInlineMarkdown } from "./render.js";
import { DIFFICULTIES, ID_PATTERN, TOPICS, type Difficulty } from "./vocabulary.js";



/** An executable `ts example` block and the exact text it must print. */
export interface Example {
  code: string;
  /** The following `text output` block (no final newline). A missing block is a problem, so loaded questions
   *  always have one. */
  expectedOutput: string;
  /** 1-based line of the opening fence of the example block. */
  line: number;
  /** 1-based line of the opening fence of the output block. */
  outputLine: number;
}

/** One question file of `content/`, parsed. */
export interface Question {
  id: string;
  /** The title as plain Unicode text (`Why divide by √d_k?`): for terminals, `<title>`, labels and sorting. */
  title: string;
  /** The title as written in the front matter: inline Markdown, math as `$…$` TeX (`Why divide by $\sqrt{d_k}$?`). */
  titleMarkdown: string;
  topic: string;
  difficulty: Difficulty;
  tags: string[];
  sources: string[];
  core: string[];
  /** Experiments (content/experiments/<id>.experiment.ts) that check a claim of the answer; optional key, [] when absent. */
  experiments: string[];
  /** Path as given to the parser (e.g. `content/attention/attention-scale-sqrt-dk.md`). */
  path: string;
  /** Markdown of the `## Question` section (without the heading). */
  question: string;
  /** 1-based line in the file where `question` starts (for error positions when rendering). */
  questionLine: number;
  /** Markdown of the `## Answer` section (without the heading). */
  answer: string;
  answerLine: number;
  examples: Example[];
  /** Exercises from the `.exercises.ts` module beside the file; `[]` from `parseQuestionFile`, filled by `loadContent`. */
  exercises: Exercise[];
}

export interface ParseResult {
  question?: Question;
  problems: Problem[];
}

const KEYS = ["id", "title", "topic", "difficulty", "tags", "sources", "core", "experiments"] as const;
/** Keys that may be left out (then []). */
const OPTIONAL_KEYS = new Set(["experiments"]);

/** `content/attention/foo.md` → `{ topic: "attention", slug: "foo" }`. Accepts `\` separators. */
export function pathParts(path: string): { topic: string; slug: string } {
  const parts = path.split(/[\\/]/).filter((p) => p !== "");
  const base = parts[parts.length - 1] ?? "";
  return { topic: parts[parts.length - 2] ?? "", slug: base.replace(/\.md$/i, "") };
}

/** A fenced code block found by the line scanner. */
interface Fence {
  info: string;
  /** 1-based line of the opening fence. */
  line: number;
  body: string;
  closed: boolean;
}

/** A `## ` section of the body: its heading line (1-based) and its content lines `lines[from..to)`. */
interface Section {
  name: string;
  line: number;
  from: number;
  to: number;
}

type Report = (line: number, message: string) => void;

/**
 * Parses one question file (see docs/content-format.md). Never throws: every defect becomes a problem with the
 * file and line; `question` is returned only when the file is usable (no problems).
 *
 * Phases: split off the front matter → read its fields → check them against the path → scan the body's sections
 * and fences → check the sections → pair examples with their outputs.
 */
export function parseQuestionFile(path: string, text: string): ParseResult {
  const problems: Problem[] = [];
  const report: Report = (line, message) => problems.push(problem(path, line, message));
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);

  const end = frontMatterEnd(lines, report);
  if (end < 0) return { problems };
  const fm = readFrontMatter(lines.slice(1, end).join("\n"), report);
  const meta = checkFrontMatter(fm, pathParts(path), report);
  const bodyStart = end + 1;
  const { sections, fences } = scanBody(lines, bodyStart, report);
  const { question, answer } = checkSections(lines, bodyStart, sections, report);
  const examples = pairExamples(fences, report);

  if (problems.length > 0) return { problems: problems.sort((a, b) => a.line - b.line) };
  return {
    question: {
      ...meta!,
      path,
      question: question.text,
      questionLine: question.line,
      answer: answer.text,
      answerLine: answer.line,
      examples,
      exercises: [],
    },
    problems,
  };
}

/**
 * Index of the closing `---` line, or -1 (reported). Front matter delimiters are `---` at the start of a line (an
 * indented `---` belongs to a YAML block scalar).
 */
function frontMatterEnd(lines: readonly string[], report: Report): number {
  const isDelimiter = (l: string) => /^---\s*$/.test(l);
  if (!isDelimiter(lines[0] ?? "")) {
    report(1, "missing front matter: the file must start with a `---` line");
    return -1;
  }
  for (let i = 1; i < lines.length; i++) if (isDelimiter(lines[i])) return i;
  report(1, "front matter is not closed: no second `---` line");
  return -1;
}

/** The front matter's known keys with their values and lines; `ok` is false when it is not a valid mapping. */
interface FrontMatter {
  ok: boolean;
  fields: Record<string, unknown>;
  lines: Record<string, number>;
}

/** Parses the YAML between the delimiters, with the file line of every key (offset 1 for the opening `---`). */
function readFrontMatter(fmText: string, report: Report): FrontMatter {
  const counter = new LineCounter();
  const doc = parseDocument(fmText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: YamlNode | null | undefined): number =>
    node?.range ? counter.linePos(node.range[0]).line + 1 : 1;
  for (const err of doc.errors) {
    const at = err.pos ? counter.linePos(err.pos[0]).line + 1 : 1;
    report(at, `front matter: ${err.message.split("\n")[0]}`);
  }
  const fields: Record<string, unknown> = {};
  const fieldLines: Record<string, number> = {};
  if (doc.errors.length === 0) {
    if (!isMap(doc.contents)) {
      report(1, "front matter must be a YAML mapping of `key: value` lines");
    } else {
      for (const pair of doc.contents.items) {
        const keyNode = pair.key as YamlNode | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const line = lineOf(keyNode);
        if (!(KEYS as readonly string[]).includes(key)) {
          report(line, `unknown front matter key "${key}" (allowed: ${KEYS.join(", ")})`);
          continue;
        }
        fieldLines[key] = line;
        const value = pair.value as YamlNode | null;
        fields[key] = isSeq(value)
          ? value.items.map((item) => (isScalar(item) ? item.value : item))
          : isScalar(value)
            ? value.value
            : value === null
              ? null
              : value;
      }
    }
  }
  return { ok: doc.errors.length === 0 && isMap(doc.contents), fields, lines: fieldLines };
}

type QuestionMeta = Pick<
  Question,
  "id" | "title" | "titleMarkdown" | "topic" | "difficulty" | "tags" | "sources" | "core" | "experiments"
>;

/**
 * Types every field and checks id and topic against the file's path; undefined when a field is unusable (each
 * defect reported).
 */
function checkFrontMatter(
  fm: FrontMatter,
  { topic: folder, slug }: { topic: string; slug: string },
  report: Report,
): QuestionMeta | undefined {
  const keyLine = (key: string) => fm.lines[key] ?? 1;
  const str = (key: string): string | undefined => {
    if (!fm.ok) return undefined;
    const v = fm.fields[key];
    if (v === undefined) {
      report(1, `front matter: missing key "${key}"`);
      return undefined;
    }
    if (typeof v !== "string" || v.trim() === "") {
      report(keyLine(key), `front matter: "${key}" must be a non-empty string, got ${describe(v)}`);
      return undefined;
    }
    return v.trim();
  };
  const list = (key: string): string[] | undefined => {
    if (!fm.ok) return undefined;
    const v = fm.fields[key];
    if (v === undefined) {
      if (OPTIONAL_KEYS.has(key)) return [];
      report(1, `front matter: missing key "${key}" (use [] when empty)`);
      return undefined;
    }
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string" && x.trim() !== "")) {
      report(keyLine(key), `front matter: "${key}" must be a list of strings like [a, b], got ${describe(v)}`);
      return undefined;
    }
    return v.map((x: string) => x.trim());
  };

  const id = str("id");
  const title = str("title");
  const topic = str("topic");
  const difficulty = str("difficulty");
  const tags = list("tags");
  const sources = list("sources");
  const core = list("core");
  const experiments = list("experiments");

  let ok = true;
  const fail = (key: string, message: string) => {
    ok = false;
    report(keyLine(key), message);
  };
  if (id !== undefined) {
    if (!ID_PATTERN.test(id)) fail("id", `id "${id}" must be kebab-case (a-z, 0-9, single dashes)`);
    else if (id !== slug) fail("id", `id "${id}" must equal the file's slug "${slug}"`);
  }
  if (topic !== undefined) {
    if (!(TOPICS as readonly string[]).includes(topic)) fail("topic", `topic "${topic}" is not one of: ${TOPICS.join(", ")}`);
    else if (topic !== folder) fail("topic", `topic "${topic}" must equal the folder name "${folder}"`);
  }
  if (title !== undefined)
    for (const p of renderInlineMarkdown(title, { file: "", line: 1 }).problems) fail("title", `title: ${p.message}`);
  if (difficulty !== undefined && !(DIFFICULTIES as readonly string[]).includes(difficulty))
    fail("difficulty", `difficulty "${difficulty}" must be one of: ${DIFFICULTIES.join(", ")}`);

  const all = [id, title, topic, difficulty, tags, sources, core, experiments];
  if (!ok || all.some((v) => v === undefined)) return undefined;
  return {
    id: id!,
    title: inlinePlainText(title!),
    titleMarkdown: title!,
    topic: topic!,
    difficulty: difficulty as Difficulty,
    tags: tags!,
    sources: sources!,
    core: core!,
    experiments: experiments!,
  };
}

/**
 * The body's `## ` sections and fenced blocks, through the shared fence scanner so fenced `## ` lines are not taken
 * for headings. Unclosed fences are reported.
 */
function scanBody(
  lines: readonly string[],
  bodyStart: number,
  report: Report,
): { sections: Section[]; fences: Fence[] } {
  const sections: Section[] = [];
  const fences: Fence[] = [];
  const scanned = scanFences(lines, bodyStart);
  for (let i = bodyStart; i < lines.length; i++) {
    if (scanned.inFence[i]) continue;
    const l = lines[i];
    const h2 = l.match(/^##\s+(.*?)\s*#*\s*$/);
    if (h2 && !l.startsWith("###")) {
      if (sections.length > 0) sections[sections.length - 1].to = i;
      sections.push({ name: h2[1], line: i + 1, from: i + 1, to: lines.length });
    }
  }
  for (const b of scanned.blocks) {
    const closed = b.close >= 0;
    if (!closed) report(b.open + 1, `code fence opened here is never closed`);
    const body = lines.slice(b.open + 1, closed ? b.close : lines.length).join("\n");
    fences.push({ info: b.opener.info, line: b.open + 1, body, closed });
  }
  return { sections, fences };
}

/**
 * Exactly `## Question` then `## Answer`, both non-empty, nothing before them; returns their Markdown and the line of
 * their first non-blank line (so rendering problems point at the right file line).
 */
function checkSections(
  lines: readonly string[],
  bodyStart: number,
  sections: readonly Section[],
  report: Report,
): { question: { text: string; line: number }; answer: { text: string; line: number } } {
  const names = sections.map((s) => s.name);
  const qSec = sections.find((s) => s.name === "Question");
  const aSec = sections.find((s) => s.name === "Answer");
  if (!qSec) report(bodyStart + 1, "missing `## Question` section");
  if (!aSec) report(bodyStart + 1, "missing `## Answer` section");
  if (qSec && aSec && names.indexOf("Question") > names.indexOf("Answer"))
    report(qSec.line, "`## Question` must come before `## Answer`");
  for (const s of sections) {
    if (s.name !== "Question" && s.name !== "Answer")
      report(s.line, `unexpected section "## ${s.name}" (only ## Question and ## Answer; use ### inside the answer)`);
    if (names.filter((n) => n === s.name).length > 1 && s !== sections.find((x) => x.name === s.name))
      report(s.line, `duplicate section "## ${s.name}"`);
  }
  const sectionText = (s: Section | undefined) => (s ? lines.slice(s.from, s.to).join("\n").trim() : "");
  const firstLine = (s: Section | undefined): number => {
    if (!s) return 0;
    for (let i = s.from; i < s.to; i++) if (lines[i].trim() !== "") return i + 1;
    return s.from + 1;
  };
  const question = { text: sectionText(qSec), line: firstLine(qSec) };
  const answer = { text: sectionText(aSec), line: firstLine(aSec) };
  if (qSec && question.text === "") report(qSec.line, "the `## Question` section is empty");
  if (aSec && answer.text === "") report(aSec.line, "the `## Answer` section is empty");
  const leading = lines.slice(bodyStart, sections[0]?.from !== undefined ? sections[0].from - 1 : lines.length);
  const strayLine = leading.findIndex((l) => l.trim() !== "");
  if (strayLine >= 0) report(bodyStart + strayLine + 1, "text before `## Question` (put it inside a section)");
  return { question, answer };
}

/** Examples: every `ts example` block followed directly by its `text output` block. */
function pairExamples(fences: readonly Fence[], report: Report): Example[] {
  const examples: Example[] = [];
  fences.forEach((f, i) => {
    const words = f.info.split(/\s+/);
    if (words.includes("example")) {
      if (words[0] !== "ts") report(f.line, `example blocks must be TypeScript: use \`\`\`ts example, got "${f.info}"`);
      const next = fences[i + 1];
      const isOutput = next !== undefined && next.info === "text output";
      if (!isOutput) report(f.line, "example block must be followed by a ```text output block with what it prints");
      examples.push({
        code: f.body,
        expectedOutput: isOutput ? next.body : "",
        line: f.line,
        outputLine: isOutput ? next.line : 0,
      });
    } else if (f.info === "text output") {
      const prev = fences[i - 1];
      if (!prev || !prev.info.split(/\s+/).includes("example"))
        report(f.line, "```text output block without a ```ts example block before it");
    }
  });
  return examples;
}

function describe(v: unknown): string {
  if (v === null) return "nothing";
  if (Array.isArray(v)) return `a list [${v.map((x) => JSON.stringify(x)).join(", ")}]`;
  if (typeof v === "object") return "a nested mapping";
  return `${typeof v} ${JSON.stringify(v)}`;
}
