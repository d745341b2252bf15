import type { Question } from "@qkv/quiz";
import type { Context } from "./context.js";
import { loadEngine, type Engine } from "./engine.js";
import { CliError } from "./errors.js";

/**
 * Loads the engine and the content. Files with problems are left out with a one-line warning pointing at
 * `qkv check`; the learner can still study everything else.
 */
export async function loadQuestions(ctx: Context): Promise<{ engine: Engine; questions: Question[] }> {
  const engine = await loadEngine();
  let loaded;
  try {
    loaded = await engine.loadContentDir(ctx.contentDir);
  } catch (err) {
    throw new CliError(`could not load content from ${ctx.contentDir}: ${(err as Error).message}`);
  }
  if (loaded.problems.length > 0) {
    ctx.err(`warning: ${loaded.problems.length} problem(s) in ${ctx.contentDir}; affected files are left out (run "qkv check" for details)`);
  }
  if (loaded.questions.length === 0) throw new CliError(`no questions found in ${ctx.contentDir}`);
  return { engine, questions: loaded.questions };
}
