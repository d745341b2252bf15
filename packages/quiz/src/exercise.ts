import type { Rng } from "@qkv/core";

/**
 * Exercise kinds. Each question's exercises live next to it as `content/<topic>/<slug>.exercises.ts`, whose default
 * export is an `Exercise[]` (use `defineExercises` for type checking). Expected values are always computed (by
 * @qkv/core), never pasted.
 */
export type Exercise = MultipleChoiceExercise | NumericExercise | CodeExercise | RecallExercise;


interface ExerciseBase {
  /** Unique within the question; the full id is `<questionId>/<id>`. */
  id: string;
  /** Progressive hints, revealed one at a time; using one lowers the FSRS rating. */
  hints?: string[];
}

export interface MultipleChoiceExercise extends ExerciseBase {
  kind: "multiple-choice";
  /** Markdown, may contain $math$. */
  prompt: string;
  /** At least two choices; at least one correct. Every wrong choice explains why it is wrong. */
  choices: { text: string; correct: boolean; explanation: string }[];
}

/** A value a numeric exercise expects: a scalar, a vector or a matrix. */
export type NumericValue = number | number[] | number[][];

export interface Tolerance {
  /** Absolute tolerance per element. */
  abs?: number;
  /** Relative tolerance per element (|got - want| <= rel * |want|). An answer passes if either bound holds. */
  rel?: number;
}

export interface NumericInstance {
  /** Markdown prompt with this instance's parameters filled in. */
  prompt: string;
  /** Computed with @qkv/core from the same parameters. */
  expected: NumericValue;
  /** Markdown shown after answering: how the value is obtained. */
  explanation: string;
  /**
   * Common mistakes with the value each gives for this instance's parameters (computed like `expected`). A wrong
   * answer matching one (within the tolerance) is named: "you get this when you <name>".
   */
  mistakes?: NumericMistake[];
}

export interface NumericMistake {
  /** Completes "you get this when you …", e.g. "forget the square root". */
  name: string;
  value: NumericValue;
}

export interface NumericExercise extends ExerciseBase {
  kind: "numeric";
  tolerance: Tolerance;
  /** Draw parameters from `rng` and compute the expected value with @qkv/core. Must be deterministic in `rng`. */
  generate(rng: Rng): NumericInstance;
}

export interface CodeTestCase {
  /** Arguments passed to the learner's function (plain numbers and nested arrays, JSON-serialisable). */
  args: unknown[];
}

export interface CodeExercise extends ExerciseBase {
  kind: "code";
  /** Markdown: what to implement. */
  prompt: string;
  /** Name of the function the learner must define (and export). */
  functionName: string;
  /** TypeScript starter code containing the signature and a `throw new Error("TODO")` body. */
  starter: string;
  /** A correct solution in the same TypeScript form as the starter; the checker runs it against the tests. */
  solution: string;
  /** Hidden randomised test cases. */
  tests(rng: Rng): CodeTestCase[];
  /** Reference answer for one test case, computed with @qkv/core. */
  reference(...args: unknown[]): unknown;
  tolerance: Tolerance;
  /**
   * Known mistakes: plausible wrong solutions the hidden tests must reject (checked by the content tests). When a
   * learner's output equals one's on every test case, the verdict names it by its label.
   */
  wrongSolutions?: { label: string; code: string }[];
  /** Intermediate steps, in order; the diagnosis of a failing solution names the first one that diverges. */
  steps?: CodeStep[];
}

/**
 * One intermediate step of a code exercise (e.g. the scores of attention). The learner's helper `functionName` is
 * called on the step's arguments, computed from a test case by the reference, and compared with `reference`.
 * A step whose helper the learner did not define is not checked.
 */
export interface CodeStep {
  /** What the step computes, e.g. "scores QKᵀ/√d_k". */
  name: string;
  functionName: string;
  /** The step's arguments for one test case's arguments. */
  args(...caseArgs: unknown[]): unknown[];
  /** The step's correct value. */
  reference(...stepArgs: unknown[]): unknown;
}

export interface RecallExercise extends ExerciseBase {
  kind: "recall";
  /** Markdown front of the card. */
  prompt: string;
  /** Markdown back of the card; the learner grades themselves. */
  answer: string;
}

/** Identity helper that gives an exercises module its types. */
export function defineExercises(exercises: Exercise[]): Exercise[] {
  return exercises;
}
