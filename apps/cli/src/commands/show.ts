import type { Question } from "@qkv/quiz";
import type { CommandRun } from "../main.js";
import { loadQuestions } from "../content.js";
import type { Engine } from "../engine.js";
import { CliError } from "../errors.js";
import { wrapText } from "../wrap.js";

export const run: CommandRun = async (ctx, positionals) => {
  const { engine, questions } = await loadQuestions(ctx);
  const [id] = positionals;
  const questionId = id.split("/")[0];
  const q = questions.find((x) => x.id === questionId);
  if (!q) {
    const near = questions.filter((x) => x.id.includes(questionId)).map((x) => x.id).slice(0, 8);
    throw new CliError(`no question "${questionId}"${near.length ? `; did you mean: ${near.join(", ")}` : ' (see "qkv list")'}`);
  }
  const exerciseId = id.split("/")[1];
  if (exerciseId !== undefined && !engine.cardsOf(q).some((c) => c.id === `${q.id}/${exerciseId}`))
    throw new CliError(
      `question "${q.id}" has no exercise "${exerciseId}"; its exercises: ${engine.cardsOf(q).map((c) => c.id).join(", ")}`,
    );
  const columns = ctx.io.stdout.isTTY ? ctx.io.stdout.columns : undefined;
  for (const line of formatQuestion(engine, q)) ctx.out(columns ? wrapText(line, columns) : line);
  return 0;
};

/** Question, answer and exercises as plain text (the numeric exercises with a sample instance). */
export function formatQuestion(engine: Pick<Engine, "renderPlainText">, q: Question): string[] {
  const text = (md: string) => engine.renderPlainText(md).trim();
  const out = [`${q.title}`, `${q.id} · ${q.topic} · ${q.difficulty}${q.tags.length ? ` · ${q.tags.join(", ")}` : ""}`, ""];
  out.push("Question", "", text(q.question), "", "Answer", "", text(q.answer));
  if (q.experiments.length) out.push("", `Verified by experiment: ${q.experiments.join(", ")} (run: qkv verify ${q.experiments.join(" ")})`);
  if (q.exercises.length) {
    out.push("", `Exercises (${q.exercises.length})`);
    for (const e of q.exercises) {
      const prompt = e.kind === "numeric" ? "(numbers drawn per session)" : text(e.prompt).split("\n")[0];
      out.push(`  ${q.id}/${e.id}  ${e.kind}  ${prompt}`);
    }
  }
  return out;
}
