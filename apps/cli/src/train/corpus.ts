/** A question's id and its answer as plain text. */
export interface AnswerText {
  id: string;
  text: string;
}

export interface Corpus {
  train: string;
  validation: string;
}

/**
 * The answers in id order, every `holdOut`-th one (0, holdOut, 2·holdOut, …) set aside for validation, so the
 * validation text is whole answers the model never trained on. Answers are joined by a blank line.
 */
export function answerCorpus(answers: readonly AnswerText[], holdOut = 10): Corpus {
  const sorted = [...answers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const pick = (val: boolean) =>
    sorted
      .filter((_, i) => (i % holdOut === 0) === val)
      .map((a) => a.text.trim())
      .join("\n\n");
  return { train: pick(false), validation: pick(true) };
}
