import type { Question } from "@qkv/quiz";
import { difficultyArg, splitTopics } from "../args.js";
import type { CommandRun } from "../main.js";
import { loadQuestions } from "../content.js";
import type { Engine } from "../engine.js";
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
  for (const line of formatList(shown)) ctx.out(line);
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

/** Grouped by topic: `  id  difficulty  kinds  title`. */
export function formatList(questions: readonly Question[]): string[] {
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
    out.push(`  ${q.id.padEnd(idWidth)}  ${q.difficulty.padEnd(12)}  ${kinds.padEnd(24)}  ${q.title}`);
  }
  if (questions.length === 0) out.push("no questions match");
  return out;
}
