import type { Question } from "@qkv/quiz";
import { difficultyArg, splitTopics } from "../args.js";
import type { CommandRun } from "../main.js";
import { loadQuestions } from "../content.js";
import type { Engine } from "../engine.js";
import { wrapText } from "../wrap.js";
import { filterQuestions } from "../session.js";

export const run: CommandRun = async (ctx, _positionals, values) => {
  const topics = splitTopics(values.topic);
  const difficulty = difficultyArg(values.difficulty);
  const { engine, questions } = await loadQuestions(ctx);
  const shown = filterQuestions(engine, questions, { topics, difficulty });
  if (values.json) {
    ctx.out(JSON.stringify(listJson(engine, shown)));
    return 0;
  }
  // Piped output stays one line per question; a terminal gets titles wrapped at spaces to its width.
  for (const line of formatList(shown, ctx.io.stdout.isTTY ? ctx.io.stdout.columns : undefined)) ctx.out(line);
  return 0;
};

/** `qkv list --json`: one array, a record per question with its cards (ids usable with quiz, practice and show). */
export function listJson(engine: Pick<Engine, "cardsOf">, questions: readonly Question[]) {
  return questions.map((q) => ({
    id: q.id,
    title: q.title,
    topic: q.topic,
    difficulty: q.difficulty,
    tags: q.tags,
    exercises: engine.cardsOf(q).map((c) => ({ id: c.id, kind: c.exercise.kind })),
  }));
}

/**
 * Grouped by topic: `  id  difficulty  kinds  title`. With `columns`, titles wrap at spaces under their column, or
 * go on their own indented lines when fewer than 24 columns are left for them.
 */
export function formatList(questions: readonly Question[], columns?: number): string[] {
  const out: string[] = [];
  const idWidth = Math.max(0, ...questions.map((q) => q.id.length));
  let topic = "";
  for (const q of questions) {
    if (q.topic !== topic) {
      if (topic !== "") out.push("");
      topic = q.topic;
      out.push(`${topic} (${questions.filter((x) => x.topic === topic).length})`);
    }
    const kinds = [...new Set(q.exercises.map((e) => e.kind))].join(",") || "recall";
    const head = `  ${q.id.padEnd(idWidth)}  ${q.difficulty.padEnd(12)}  ${kinds.padEnd(24)}  `;
    if (columns === undefined) out.push(head + q.title);
    else if (columns - head.length >= 24) {
      const [first, ...rest] = wrapText(q.title, columns - head.length).split("\n");
      out.push(head + first, ...rest.map((l) => " ".repeat(head.length) + l));
    } else {
      // Narrow: the fields, then the title indented below them.
      out.push(...wrapText(`  ${q.id}  ${q.difficulty}  ${kinds}`, columns).split("\n"));
      out.push(...wrapText(`      ${q.title}`, columns).split("\n"));
    }
  }
  if (questions.length === 0) out.push("no questions match");
  return out;
}
