import { softmax } from "@qkv/core";
import { describe, expect, test } from "vitest";
import { check } from "./check.js";
import type { MultipleChoiceExercise, NumericExercise } from "./exercise.js";
import { checkChoice, checkNumeric, instantiate, ratingFrom } from "./grade.js";

// Softmax of a random row; the expected value is computed by @qkv/core from the same draw.
const softmaxNumeric: NumericExercise = {
  kind: "numeric",
  id: "softmax-row",
  tolerance: { abs: 1e-3 },
  generate(rng) {
    const logits = [rng.int(5), rng.int(5), rng.int(5)];
    return {
      prompt: `softmax of [${logits.join(", ")}]`,
      expected: Array.from(softmax([logits]).data),
      explanation: "exp(x_i) / Σ exp(x_j)",
    };
  },
};

const scalarNumeric: NumericExercise = {
  kind: "numeric",
  id: "sigmoid-2",
  tolerance: { rel: 1e-6 },
  generate: () => ({ prompt: "σ(2)", expected: 1 / (1 + Math.exp(-2)), explanation: "e^2/(1+e^2)" }),
};

describe("checkNumeric", () => {
  test("instances are deterministic in the seed", () => {
    expect(instantiate(softmaxNumeric, 7)).toEqual(instantiate(softmaxNumeric, 7));
  });

  test("accepts the computed value typed as numbers or as an expression", () => {
    const inst = instantiate(softmaxNumeric, 3);
    const typed = `[${(inst.expected as number[]).map((v) => v.toFixed(4)).join(", ")}]`;
    const v = checkNumeric(softmaxNumeric, 3, typed);
    expect(v.correct).toBe(true);
    expect(v.tolerance).toBe("±0.001 absolute");
    expect(v.message).toContain("Correct");
    expect(checkNumeric(scalarNumeric, 0, "e^2/(1+e^2)").correct).toBe(true);
    expect(checkNumeric(scalarNumeric, 0, "0.88").correct).toBe(false);
  });

  test("a wrong element names its index, both values and the tolerance", () => {
    const inst = instantiate(softmaxNumeric, 3);
    const wrong = (inst.expected as number[]).map((v, i) => (i === 1 ? v + 0.01 : v));
    const v = checkNumeric(softmaxNumeric, 3, JSON.stringify(wrong));
    expect(v.correct).toBe(false);
    expect(v.message).toMatch(/at \[1\] differs: expected .*, got .*; tolerance ±0\.001 absolute/);
    expect(v.explanation).toBe("exp(x_i) / Σ exp(x_j)");
  });

  test("shape mismatch is explained in words", () => {
    const v = checkNumeric(softmaxNumeric, 3, "0.5");
    expect(v.correct).toBe(false);
    expect(v.message).toBe("Not quite: expected a vector of length 3, got a number.");
    expect(checkNumeric(softmaxNumeric, 3, "[[1,2,3],[4,5,6]]").message).toContain(
      "expected a vector of length 3, got a 2×3 matrix",
    );
  });

  test("unparsable input gives the reason", () => {
    const v = checkNumeric(scalarNumeric, 0, "two");
    expect(v.correct).toBe(false);
    expect(v.message).toMatch(/^Could not read your answer: unknown name "two"/);
    expect(v.given).toBe("two");
  });
});

describe("checkChoice", () => {
  const mc: MultipleChoiceExercise = {
    kind: "multiple-choice",
    id: "why-scale",
    prompt: "Why divide by $\\sqrt{d_k}$?",
    choices: [
      {
        text: "Keeps score variance near 1",
        correct: true,
        explanation: "Dot products of d_k unit-variance terms have variance d_k.",
      },
      { text: "Makes attention causal", correct: false, explanation: "Masking does that." },
    ],
  };
  test("right, wrong and out-of-range choices", () => {
    expect(checkChoice(mc, 0)).toMatchObject({ correct: true, given: "Keeps score variance near 1" });
    const wrong = checkChoice(mc, 1);
    expect(wrong.correct).toBe(false);
    expect(wrong.expected).toBe("Keeps score variance near 1");
    expect(wrong.explanation).toContain("Masking does that.");
    expect(checkChoice(mc, 5).message).toBe("There is no choice 6: pick 1 to 2.");
  });
  test("check() dispatches and refuses mismatched answer kinds", async () => {
    expect((await check(mc, { kind: "multiple-choice", choice: 0 })).correct).toBe(true);
    await expect(check(mc, { kind: "numeric", input: "1", seed: 0 })).rejects.toThrow(/does not fit/);
  });
});

test("ratingFrom maps verdicts and hints to FSRS ratings", () => {
  expect(ratingFrom({ correct: false })).toBe("again");
  expect(ratingFrom({ correct: true })).toBe("good");
  expect(ratingFrom({ correct: true }, 1)).toBe("hard");
});
