import { describe, expect, test } from "vitest";
import { cardsOf } from "./cards.js";
import { loadContent, validateExercises } from "./load.js";

const file = (topic: string, id: string, extra = "") => ({
  path: `content/${topic}/${id}.md`,
  text: `---\nid: ${id}\ntitle: T ${id}\ntopic: ${topic}\ndifficulty: basic\ntags: []\nsources: []\ncore: []\n---\n\n## Question\n\nQ ${id}?\n\n## Answer\n\nA ${id}.${extra}\n`,
});

const mc = {
  kind: "multiple-choice",
  id: "pick",
  prompt: "Which?",
  choices: [
    { text: "Right", correct: true, explanation: "" },
    { text: "Wrong", correct: false, explanation: "Because." },
  ],
};

describe("loadContent", () => {
  test("a malformed file is reported and the rest still loads", () => {
    const broken = { path: "content/attention/broken.md", text: "---\nid: broken\n" };
    const r = loadContent([file("attention", "a"), broken, file("decoding", "b")], { a: [mc] });
    expect(r.questions.map((q) => q.id)).toEqual(["a", "b"]);
    expect(r.questions[0].exercises).toEqual([mc]);
    expect(r.problems).toEqual([
      { file: "content/attention/broken.md", line: 1, message: "front matter is not closed: no second `---` line" },
    ]);
  });

  test("duplicate ids and orphan exercise modules are problems", () => {
    const dup = { ...file("attention", "a"), path: "content/decoding/a.md" };
    const r = loadContent([file("attention", "a"), dup], { ghost: [mc] });
    expect(r.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('topic "attention" must equal the folder name "decoding"'),
        'exercises for "ghost" but there is no question file ghost.md beside them',
      ]),
    );
  });

  test("cards: one per exercise, or a recall card from the question itself", () => {
    const r = loadContent([file("attention", "a"), file("attention", "b")], { a: [mc] });
    expect(cardsOf(r.questions[0]).map((c) => c.id)).toEqual(["a/pick"]);
    const [card] = cardsOf(r.questions[1]);
    expect(card.id).toBe("b/recall");
    expect(card.exercise).toEqual({ kind: "recall", id: "recall", prompt: "Q b?", answer: "A b." });
  });
});

describe("validateExercises", () => {
  const src = `export default defineExercises([\n  {\n    id: "pick",\n  },\n  {\n    id: "num",\n  },\n]);`;
  const problems = (value: unknown) =>
    validateExercises(value, "x.exercises.ts", src).problems.map((p) => `${p.line}: ${p.message}`);

  test("valid exercises of every kind pass", () => {
    const numeric = {
      kind: "numeric",
      id: "num",
      tolerance: { abs: 1e-3 },
      generate: () => ({ prompt: "p", expected: 1, explanation: "e" }),
    };
    const code = {
      kind: "code",
      id: "impl",
      prompt: "Implement f",
      functionName: "f",
      starter: "export function f() { throw new Error('TODO'); }",
      solution: "export function f() { return 1; }",
      tests: () => [],
      reference: () => 1,
      tolerance: {},
      wrongSolutions: [{ label: "zero", code: "export function f() { return 0; }" }],
    };
    const recall = { kind: "recall", id: "card", prompt: "p", answer: "a" };
    expect(validateExercises([mc, numeric, code, recall], "x.exercises.ts")).toEqual({
      exercises: [mc, numeric, code, recall],
      problems: [],
    });
  });

  test("ids unique, MC needs a correct choice and explanations for wrong ones, lines point at the id", () => {
    expect(problems("nope")).toEqual([
      "1: the default export must be an array of exercises (export default defineExercises([...]))",
    ]);
    expect(
      problems([
        {
          ...mc,
          choices: [
            { text: "A", correct: false, explanation: "" },
            { text: "B", correct: false, explanation: "why" },
          ],
        },
        { ...mc },
      ]),
    ).toEqual([
      '3: exercise "pick": choice 1 is wrong and must explain why in "explanation"',
      '3: exercise "pick": no choice is marked correct',
      '3: exercise "pick": duplicate id "pick" (ids must be unique within the question)',
    ]);
    expect(problems([{ kind: "numeric", id: "num", tolerance: { abs: -1 } }])).toEqual([
      '6: exercise "num": "tolerance" must be { abs?: number ≥ 0, rel?: number ≥ 0 } ({} compares exactly)',
      '6: exercise "num": "generate" must be a function',
    ]);
    expect(
      problems([
        {
          kind: "code",
          id: "c",
          functionName: "bad name",
          prompt: "p",
          starter: "s",
          solution: "s",
          tests: 1,
          reference: () => 0,
          tolerance: {},
        },
      ]),
    ).toEqual([
      '1: exercise "c": "tests" must be a function',
      '1: exercise "c": "functionName" must be a JavaScript identifier, got "bad name"',
    ]);
    expect(
      problems([
        { kind: "essay", id: "e" },
        { id: "Bad Id", kind: "recall", prompt: "p", answer: "a" },
      ]),
    ).toEqual([
      '1: exercise "e": "kind" must be multiple-choice, numeric, code or recall, got "essay"',
      '1: exercise "Bad Id": "id" must be kebab-case, got "Bad Id"',
    ]);
  });
});
