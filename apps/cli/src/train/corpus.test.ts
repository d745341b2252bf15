import { describe, expect, it } from "vitest";
import { answerCorpus } from "./corpus.js";

describe("answerCorpus", () => {
  it("holds out every n-th answer by id, independent of input order", () => {
    const answers = Array.from({ length: 7 }, (_, i) => ({ id: `q${i}`, text: ` answer ${i} ` }));
    const c = answerCorpus([...answers].reverse(), 3);
    expect(c.validation).toBe("answer 0\n\nanswer 3\n\nanswer 6");
    expect(c.train).toBe("answer 1\n\nanswer 2\n\nanswer 4\n\nanswer 5");
  });
});
