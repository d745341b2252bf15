import { describe, expect, it } from "vitest";
import { questions } from "./content";
import { DEMO_QUESTIONS, demosOfQuestion } from "./demo-questions";
import { DEMOS } from "./topics";

describe("demo ↔ question mapping", () => {
  const ids = new Set(questions().map((q) => q.id));

  it("names only existing questions, each once per demo", () => {
    for (const [demo, qs] of Object.entries(DEMO_QUESTIONS)) {
      for (const id of qs) expect(ids.has(id), `demo ${demo} lists question "${id}", which is not in content/`).toBe(true);
      expect(new Set(qs).size, `demo ${demo} lists a question twice`).toBe(qs.length);
    }
  });

  it("covers every demo, and only demos that exist", () => {
    const slugs: string[] = DEMOS.map((d) => d.slug);
    for (const demo of Object.keys(DEMO_QUESTIONS)) expect(slugs, `DEMO_QUESTIONS has "${demo}", which is not in DEMOS`).toContain(demo);
    for (const slug of slugs) expect(DEMO_QUESTIONS[slug]?.length ?? 0, `demo ${slug} names no questions: add it to DEMO_QUESTIONS`).toBeGreaterThan(0);
  });

  it("gives every listed question a link to a demo page that exists", () => {
    for (const [demo, qs] of Object.entries(DEMO_QUESTIONS)) {
      for (const id of qs) expect(demosOfQuestion(id).map((d) => d.href)).toContain(`/demos/${demo}/`);
    }
    expect(demosOfQuestion("no-such-question")).toEqual([]);
  });
});
