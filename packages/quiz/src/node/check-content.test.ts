import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatProblem } from "../problem.js";
import { checkContent, loadContentDir, runExample } from "./index.js";

describe("runExample", () => {
  test("runs TypeScript against @qkv/core and captures console.log", async () => {
    const r = await runExample(
      'import { softmax, tensor } from "@qkv/core";\nconst p = softmax(tensor([[0, 0]]));\nconsole.log(Array.from(p.data as Float64Array, (v: number) => v.toFixed(2)).join(" "));\nconsole.log("n =", 2);',
    );
    expect(r).toEqual({ output: "0.50 0.50\nn = 2" });
  });

  test("only @qkv/core can be imported; throws and syntax errors are reported", async () => {
    expect(await runExample('import { readFileSync } from "node:fs";\nconsole.log(1);')).toEqual({
      output: "",
      error: 'Error: examples may import only from "@qkv/core", not "node:fs"',
    });
    expect(await runExample('console.log("before");\nthrow new RangeError("bad");')).toEqual({
      output: "before",
      error: "RangeError: bad",
    });
    expect((await runExample("const x: = 1;")).error).toMatch(/^does not compile/);
  });
});

// A throw-away content directory inside this package, so its exercises modules resolve "@qkv/quiz" (self-reference)
// and "@qkv/core" like the real content/ does.
const PKG = fileURLToPath(new URL("../..", import.meta.url));
let dir = "";
const write = (rel: string, text: string) => {
  mkdirSync(join(dir, rel, ".."), { recursive: true });
  writeFileSync(join(dir, rel), text);
};
const front = (topic: string, id: string, core = "[]") =>
  `---\nid: ${id}\ntitle: T\ntopic: ${topic}\ndifficulty: basic\ntags: []\nsources: []\ncore: ${core}\n---\n\n## Question\n\nQ?\n\n## Answer\n\n`;

beforeAll(() => {
  dir = mkdtempSync(join(PKG, ".tmp-content-"));
  write(
    "attention/good.md",
    `${front("attention", "good", "[softmax]")}Fine: $\\sqrt{d_k}$.\n\n\`\`\`ts example\nimport { softmax, tensor } from "@qkv/core";\nconsole.log(softmax(tensor([[0, 0]])).data[0].toFixed(1));\n\`\`\`\n\n\`\`\`text output\n0.5\n\`\`\`\n`,
  );
  write(
    "attention/good.exercises.ts",
    `import { softmax } from "@qkv/core";
import { defineExercises } from "@qkv/quiz";
export default defineExercises([
  {
    kind: "numeric",
    id: "half",
    tolerance: { abs: 1e-6 },
    generate: (rng) => { const n = 2 + rng.int(3); return { prompt: \`1/\${n}\`, expected: softmax([new Array(n).fill(0)]).data[0], explanation: "uniform" }; },
  },
  {
    kind: "code",
    id: "double",
    prompt: "Double each entry.",
    functionName: "double",
    starter: "export function double(x: number[]): number[] {\\n  throw new Error(\\"TODO\\");\\n}",
    solution: "export function double(x: number[]): number[] {\\n  return x.map((v) => 2 * v);\\n}",
    tests: (rng) => [{ args: [[rng.normal(), rng.normal()]] }],
    reference: (x) => (x as number[]).map((v) => 2 * v),
    tolerance: { abs: 1e-12 },
    wrongSolutions: [{ label: "adds instead", code: "export function double(x: number[]): number[] { return x.map((v) => v + 2); }" }],
  },
]);
`,
  );
  write(
    "coverage/seed.yaml",
    "- source: seed-000-q1\n  title: ok\n  ids: [good]\n- source: seed-000-q2\n  title: missing\n  ids: [nowhere]\n",
  );
  write(
    "decoding/bad-output.md",
    `${front("decoding", "bad-output", "[noSuchExport]")}Broken $\\frac{a$ formula.\n\n\`\`\`ts example\nconsole.log("a");\nconsole.log("b");\n\`\`\`\n\n\`\`\`text output\na\nc\n\`\`\`\n`,
  );
  write(
    "decoding/bad-output.exercises.ts",
    `import { defineExercises } from "@qkv/quiz";
export default defineExercises([
  { kind: "numeric", id: "nan", tolerance: { abs: 0.1 }, generate: (rng) => ({ prompt: "p", expected: rng.int(10) === 3 ? NaN : 1, explanation: "e" }) },
  {
    kind: "code",
    id: "weak-tests",
    prompt: "Identity.",
    functionName: "id",
    starter: "export function id(x: number): number { throw new Error('TODO'); }",
    solution: "export function id(x: number): number { return x + 1; }",
    tests: () => [{ args: [0] }],
    reference: (x) => x,
    tolerance: {},
    wrongSolutions: [{ label: "returns zero", code: "export function id(x: number): number { return 0; }" }],
  },
]);
`,
  );
  write("tokens/broken-module.md", `${front("tokens", "broken-module")}Ok.\n`);
  write(
    "tokens/broken-module.exercises.ts",
    `import { defineExercises } from "@qkv/quiz";\nexport default defineExercises([\n  { kind: "recall", id: "x", prompt: "p", answer: "a" },,\n  oops(\n]);\n`,
  );
  write("tokens/malformed.md", "---\nid: malformed\ntitle: [\n---\n");
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("loadContentDir / checkContent on a directory with real problems", () => {
  test("a broken exercises module is a problem, not a crash; the rest loads", { timeout: 120_000 }, async () => {
    const { questions, problems } = await loadContentDir(dir);
    expect(questions.map((q) => q.id).sort()).toEqual(["bad-output", "broken-module", "good"]);
    expect(questions.find((q) => q.id === "good")!.exercises.map((e) => e.id)).toEqual(["half", "double"]);
    const shown = problems.map(formatProblem);
    expect(shown).toEqual([
      expect.stringMatching(
        /tokens\/broken-module\.exercises\.ts:5: cannot import the exercises module: syntax error: Unexpected "]"$/,
      ),
      expect.stringMatching(/tokens\/malformed\.md:3: front matter: /),
      expect.stringMatching(/tokens\/malformed\.md:5: missing `## Question` section$/),
      expect.stringMatching(/tokens\/malformed\.md:5: missing `## Answer` section$/),
    ]);
  });

  test("a module that throws on import or has no default export is a problem; so is a missing folder", { timeout: 120_000 }, async () => {
    const own = mkdtempSync(join(PKG, ".tmp-content-"));
    try {
      const put = (rel: string, text: string) => {
        mkdirSync(join(own, rel, ".."), { recursive: true });
        writeFileSync(join(own, rel), text);
      };
      put("tokens/throws.md", `${front("tokens", "throws")}Ok.\n`);
      put("tokens/throws.exercises.ts", 'throw new Error("boom");\nexport default [];\n');
      put("tokens/no-default.md", `${front("tokens", "no-default")}Ok.\n`);
      put("tokens/no-default.exercises.ts", "export const exercises = [];\n");
      const { questions, problems } = await loadContentDir(own);
      expect(problems.map(formatProblem)).toEqual([
        expect.stringMatching(/tokens\/no-default\.exercises\.ts:1: no default export: end the module with export default/),
        expect.stringMatching(/tokens\/throws\.exercises\.ts:1: cannot import the exercises module: boom$/),
      ]);
      // The Markdown still loads: those questions have no exercises (front ends show a recall card).
      expect(questions.map((q) => [q.id, q.exercises.length])).toEqual([["no-default", 0], ["throws", 0]]);
      const missing = await loadContentDir(join(own, "missing"));
      expect(missing.questions).toEqual([]);
      expect(missing.problems.map(formatProblem)).toEqual([expect.stringMatching(/missing:1: cannot read the content directory: ENOENT/)]);
      // A topic folder passed where the content folder belongs holds no topic folders: nothing checked, said so.
      const topic = await loadContentDir(join(own, "tokens"));
      expect(topic.questions).toEqual([]);
      expect(topic.problems.map(formatProblem)).toEqual([
        expect.stringMatching(/tokens:1: no questions found: .*this folder holds question files itself \(a topic folder\?\); pass the content folder$/),
      ]);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  test("checkContent reports each defect with its file and line", { timeout: 300_000 }, async () => {
    const problems = (await checkContent(dir, { numericSeeds: 50, codeSeeds: 2 }))
      .map(formatProblem)
      .map((p) => p.replace(/^.*?\.tmp-content-[^/]+\//, ""));
    const expected = [
      /^decoding\/bad-output\.md:17: bad formula "\\\\frac\{a": /,
      /^decoding\/bad-output\.md:1: core: "noSuchExport" is not an export of @qkv\/core$/,
      /^decoding\/bad-output\.md:26: example output does not match what the code prints; output line 2 differs:\n {2}- expected: "c"\n {2}\+ printed: {2}"b"$/,
      /^decoding\/bad-output\.exercises\.ts:3: exercise "nan": seed \d+: expected must be a finite number, vector or matrix, got null$/,
      /^decoding\/bad-output\.exercises\.ts:6: exercise "weak-tests": the solution fails its hidden tests \(seed 0\): 0\/1 tests passed; test 1: value differs: expected 0, got 1; tolerance exact$/,
      /^decoding\/bad-output\.exercises\.ts:6: exercise "weak-tests": wrong solution "returns zero" passes the hidden tests \(seed 0\); the tests must catch it$/,
      /^decoding\/bad-output\.exercises\.ts:6: exercise "weak-tests": the solution fails its hidden tests \(seed 1\)/,
      /^decoding\/bad-output\.exercises\.ts:6: exercise "weak-tests": wrong solution "returns zero" passes the hidden tests \(seed 1\)/,
      /^coverage\/seed\.yaml:4: coverage: seed-000-q2 names "nowhere", which is not a loaded question$/,
    ];
    const rest = problems.filter((p) => !/broken-module|malformed/.test(p));
    expect(rest).toHaveLength(expected.length);
    expected.forEach((re, i) => expect(rest[i]).toMatch(re));
    expect(problems.filter((p) => /broken-module\.exercises|malformed\.md/.test(p))).toHaveLength(4);
  });

  test("onProgress is called once per question, as each finishes, with done counting up to total", { timeout: 300_000 }, async () => {
    const calls: [number, number, string][] = [];
    await checkContent(dir, { numericSeeds: 1, codeSeeds: 1, onProgress: (done, total, id) => calls.push([done, total, id]) });
    const ids = (await loadContentDir(dir)).questions.map((q) => q.id);
    expect(ids.length).toBeGreaterThan(1);
    expect(calls.map(([done]) => done)).toEqual(ids.map((_, i) => i + 1));
    expect(new Set(calls.map(([, total]) => total))).toEqual(new Set([ids.length]));
    expect(calls.map(([, , id]) => id).sort()).toEqual([...ids].sort());
  });

  test("a wrong solution that passes the hidden tests is reported", { timeout: 120_000 }, async () => {
    write("feed-forward/lenient.md", `${front("feed-forward", "lenient")}Ok.\n`);
    write(
      "feed-forward/lenient.exercises.ts",
      `import { defineExercises } from "@qkv/quiz";
export default defineExercises([{
  kind: "code", id: "relu", prompt: "ReLU of x.", functionName: "relu",
  starter: "export function relu(x: number): number { throw new Error('TODO'); }",
  solution: "export function relu(x: number): number { return Math.max(0, x); }",
  tests: () => [{ args: [3] }],
  reference: (x) => Math.max(0, x as number),
  tolerance: {},
  wrongSolutions: [{ label: "identity", code: "export function relu(x: number): number { return x; }" }],
}]);
`,
    );
    const problems = (await checkContent(dir, { codeSeeds: 1 }))
      .map(formatProblem)
      .filter((p) => p.includes("lenient"));
    expect(problems).toEqual([
      expect.stringMatching(
        /feed-forward\/lenient\.exercises\.ts:3: exercise "relu": wrong solution "identity" passes the hidden tests \(seed 0\); the tests must catch it$/,
      ),
    ]);
  });

  test("with seedsDir, every numbered seed question needs a coverage entry", { timeout: 120_000 }, async () => {
    const seeds = join(dir, "..", `${dir.split("/").pop()}-seeds`);
    mkdirSync(seeds, { recursive: true });
    try {
      writeFileSync(join(seeds, "000_abc.txt"), "## Q1: What is a token?\n### Answer\nA piece.\n\n## Q2: Why BPE?\n### Answer\nBalance.\n");
      writeFileSync(join(seeds, "001_def.txt"), "**1. Question:** What?\n**Answer:** That.\n");
      write("coverage/000_abc.yaml", "- source: seed-000-q1\n  title: token\n  ids: [good]\n");
      const problems = (await checkContent(dir, { codeSeeds: 1, numericSeeds: 1, seedsDir: seeds }))
        .map(formatProblem)
        .filter((p) => p.includes("coverage") && !p.includes("seed.yaml"))
        .map((p) => p.replace(/^.*?\.tmp-content-[^/]+\//, ""));
      expect(problems).toEqual([
        'coverage/000_abc.yaml:1: coverage: no entry for seed-000-q2 ("Why BPE?")',
        "coverage/001_def.yaml:1: coverage: missing file for seed 001_def.txt (map each of its questions to ids)",
      ]);
    } finally {
      rmSync(seeds, { recursive: true, force: true });
    }
  });
});
