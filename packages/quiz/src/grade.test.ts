import { Rng, softmax } from "@qkv/core";
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
    // Unreadable is flagged so front ends record no review; a readable wrong answer is not.
    expect(v.unreadable).toBe(true);
    expect(checkNumeric(scalarNumeric, 0, "1e9").unreadable).toBeUndefined();
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

describe("numeric feedback names the mistake and never shows two equal numbers", () => {
  // A √ exercise with a named mistake computed from the same parameters.
  const rms: NumericExercise = {
    kind: "numeric",
    id: "rms",
    tolerance: { abs: 1e-9 },
    generate(rng) {
      const x = [1 + rng.int(5), 1 + rng.int(5)];
      const ms = (x[0] ** 2 + x[1] ** 2) / 2;
      return {
        prompt: `RMS of [${x}]`,
        expected: Math.sqrt(ms),
        explanation: "",
        mistakes: [{ name: "forget the square root", value: ms }],
      };
    },
  };

  test("a wrong answer equal to a declared mistake is named; the right one names none", () => {
    const inst = instantiate(rms, 5);
    const m = inst.mistakes![0].value as number;
    const wrong = checkNumeric(rms, 5, String(m));
    expect(wrong.correct).toBe(false);
    expect(wrong.mistake).toBe("forget the square root");
    expect(wrong.message).toContain("That is what you get when you forget the square root.");
    const right = checkNumeric(rms, 5, String(inst.expected));
    expect(right.correct).toBe(true);
    expect(right.mistake).toBeUndefined();
    expect(checkNumeric(rms, 5, String(m + 1)).mistake).toBeUndefined();
  });

  const exact = (value: number, tolerance: NumericExercise["tolerance"]): NumericExercise => ({
    kind: "numeric",
    id: "exact",
    tolerance,
    generate: () => ({ prompt: "", expected: value, explanation: "" }),
  });

  test("2.0000001 against 2 at 1e-9: the two numbers print differently", () => {
    const v = checkNumeric(exact(2, { abs: 1e-9 }), 0, "2.0000001");
    expect(v.correct).toBe(false);
    expect(v.expected).toBe("2");
    expect(v.given).toBe("2.0000001");
    expect(v.message).toContain("expected 2, got 2.0000001");
  });

  test("the displayed expected value, typed back, passes (1557612345 with a tight tolerance)", () => {
    for (const [value, tol] of [
      [1557612345, { abs: 0.5 }],
      [1557612345, { rel: 1e-9 }],
      [0.1 + 0.2, {}],
      [1 / 3, { abs: 1e-12 }],
      [6.02214076e23, { rel: 1e-6 }],
    ] as const) {
      const ex = exact(value, tol);
      const shown = checkNumeric(ex, 0, "0").expected;
      expect(checkNumeric(ex, 0, shown).correct, `${value} shown as ${shown}`).toBe(true);
    }
    expect(checkNumeric(exact(1557612345, { abs: 0.5 }), 0, "0").expected).toBe("1557612345");
  });

  test("property: for any wrong answer the expected and given texts differ", () => {
    const rng = new Rng(11);
    for (let k = 0; k < 2000; k++) {
      const want = (rng.uniform() - 0.5) * 10 ** rng.int(12);
      const got = want + (rng.uniform() - 0.5) * 10 ** -rng.int(14);
      const ex = exact(want, { abs: 1e-12 });
      const v = checkNumeric(ex, 0, String(got));
      if (!v.correct) expect(v.given, `${want} vs ${got}`).not.toBe(v.expected);
      else expect(v.given).toBeDefined();
    }
  });
});
