// Build-time content: every content/<topic>/<slug>.md and its exercises module, loaded and rendered by @qkv/quiz.
// A content problem fails the build with file:line messages (the site never publishes half-broken content).
import {
  TOPICS,
  cardsOf,
  formatProblem,
  instantiate,
  loadContent,
  pathParts,
  renderMarkdown,
  type Exercise,
  type Problem,
  type Question,
} from "@qkv/quiz";
import { exerciseFiles, questionFiles } from "@qkv/content/vite";

function load(): Question[] {
  const modules: Record<string, unknown> = {};
  const sources: Record<string, { path: string; text: string }> = {};
  for (const { path, module, text } of exerciseFiles) {
    const id = pathParts(path).slug.replace(/\.exercises\.ts$/, "");
    modules[id] = module;
    sources[id] = { path, text };
  }
  const { questions, problems } = loadContent(questionFiles, modules, { exerciseSources: sources });
  fail(problems);
  const order = (t: string) => (TOPICS as readonly string[]).indexOf(t);
  return questions.sort((a, b) => order(a.topic) - order(b.topic) || a.title.localeCompare(b.title));
}

function fail(problems: readonly Problem[]): void {
  if (problems.length > 0) throw new Error(`content problems:\n${problems.map(formatProblem).join("\n")}`);
}

let cached: Question[] | undefined;
export function questions(): Question[] {
  return (cached ??= load());
}

export function questionsOf(topic: string): Question[] {
  return questions().filter((q) => q.topic === topic);
}

export function topicsWithContent(): string[] {
  return TOPICS.filter((t) => questions().some((q) => q.topic === t));
}

/** Markdown → HTML with KaTeX, at build time; a bad formula fails the build naming file and line. */
export function md(source: string, file: string, line = 1): string {
  const { html, problems } = renderMarkdown(source, { file, line });
  fail(problems);
  return html;
}

export function questionUrl(q: Pick<Question, "topic" | "id">): string {
  return `/topics/${q.topic}/${q.id}/`;
}

/** Seeds whose numeric instances are pre-rendered into the page (the browser picks among them). */
export const NUMERIC_SEEDS = [1, 2, 3, 4, 5];

export interface RenderedExercise {
  id: string;
  cardId: string;
  kind: Exercise["kind"];
  promptHtml: string;
  hintsHtml: string[];
  /** multiple-choice */
  choices?: { html: string; explanationHtml: string }[];
  /** numeric: one pre-rendered instance per seed */
  instances?: { seed: number; promptHtml: string; explanationHtml: string }[];
  /** code */
  starter?: string;
  functionName?: string;
  /** recall */
  answerHtml?: string;
  /** the default recall card of a question without exercises (its answer is the page itself) */
  isDefaultRecall?: boolean;
}

/** Every card of a question with its Markdown rendered now, so the browser needs no Markdown or KaTeX code. */
export function renderedExercises(q: Question): RenderedExercise[] {
  const file = q.path.replace(/\.md$/, ".exercises.ts");
  const r = (s: string) => md(s, file);
  return cardsOf(q).map(({ id: cardId, exercise: e }) => {
    const base = { id: e.id, cardId, kind: e.kind, hintsHtml: (e.hints ?? []).map(r) };
    switch (e.kind) {
      case "multiple-choice":
        return {
          ...base,
          promptHtml: r(e.prompt),
          choices: e.choices.map((c) => ({ html: r(c.text), explanationHtml: r(c.explanation) })),
        };
      case "numeric":
        return {
          ...base,
          promptHtml: "",
          instances: NUMERIC_SEEDS.map((seed) => {
            const inst = instantiate(e, seed);
            return { seed, promptHtml: r(inst.prompt), explanationHtml: r(inst.explanation) };
          }),
        };
      case "code":
        return { ...base, promptHtml: r(e.prompt), starter: e.starter, functionName: e.functionName };
      case "recall":
        return q.exercises.length === 0
          ? { ...base, promptHtml: "", isDefaultRecall: true }
          : { ...base, promptHtml: r(e.prompt), answerHtml: r(e.answer) };
    }
  });
}

/** What the browser needs to compute progress statistics with @qkv/quiz's topicStats: ids, topics, exercise ids. */
export function deck(): { id: string; title: string; topic: string; exercises: { id: string; kind: string }[] }[] {
  return questions().map((q) => ({
    id: q.id,
    title: q.title,
    topic: q.topic,
    exercises: q.exercises.map((e) => ({ id: e.id, kind: e.kind })),
  }));
}
