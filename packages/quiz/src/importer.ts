import { stringify } from "yaml";
import { fenceOpener, mentionsExampleOrOutput, scanFences } from "./fence.js";
import { repairMojibake } from "./mojibake.js";
import { DIFFICULTIES, ID_PATTERN, TOPICS, type Difficulty } from "./vocabulary.js";

/** A question recognised in an imported document. Text is untrusted Markdown (rendered later with raw HTML off). */
export interface ImportedQuestion {
  /** Number as written in the source ("22" for `Q22`), or null for unnumbered questions. */
  number: string | null;
  /** The question on one line (Markdown emphasis removed). */
  title: string;
  /** The question as Markdown (may be longer than the title). */
  question: string;
  answer: string;
  /** 1-based line of the question in the (repaired) document. */
  line: number;
  /** Source ids: `<source>-q<number>` or `<source>-note-<slug>`; several after merging duplicates. */
  sources: string[];
}

export interface SkippedItem {
  line: number;
  reason: string;
  excerpt: string;
}

export interface ImportResult {
  questions: ImportedQuestion[];
  skipped: SkippedItem[];
}

export interface ImportOptions {
  /** Prefix of source ids, e.g. "seed-002" gives "seed-002-q5". Default "import". */
  source?: string;
}

const QUESTION_WORDS =
  /^(what|why|how|when|where|which|who|whom|whose|explain|describe|discuss|compare|contrast|define|list|name|give|is|are|can|could|does|do|did|should|would|will|in what|tell|summari[sz]e|outline|derive|calculate|compute|show)\b/i;

/** Looks like a question: ends with "?" or starts with an interrogative/imperative study word. */
function questionLike(text: string): boolean {
  const t = plain(text);
  return /\?\s*$/.test(t) || QUESTION_WORDS.test(t);
}

/** Markdown emphasis, links and leading symbols removed; whitespace collapsed. */
function plain(md: string): string {
  return md
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__|\*|_|`)/g, "")
    .replace(/^[^\p{L}\p{N}"'(]+/u, "")
    .replace(/\s+/g, " ")
    .replace(/\s+([?.,:;!])/g, "$1")
    .trim();
}

function normalised(text: string): string {
  return plain(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function slugify(text: string, max = 60): string {
  const words = plain(text)
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  let slug = "";
  for (const w of words) {
    if (slug && slug.length + 1 + w.length > max) break;
    slug = slug ? `${slug}-${w}` : w.slice(0, max);
  }
  return slug || "question";
}

interface Start {
  line: number; // 0-based
  kind: "heading" | "bold" | "list";
  /** Heading level for heading starts (ends the answer at a heading of this level or higher). */
  level: number;
  number: string | null;
  text: string;
}

// Recognised question starts.
const Q_HEADING = /^(#{1,6})\s+(?:[^\p{L}\p{N}]*\s*)?Q(\d+)\s*[:.)-]\s*(.+?)\s*#*\s*$/u;
const NUM_HEADING = /^(#{1,6})\s+(?:[^\p{L}\p{N}*]*\s*)?(\d+)\s*[.)]\s+(.+?)\s*#*\s*$/u;
const ANY_HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
// `**1. Question:** …`, `**Q1:** …` (a label in bold, the question after it).
const BOLD_QUESTION_LABEL = /^\*\*\s*(?:(\d+)\s*[.):]?\s*Question|Q\s*(\d+))\s*[.):]?\s*\*\*\s*[.):]?\s*(.*)$/i;
const BOLD_NUMBERED = /^\*\*\s*(?:Q\s*)?(\d+)\s*[.):]\s*(.+?)\*\*\s*(.*)$/;
const LIST_BOLD = /^\s{0,3}(\d+)[.)]\s+\*\*(.+?)\*\*\s*(.*)$/;
// "### ✅ Answer", "**Answer:** …", "**Answer**: …", "Answer: …", "**A:** …", "A: …" (the word alone, or followed by
// a colon; "Answer the question…" is prose, not a marker).
const ANSWER =
  /^\s{0,3}(?:#{1,6}\s+)?(?:[^\p{L}\p{N}\s*_]+\s*)?(?:\*\*|__)?\s*(?:Answer|ANSWER|answer|Ans|A)\s*(?:\*\*|__)?\s*(?::\s*(?:\*\*|__)?\s*(.*)|$)/u;
const RULE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;

function isAnswerLine(line: string): RegExpMatchArray | null {
  return line.match(ANSWER);
}

/**
 * Finds questions and answers in a Markdown document of one of the usual interview-notes shapes:
 * `## Q<n>: …` + `### Answer`; `**<n>. Question:** …` + `**Answer:** …`; `**<n>. question?**` + answer;
 * `## <n>. Question` headings; numbered bold list items and question-like headings in notes. Mojibake is repaired
 * first, embedded `data:` images are dropped, duplicates (same normalised question) are merged, and everything
 * not taken is reported in `skipped` with the reason.
 *
 * Phases: clean the text → find question starts → cut each start's question and answer → merge duplicates.
 */
export function importMarkdown(text: string, options: ImportOptions = {}): ImportResult {
  const source = options.source ?? "import";
  const skipped: SkippedItem[] = [];
  const lines = cleanLines(text, skipped);
  // Fenced code is opaque: never look for questions inside it (the same scanner as the question parser's).
  const { inFence } = scanFences(lines);
  const starts = findStarts(lines, inFence, skipped);
  const found: ImportedQuestion[] = [];
  starts.forEach((start, k) => {
    const hardEnd = k + 1 < starts.length ? starts[k + 1].line : lines.length;
    const q = cutQuestion(lines, inFence, start, hardEnd, source, skipped);
    if (q) found.push(q);
  });
  const questions = mergeDuplicates(found, skipped);
  if (questions.length === 0)
    skipped.push({
      line: 1,
      reason:
        "no questions found: expected `## Q<n>: …` with `### Answer`, `**<n>. Question:**` with `**Answer:**`, `**<n>. …?**`, `## <n>. …?` or question headings",
      excerpt: excerpt(lines.find((l) => l.trim() !== "") ?? ""),
    });
  return { questions, skipped };
}

/** The document's lines with mojibake repaired and embedded data: images (often huge SVG formulas) dropped. */
function cleanLines(text: string, skipped: SkippedItem[]): string[] {
  const repaired = repairMojibake(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
  if (repaired.dropped > 0)
    skipped.push({
      line: 1,
      reason: `removed ${repaired.dropped} broken character sequence(s) left by a wrong text encoding`,
      excerpt: "",
    });
  const lines = repaired.text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const before = lines[i];
    const after = before
      .replace(/!?\[[^\]\n]*\]\(\s*data:[^\n]*?\)(?=[\s.,;:!?]|$)/g, "")
      .replace(/<img\b[^>]*\bsrc\s*=\s*["']?\s*data:[^>]*>/gi, "");
    if (after !== before) {
      skipped.push({ line: i + 1, reason: "dropped an embedded data: image", excerpt: excerpt(before) });
      lines[i] = after;
    }
  }
  return lines;
}

/** Every line outside fences that starts a question, in one of the recognised shapes. */
function findStarts(lines: readonly string[], inFence: readonly boolean[], skipped: SkippedItem[]): Start[] {
  const starts: Start[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (inFence[i]) continue;
    const l = lines[i];
    let m: RegExpMatchArray | null;
    if ((m = l.match(Q_HEADING)))
      starts.push({ line: i, kind: "heading", level: m[1].length, number: m[2], text: m[3] });
    else if ((m = l.match(NUM_HEADING))) {
      if (questionLike(m[3])) starts.push({ line: i, kind: "heading", level: m[1].length, number: m[2], text: m[3] });
      else
        skipped.push({
          line: i + 1,
          reason: "numbered heading that is not phrased as a question",
          excerpt: excerpt(l),
        });
    } else if ((m = l.match(ANY_HEADING))) {
      if (questionLike(m[2]) && /\?\s*$/.test(plain(m[2])))
        starts.push({ line: i, kind: "heading", level: m[1].length, number: null, text: m[2] });
    } else if ((m = l.match(BOLD_QUESTION_LABEL)))
      starts.push({ line: i, kind: "bold", level: 7, number: m[1] ?? m[2], text: m[3] });
    else if ((m = l.match(BOLD_NUMBERED))) {
      if (questionLike(m[2]))
        starts.push({ line: i, kind: "bold", level: 7, number: m[1], text: `${m[2]} ${m[3]}`.trim() });
      else
        skipped.push({
          line: i + 1,
          reason: "numbered bold line that is not phrased as a question",
          excerpt: excerpt(l),
        });
    } else if ((m = l.match(LIST_BOLD))) {
      if (questionLike(m[2])) starts.push({ line: i, kind: "list", level: 7, number: m[1], text: m[2] });
      // Numbered bold list items that are not questions are ordinary notes: not worth a report each.
    }
  }
  return starts;
}

/**
 * Whether line `i` ends the question begun at `start`: a setext heading, an ATX heading (for heading starts only one
 * of the same or a higher level) that is not an answer marker, or a thematic break after a bold/list start.
 */
function isBoundary(lines: readonly string[], inFence: readonly boolean[], i: number, start: Start): boolean {
  if (inFence[i]) return false;
  const l = lines[i];
  if (isSetextTitle(lines, inFence, i)) return true;
  const h = l.match(ANY_HEADING);
  if (h && !isAnswerLine(l)) {
    if (start.kind !== "heading") return true;
    return h[1].length <= start.level;
  }
  if (start.kind !== "heading" && RULE.test(l)) return true;
  return false;
}

/**
 * Setext headings (`Title` over `---`) end answers like ATX headings do. Q&A dumps also put `---` right under the
 * last sentence of an answer as a separator, so a line ending like a sentence is not taken for a title.
 */
function isSetextTitle(lines: readonly string[], inFence: readonly boolean[], i: number): boolean {
  return (
    !inFence[i] &&
    i + 1 < lines.length &&
    /^\s{0,3}(=+|-+)\s*$/.test(lines[i + 1]) &&
    lines[i].trim() !== "" &&
    !RULE.test(lines[i]) &&
    !/^\s*([-*+]|\d+[.)])\s/.test(lines[i]) &&
    !/[.!?:;,)]\s*$/.test(plain(lines[i]))
  );
}

/**
 * The question begun at `start` (ending at its first boundary before `hardEnd`, the next start), split into question
 * and answer: at the answer marker, or without one, up to the first blank line for bold/list shapes and nothing
 * for headings. Null (and a skipped entry) when the question or the answer is empty.
 */
function cutQuestion(
  lines: readonly string[],
  inFence: readonly boolean[],
  start: Start,
  hardEnd: number,
  source: string,
  skipped: SkippedItem[],
): ImportedQuestion | null {
  let end = hardEnd;
  for (let i = start.line + 1; i < hardEnd; i++) {
    if (isBoundary(lines, inFence, i, start)) {
      end = i;
      break;
    }
  }
  let answerAt = -1;
  let answerFirst = "";
  for (let i = start.line + 1; i < end; i++) {
    if (inFence[i]) continue;
    const m = isAnswerLine(lines[i]);
    if (m) {
      answerAt = i;
      answerFirst = m[1] ?? "";
      break;
    }
  }
  let questionMd = start.text;
  let answerLines: string[];
  if (answerAt >= 0) {
    questionMd = [start.text, ...lines.slice(start.line + 1, answerAt)].join("\n");
    answerLines = [answerFirst, ...lines.slice(answerAt + 1, end)];
  } else if (start.kind === "list") {
    answerLines = dedent(lines.slice(start.line + 1, end));
  } else if (start.kind === "bold" && start.text.trim() === "") {
    let i = start.line + 1;
    while (i < end && lines[i].trim() === "") i++;
    const qStart = i;
    while (i < end && lines[i].trim() !== "") i++;
    questionMd = lines.slice(qStart, i).join("\n");
    answerLines = lines.slice(i, end);
  } else {
    answerLines = lines.slice(start.line + 1, end);
  }
  const question = tidy(questionMd);
  const answer = tidy(answerLines.join("\n"));
  const title = plain(question);
  if (title === "") {
    skipped.push({
      line: start.line + 1,
      reason: "question start without question text",
      excerpt: excerpt(lines[start.line]),
    });
    return null;
  }
  if (answer === "") {
    skipped.push({ line: start.line + 1, reason: "question without an answer", excerpt: excerpt(lines[start.line]) });
    return null;
  }
  // Numbered list items in notes are note questions (their numbers restart per list), the rest are numbered.
  const sourceId =
    start.number !== null && start.kind !== "list"
      ? `${source}-q${start.number}`
      : `${source}-note-${slugify(title, 40)}`;
  return { number: start.number, title, question, answer, line: start.line + 1, sources: [sourceId] };
}

/** Merges duplicates (same normalised question text): keeps the first, adds differing answers and all sources. */
function mergeDuplicates(found: readonly ImportedQuestion[], skipped: SkippedItem[]): ImportedQuestion[] {
  const questions: ImportedQuestion[] = [];
  const byKey = new Map<string, ImportedQuestion>();
  for (const q of found) {
    const key = normalised(q.question);
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, q);
      questions.push(q);
      continue;
    }
    if (normalised(prev.answer) !== normalised(q.answer) && !normalised(prev.answer).includes(normalised(q.answer)))
      prev.answer = `${prev.answer}\n\n${q.answer}`;
    for (const s of q.sources) if (!prev.sources.includes(s)) prev.sources.push(s);
    skipped.push({
      line: q.line,
      reason: `duplicate of the question at line ${prev.line}; merged into it`,
      excerpt: excerpt(q.title),
    });
  }
  return questions;
}

function dedent(lines: readonly string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== "").map((l) => l.match(/^ */)![0].length);
  const n = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(n, l.match(/^ */)![0].length)));
}

/** Trims blank edges, drops trailing thematic breaks and collapses runs of blank lines. */
function tidy(md: string): string {
  const lines = md.split("\n").map((l) => l.replace(/\s+$/, ""));
  while (lines.length && (lines[lines.length - 1] === "" || RULE.test(lines[lines.length - 1]))) lines.pop();
  while (lines.length && lines[0] === "") lines.shift();
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/[\u200b\u200c\u200d\u2060\ufeff]/g, "")
    .trim();
}

function excerpt(s: string): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > 80 ? `${t.slice(0, 77)}…` : t;
}

export interface ToContentOptions {
  topic: string;
  difficulty?: Difficulty;
  /** Overrides the id/slug derived from the title. */
  id?: string;
}

/**
 * Turns an imported question into a content file (`<topic>/<id>.md`, relative to the content directory) in the
 * format of docs/content-format.md. The untrusted text is neutralised for our format: `##` headings inside it are
 * demoted so they cannot open sections, and fences cannot become executable `ts example` blocks.
 */
export function toContentFile(imported: ImportedQuestion, options: ToContentOptions): { path: string; text: string } {
  if (!(TOPICS as readonly string[]).includes(options.topic))
    throw new Error(`toContentFile: topic "${options.topic}" is not one of ${TOPICS.join(", ")}`);
  const difficulty = options.difficulty ?? "basic";
  if (!DIFFICULTIES.includes(difficulty))
    throw new Error(`toContentFile: difficulty "${difficulty}" is not one of ${DIFFICULTIES.join(", ")}`);
  const title = imported.title.replace(/\s+/g, " ").trim();
  const id = options.id ?? slugify(title);
  if (!ID_PATTERN.test(id)) throw new Error(`toContentFile: id "${id}" must be kebab-case`);
  const scalar = (v: unknown) => stringify(v, { lineWidth: 0 }).trimEnd();
  const list = (v: string[]) => stringify(v, { collectionStyle: "flow", lineWidth: 0 }).trimEnd();
  const front = [
    `id: ${id}`,
    `title: ${scalar(title)}`,
    `topic: ${options.topic}`,
    `difficulty: ${difficulty}`,
    `tags: []`,
    `sources: ${list(imported.sources)}`,
    `core: []`,
  ].join("\n");
  const body = `## Question\n\n${neutralise(imported.question)}\n\n## Answer\n\n${neutralise(imported.answer)}\n`;
  return { path: `${options.topic}/${id}.md`, text: `---\n${front}\n---\n\n${body}` };
}

function neutralise(md: string): string {
  const lines = md.split("\n");
  const { blocks, inFence } = scanFences(lines);
  const out = lines.map((l, i) => {
    // Every line that could open a fence and mentions example/output is rewritten, inside a block or not, so
    // imported text can never become an executable `ts example` / `text output` block. "```text" neither opens
    // nor closes differently from the original line, so the block structure stays as scanned.
    const opener = fenceOpener(l);
    if (opener && mentionsExampleOrOutput(opener.info)) return `${opener.indent}${opener.marker}text`;
    if (inFence[i]) return l;
    return l.replace(/^(\s{0,3})(#{1,2})(\s|$)/, "$1###$3");
  });
  // An unclosed fence would swallow the rest of the file (and is a content problem): close it.
  const last = blocks[blocks.length - 1];
  if (last && last.close < 0) out.push(last.opener.marker);
  return out.join("\n");
}
