import { stringify } from "yaml";
import { fenceOpener, mentionsExampleOrOutput, scanFences } from "./fence.js";
import { repairMojibakeWithChanges, type MojibakeChange } from "./mojibake.js";
import { renderInlineMarkdown } from "./render.js";
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
  /^(what|why|how|when|where|which|who|whom|whose|explain|describe|discuss|compare|contrast|define|list|name|give|is|are|can|could|does|do|did|should|would|will|in what|tell|summari[sz]e|outline|derive|calculate|compute|show|implement|write|design|build|differentiate|distinguish|elaborate|illustrate|state|identify|enumerate|walk)\b/i;
/** Ends with a question mark, ASCII or full-width (？). */
const ENDS_WITH_QUESTION_MARK = /[?\uFF1F]\s*$/;
/** "Question 2:", "Q:", "Q3." in front of a title. */
const QUESTION_PREFIX = /^(?:Q(?:uestion)?\s*(\d+)?\s*[:.)\-\u2013]\s*)/i;

/** Looks like a question: ends with "?" or starts with an interrogative/imperative study word. */
function questionLike(text: string): boolean {
  const t = plain(text);
  return ENDS_WITH_QUESTION_MARK.test(t) || QUESTION_WORDS.test(t) || /\bvs\.?\s/i.test(t);
}

/** A title without link debris (`[src](…)`, `[1](…)`), `<br>` and `Q:` / `Question N:` prefixes. */
function cleanTitle(md: string): string {
  const t = plain(md.replace(/\s*\[(?:src|source|link|ref|\d+|\u21a9)\]\([^)]*\)/gi, "").replace(/<br\s*\/?>/gi, " "));
  return t.replace(QUESTION_PREFIX, "").trim() || t;
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

// Greek and Cyrillic letters in Latin script, so titles in those alphabets give readable ids.
const TRANSLIT: Record<string, string> = Object.fromEntries([
  ..."αa βv γg δd εe ζz ηi θth ιi κk λl μm νn ξx οo πp ρr σs ςs τt υy φf χch ψps ωo".split(" "),
  ..."аa бb вv гg дd еe ёe жzh зz иi йi кk лl мm нn оo пp рr сs тt уu фf хkh цts чch шsh щshch ъ ыy ь эe юyu яya іi їi єye ґg".split(" "),
].map((p) => [p[0], p.slice(1)]));

export function slugify(text: string, max = 60): string {
  const words = [...plain(text).toLowerCase().normalize("NFC")]
    .map((c) => TRANSLIT[c] ?? c)
    .join("")
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
  /** The answer's first line when it shares the start line (`**(2) Attention scores:** To compute …`). */
  inlineAnswer?: string;
  /** Numbered step of a walkthrough (`**(n) Title:** …`): source id `<source>-step<n>`. */
  step?: boolean;
  /** MkDocs admonition (`??? question "…"`): the answer is the indented block below it. */
  admonition?: boolean;
}

// Recognised question starts.
const Q_HEADING = /^(#{1,6})\s+(?:[^\p{L}\p{N}]*\s*)?Q(\d+)\s*[:.)-]\s*(.+?)\s*#*\s*$/u;
const NUM_HEADING = /^(#{1,6})\s+(?:[^\p{L}\p{N}*]*\s*)?(\d+)\s*[.)]\s+(.+?)\s*#*\s*$/u;
const ANY_HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
// `**1. Question:** …`, `**Q1:** …` (a label in bold, the question after it).
const BOLD_QUESTION_LABEL = /^\*\*\s*(?:(?:(\d+)\s*[.):]?\s*)?Question|Q\s*(\d+)?)\s*[.):]?\s*\*\*\s*[.):]?\s*(.*)$/i;
// `**(2) Attention scores:** …`: a numbered step of a walkthrough, its text on the same line.
const BOLD_STEP = /^\*\*\s*\((\d+)\)\s*([^*]+?)\s*:?\s*\*\*\s*:?\s*(.*)$/;
// MkDocs/Material admonitions: `??? question "What is …?"`, `!!! faq "…"`, `???+ question "…"`.
const ADMONITION = /^\s{0,3}(?:\?{3}\+?|!{3})\s+([\w-]+)(?:\s+[\w-]+)*\s+"(.+)"\s*$/;
// `Q: …` / `Q3: …` as plain text.
const PLAIN_Q = /^\s{0,3}Q\s*(\d+)?\s*[:.]\s+(.+)$/;
// `… **Answer:** …` inside the question line (the one-line shape).
const INLINE_ANSWER = /\s*(?:\*\*|__)\s*(?:Answer|Ans|A)\s*[:.]?\s*(?:\*\*|__)\s*[:.]?\s*/i;
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
 * Phases: clean the text → find question starts → report non-question headings → cut each start's question and
 * answer (plus Q/A tables) → merge duplicates.
 */
export function importMarkdown(text: string, options: ImportOptions = {}): ImportResult {
  const source = options.source ?? "import";
  const skipped: SkippedItem[] = [];
  const lines = cleanLines(text, skipped);
  // Fenced code is opaque: never look for questions inside it (the same scanner as the question parser's).
  const { inFence } = scanFences(lines);
  const starts = findStarts(lines, inFence, skipped);
  reportNonQuestionHeadings(lines, inFence, starts, skipped);
  const found: ImportedQuestion[] = [];
  starts.forEach((start, k) => {
    const hardEnd = k + 1 < starts.length ? starts[k + 1].line : lines.length;
    const q = cutQuestion(lines, inFence, start, hardEnd, k === starts.length - 1, source, skipped);
    if (q) found.push(q);
  });
  found.push(...tableQuestions(lines, inFence, source, skipped));
  found.sort((a, b) => a.line - b.line);
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

/**
 * The document's lines: mojibake repaired (each repair reported), replacement characters reported, embedded data:
 * images dropped.
 */
function cleanLines(text: string, skipped: SkippedItem[]): string[] {
  const repaired = repairMojibakeWithChanges(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
  const doc = repaired.text;
  skipped.push(...encodingReport(repaired.changes, repaired.codePages.join(" then ")));
  if (repaired.dropped > 0)
    skipped.push({
      line: 1,
      reason: `removed ${repaired.dropped} broken character sequence(s) left by a wrong text encoding`,
      excerpt: "",
    });
  doc.split("\n").forEach((l, i) => {
    const n = [...l].filter((c) => c === "\uFFFD").length;
    if (n > 0)
      skipped.push({
        line: i + 1,
        reason: `${n} replacement character(s) \u201c\uFFFD\u201d: the original text was lost by a lossy decoding before import`,
        excerpt: excerpt(l),
      });
  });

  // Embedded data: images (often huge SVG renderings of formulas) carry nothing we can use.
  const lines = doc.split("\n");
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
  // After an answer marker, numbered bold list items are steps of that answer (`2. **Compute Loss**: …`), not
  // questions, unless they end with a question mark.
  let inAnswer = false;
  for (let i = 0; i < lines.length; i++) {
    if (inFence[i]) continue;
    const l = lines[i];
    let m: RegExpMatchArray | null;
    const count = starts.length;
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
    } else if ((m = l.match(ANY_HEADING)) && !isAnswerLine(l)) {
      const text = plain(m[2]);
      const prefix = text.match(QUESTION_PREFIX);
      // `## Question 2: Describe …`, `### Q: Explain …`, `## Why …?`, `## Explain …` (imperative study questions)
      if (prefix || ENDS_WITH_QUESTION_MARK.test(text) || questionLike(text))
        starts.push({ line: i, kind: "heading", level: m[1].length, number: prefix?.[1] ?? null, text: m[2] });
    } else if ((m = l.match(BOLD_QUESTION_LABEL)))
      starts.push({ line: i, kind: "bold", level: 7, number: m[1] ?? m[2] ?? null, text: m[3] });
    else if ((m = l.match(PLAIN_Q))) starts.push({ line: i, kind: "bold", level: 7, number: m[1] ?? null, text: m[2] });
    else if ((m = l.match(BOLD_STEP)))
      starts.push({ line: i, kind: "bold", level: 7, number: m[1], text: m[2], inlineAnswer: m[3], step: true });
    else if ((m = l.match(ADMONITION))) {
      if (/^(question|faq|help|quiz)$/i.test(m[1]) || questionLike(m[2]))
        starts.push({ line: i, kind: "bold", level: 7, number: null, text: m[2], admonition: true });
      else skipped.push({ line: i + 1, reason: `"${m[1]}" admonition that is not phrased as a question`, excerpt: excerpt(l) });
    }
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
      const asked = ENDS_WITH_QUESTION_MARK.test(plain(m[2]));
      if ((!inAnswer && questionLike(m[2])) || asked)
        starts.push({ line: i, kind: "list", level: 7, number: m[1], text: m[2] });
      // Numbered bold list items that are not questions are ordinary notes or answer steps: not worth a report each.
    }
    if (starts.length > count) inAnswer = INLINE_ANSWER.test(starts[starts.length - 1].text);
    else if (isAnswerLine(l)) inAnswer = true;
  }
  return starts;
}

/**
 * A heading at the level of question headings that is not a question is reported, so no heading-shaped item is
 * lost silently ("## Conclusion" between "## Q3" and "## Q4").
 */
function reportNonQuestionHeadings(
  lines: readonly string[],
  inFence: readonly boolean[],
  starts: readonly Start[],
  skipped: SkippedItem[],
): void {
  const questionLevels = new Set(starts.filter((st) => st.kind === "heading").map((st) => st.level));
  const startLines = new Set(starts.map((st) => st.line));
  for (let i = 0; i < lines.length; i++) {
    const h = !inFence[i] && !startLines.has(i) ? lines[i].match(ANY_HEADING) : null;
    if (h && questionLevels.has(h[1].length) && !isAnswerLine(lines[i]) && !NUM_HEADING.test(lines[i]))
      skipped.push({ line: i + 1, reason: "heading at the level of the questions that is not phrased as a question", excerpt: excerpt(lines[i]) });
  }
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
 * Whether line `i` ends the question begun at `start`: for an admonition the first non-indented line; otherwise a
 * setext title, an ATX heading that is not an answer marker (for heading starts only one of the same or a higher
 * level), or a thematic break after a bold/list start.
 */
function isBoundary(lines: readonly string[], inFence: readonly boolean[], i: number, start: Start): boolean {
  const l = lines[i];
  if (start.admonition) return l.trim() !== "" && !/^( {4}|\t)/.test(l);
  if (inFence[i]) return false;
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
 * The question begun at `start` (ending at its first boundary before `hardEnd`, the next start), split into question
 * and answer. After the `last` question, closing remarks and trailing text are reported. Null (and a skipped entry)
 * when the question or the answer is empty.
 */
function cutQuestion(
  lines: readonly string[],
  inFence: readonly boolean[],
  start: Start,
  hardEnd: number,
  last: boolean,
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
  // Question text: the start line's text, plus following lines up to the answer marker (or, without a marker,
  // up to the first blank line for bold/list shapes and nothing for headings).
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
  const inline = start.text.match(INLINE_ANSWER);
  if (start.admonition) {
    answerLines = dedent(lines.slice(start.line + 1, end));
  } else if (start.inlineAnswer !== undefined) {
    answerLines = [start.inlineAnswer, ...lines.slice(start.line + 1, end)];
  } else if (answerAt < 0 && inline?.index !== undefined && inline.index > 0) {
    // `**1. Question:** … **Answer:** …` on one line
    questionMd = start.text.slice(0, inline.index);
    answerLines = [start.text.slice(inline.index + inline[0].length), ...lines.slice(start.line + 1, end)];
  } else if (answerAt >= 0) {
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
  if (last) {
    // Closing remarks ("Thanks for reading", a sign-off after `---`) are not part of the last answer.
    const cut = footerStart(answerLines);
    if (cut >= 0) {
      const firstLine = end - answerLines.length + cut + 1;
      skipped.push({ line: firstLine, reason: "closing remark after the last answer, not part of it", excerpt: excerpt(answerLines.slice(cut).join(" ")) });
      answerLines = answerLines.slice(0, cut);
    }
    const rest = lines.slice(end).findIndex((l, j) => l.trim() !== "" && !RULE.test(l) && !inFence[end + j]);
    if (rest >= 0)
      skipped.push({ line: end + rest + 1, reason: "text after the last answer, not part of any question", excerpt: excerpt(lines[end + rest]) });
  }
  const question = tidy(questionMd);
  const answer = tidy(answerLines.join("\n"));
  const title = cleanTitle(question);
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
  const sourceId = start.step
    ? `${source}-step${start.number}`
    : start.number !== null && start.kind !== "list"
      ? `${source}-q${start.number}`
      : `${source}-note-${slugify(title, 40)}`;
  return { number: start.number, title, question, answer, line: start.line + 1, sources: [sourceId] };
}

/**
 * Merges duplicates (same normalised question text): keeps the first, adds differing answers and all sources.
 * Linear in the number of questions: answers are collected per question and joined once at the end.
 */
function mergeDuplicates(found: readonly ImportedQuestion[], skipped: SkippedItem[]): ImportedQuestion[] {
  const questions: ImportedQuestion[] = [];
  const byKey = new Map<string, { q: ImportedQuestion; first: string; answers: string[]; seen: Set<string>; sources: Set<string> }>();
  for (const q of found) {
    const key = normalised(q.question);
    const entry = byKey.get(key);
    if (!entry) {
      byKey.set(key, { q, first: normalised(q.answer), answers: [q.answer], seen: new Set([normalised(q.answer)]), sources: new Set(q.sources) });
      questions.push(q);
      continue;
    }
    const prev = entry.q;
    const answer = normalised(q.answer);
    // A repeated answer, or one contained in the first answer (a shorter version of it), adds nothing.
    if (!entry.seen.has(answer) && !entry.first.includes(answer)) {
      entry.seen.add(answer);
      entry.answers.push(q.answer);
    }
    for (const s of q.sources)
      if (!entry.sources.has(s)) {
        entry.sources.add(s);
        prev.sources.push(s);
      }
    skipped.push({
      line: q.line,
      reason: `duplicate of the question at line ${prev.line}; merged into it`,
      excerpt: excerpt(q.title),
    });
  }
  for (const { q, answers } of byKey.values()) q.answer = answers.join("\n\n");
  return questions;
}

const FOOTER =
  /^\W*(thanks? (you )?for reading|thank you|happy (learning|coding|studying)|good luck|follow (me|us)|subscribe|if you (found|liked|enjoyed)|found this (useful|helpful)|share this|connect with me|©|copyright|all rights reserved)/i;

/**
 * Index in an answer's lines where a closing remark starts, or -1: the last paragraph when it reads like a
 * sign-off, or a short tail (at most 4 lines) after the last thematic break that contains one.
 */
function footerStart(answer: string[]): number {
  const { inFence } = scanFences(answer);
  let last = answer.length - 1;
  while (last >= 0 && answer[last].trim() === "") last--;
  if (last < 0 || inFence[last]) return -1;
  let para = last;
  while (para > 0 && answer[para - 1].trim() !== "" && !inFence[para - 1]) para--;
  let rule = last;
  while (rule >= 0 && !(RULE.test(answer[rule]) && !inFence[rule])) rule--;
  if (rule >= 0 && last - rule <= 4 && answer.slice(rule + 1, last + 1).some((l) => FOOTER.test(l.trim()))) return rule;
  return FOOTER.test(answer[para].trim()) && para > 0 ? para : -1;
}

/** Cells of a Markdown table row (outer pipes optional; `\|` is a literal pipe). */
function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, "|"));
}

/**
 * Q/A tables: a header with a Question (or Q) column and an Answer (or A) column, then one question per row; an
 * optional `#`/`No.` column numbers them.
 */
function tableQuestions(lines: string[], inFence: boolean[], source: string, skipped: SkippedItem[]): ImportedQuestion[] {
  const out: ImportedQuestion[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (inFence[i] || !lines[i].includes("|") || !/^\s*\|?\s*:?-{3,}/.test(lines[i + 1])) continue;
    const header = tableCells(lines[i]).map((c) => plain(c).toLowerCase());
    const qi = header.findIndex((h) => /^(q|questions?)$/.test(h));
    const ai = header.findIndex((h) => /^(a|answers?)$/.test(h));
    if (qi < 0 || ai < 0) continue;
    const ni = tableCells(lines[i]).findIndex((h) => /^(#|no\.?|n|number)$/i.test(h.replace(/[*_]/g, "")));
    for (let r = i + 2; r < lines.length && lines[r].includes("|") && !inFence[r]; r++) {
      const cells = tableCells(lines[r]);
      const question = tidy(cells[qi] ?? "");
      const answer = tidy(cells[ai] ?? "");
      const number = ni >= 0 && /^\d+$/.test(cells[ni] ?? "") ? cells[ni] : null;
      if (question === "" || answer === "") {
        skipped.push({ line: r + 1, reason: "table row without a question or an answer", excerpt: excerpt(lines[r]) });
        continue;
      }
      const title = cleanTitle(question);
      const sourceId = number !== null ? `${source}-q${number}` : `${source}-note-${slugify(title, 40)}`;
      out.push({ number, title, question, answer, line: r + 1, sources: [sourceId] });
    }
  }
  return out;
}

/** One report entry per distinct mojibake repair ("Ã©" → "é"), at its first line, with how often it occurred. */
function encodingReport(changes: MojibakeChange[], codePages: string): SkippedItem[] {
  const byPair = new Map<string, { line: number; from: string; to: string; count: number }>();
  for (const c of changes) {
    const key = `${c.from}\u0000${c.to}`;
    const prev = byPair.get(key);
    if (prev) prev.count++;
    else byPair.set(key, { ...c, count: 1 });
  }
  return [...byPair.values()]
    .filter((c) => c.to !== "")
    .map((c) => ({
      line: c.line,
      reason: `repaired mis-decoded text (${codePages}): ${JSON.stringify(c.from)} \u2192 ${JSON.stringify(c.to)}${c.count > 1 ? `, ${c.count} times` : ""}`,
      excerpt: "",
    }));
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
    .replace(/<br\s*\/?>/gi, "\n")
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
    `title: ${scalar(titleMarkdown(title))}`,
    `topic: ${options.topic}`,
    `difficulty: ${difficulty}`,
    `tags: []`,
    `sources: ${list(imported.sources)}`,
    `core: []`,
  ].join("\n");
  const body = `## Question\n\n${neutralise(imported.question)}\n\n## Answer\n\n${neutralise(imported.answer)}\n`;
  return { path: `${options.topic}/${id}.md`, text: `---\n${front}\n---\n\n${body}` };
}

/**
 * A content title is inline Markdown with `$…$` math. An imported title keeps its formulas when they all render;
 * otherwise its dollars were not math (prices, stray signs) and become literal `\$`.
 */
function titleMarkdown(title: string): string {
  if (renderInlineMarkdown(title, { file: "", line: 1 }).problems.length === 0) return title;
  return title.replace(/(?<!\\)\$/g, "\\$");
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
