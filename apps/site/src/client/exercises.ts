// Wires the exercises of a question page: answers are graded by @qkv/quiz (loaded on first use), the FSRS review
// is recorded in localStorage, and the pre-rendered explanation for the answer is revealed. No grader from
// @qkv/quiz is imported here: numeric grading pulls in mathjs and code grading sucrase, so each comes in its own lazy
// chunk (./grading for numeric and multiple-choice, ./code-grading for code exercises only).
import { cardState, dueDateForDate, interviewInstant, type Rating } from "@qkv/quiz";
import { initCodeBox } from "./code-box";
import { diagnosisElement } from "./diagnosis-view";
import { loadProgress, review, reviewedThisSession } from "./progress";

type Grading = typeof import("./grading");
let grading: Promise<Grading> | undefined;
const grader = () => (grading ??= import("./grading"));
type CodeGrading = typeof import("./code-grading");
let codeGrading: Promise<CodeGrading> | undefined;
const codeGrader = () => (codeGrading ??= import("./code-grading"));

function showStatus(article: HTMLElement): void {
  const el = article.querySelector<HTMLElement>("[data-card-status]");
  if (!el) return;
  const s = cardState(loadProgress(), article.dataset.card!, new Date());
  if (s.isNew) {
    el.textContent = "new";
    el.dataset.state = "new";
    return;
  }
  // With an interview date ahead, the plan's due date (capped before the interview) is the one that counts.
  const progress = loadProgress();
  const date = progress.interview?.date ?? null;
  const planned = date !== null && interviewInstant(date).getTime() > Date.now() ? dueDateForDate(progress, article.dataset.card!, date) : undefined;
  const due = planned ?? s.due;
  const days = Math.round((due.getTime() - Date.now()) / 86_400_000);
  const reviews = `${s.reps} review${s.reps === 1 ? "" : "s"}`;
  el.textContent = days <= 0 ? `${reviews}, due now` : `${reviews}, due in ${days} d${planned ? ` (planned for ${date})` : ""}`;
  el.dataset.state = s.state;
}

function verdictBox(article: HTMLElement, correct: boolean, message: string, extraHtml = ""): void {
  const box = article.querySelector<HTMLElement>("[data-verdict]")!;
  box.hidden = false;
  box.dataset.correct = String(correct);
  box.innerHTML = "";
  const p = document.createElement("p");
  p.className = "qkv-verdict-line";
  p.textContent = `${correct ? "✓ Correct." : "✗ Not quite."} ${message}`;
  box.append(p);
  if (extraHtml) box.insertAdjacentHTML("beforeend", extraHtml);
}

/** Records the verdict as this session's review of the card (only the first counts) and says which it was. */
function record(article: HTMLElement, rating: Rating): void {
  const recorded = review(article.dataset.card!, rating);
  showStatus(article);
  const box = article.querySelector<HTMLElement>("[data-verdict]")!;
  const note = document.createElement("p");
  note.className = "qkv-muted";
  note.dataset.reviewNote = recorded ? "recorded" : "practice";
  note.textContent = recorded
    ? `Recorded as this session’s review (“${rating}”).`
    : "Practice only: your first answer this session was already recorded as the review.";
  box.append(note);
  offerNextDue(box);
}

/** Reached from "Review due cards" (`?review`): after the answer, a link on to the next due card. */
function offerNextDue(box: HTMLElement): void {
  if (!new URLSearchParams(location.search).has("review") || box.querySelector("[data-next-due]")) return;
  const p = document.createElement("p");
  const a = document.createElement("a");
  a.href = "/review/?next";
  a.dataset.nextDue = "";
  a.textContent = "Next due card →";
  p.append(a);
  box.append(p);
}

function hintsUsed(article: HTMLElement): number {
  return Number(article.dataset.hintsUsed ?? 0);
}

function initHints(article: HTMLElement): void {
  const button = article.querySelector<HTMLButtonElement>("[data-show-hint]");
  const hints = [...article.querySelectorAll<HTMLElement>("[data-hint]")];
  const list = article.querySelector<HTMLElement>("[data-hints]");
  if (!button || !list) return;
  button.hidden = hints.length === 0;
  button.addEventListener("click", () => {
    const n = hintsUsed(article);
    if (n >= hints.length) return;
    hints[n].hidden = false;
    list.append(hints[n]);
    article.dataset.hintsUsed = String(n + 1);
    if (n + 1 >= hints.length) button.disabled = true;
  });
}

function hiddenHtml(article: HTMLElement, selector: string): string {
  return article.querySelector<HTMLElement>(selector)?.innerHTML ?? "";
}

function initNumeric(article: HTMLElement, topic: string, question: string): void {
  const instances = [...article.querySelectorAll<HTMLElement>("[data-instance]")];
  let current = 0;
  const seed = () => Number(instances[current].dataset.seed);
  article.querySelector("[data-new]")?.addEventListener("click", () => {
    instances[current].hidden = true;
    current = (current + 1) % instances.length;
    instances[current].hidden = false;
    article.querySelector<HTMLElement>("[data-verdict]")!.hidden = true;
    const input = article.querySelector<HTMLInputElement>("input[name=answer]");
    if (input) input.value = "";
  });
  article.querySelector("form")?.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const input = (article.querySelector<HTMLInputElement>("input[name=answer]")?.value ?? "").trim();
    if (input === "") return;
    const g = await grader();
    const v = await g.gradeNumeric(topic, question, article.dataset.exercise!, seed(), input);
    const details = v.correct ? "" : `<p>Expected <code>${escape(v.expected)}</code> (${escape(v.tolerance)}); you gave <code>${escape(v.given)}</code>.</p>`;
    if (v.unreadable) {
      // Not a recall attempt: say what could not be read, record nothing, keep the answer for correcting.
      verdictBox(article, false, `${v.message} Nothing was recorded; correct it and press Check again.`);
      return;
    }
    verdictBox(article, v.correct, v.message, details + hiddenHtml(article, `[data-explanation-seed="${seed()}"]`));
    record(article, g.ratingFrom(v, hintsUsed(article)));
  });
}

function initChoice(article: HTMLElement, topic: string, question: string): void {
  article.querySelector("form")?.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const picked = article.querySelector<HTMLInputElement>("input[type=radio]:checked");
    if (!picked) return;
    const index = Number(picked.value);
    const g = await grader();
    const v = await g.gradeChoice(topic, question, article.dataset.exercise!, index);
    verdictBox(article, v.correct, v.message, hiddenHtml(article, `[data-choice-explanation="${index}"]`));
    record(article, g.ratingFrom(v, hintsUsed(article)));
  });
}

function initCode(article: HTMLElement, topic: string, question: string): void {
  const form = article.querySelector("form");
  const box = article.querySelector<HTMLTextAreaElement>("textarea[name=code]");
  if (form && box) initCodeBox(box, () => form.requestSubmit());
  form?.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const code = article.querySelector<HTMLTextAreaElement>("textarea[name=code]")?.value ?? "";
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
    if (button) button.disabled = true;
    try {
      const seed = Math.floor(Math.random() * 2 ** 31);
      const g = await codeGrader();
      const v = await g.gradeCode(topic, question, article.dataset.exercise!, code, seed);
      const cases = v.cases
        .filter((c) => !c.passed)
        .slice(0, 3)
        .map((c) => `<li>test ${c.index + 1}: ${escape(c.reason)}</li>`)
        .join("");
      verdictBox(article, v.correct, `${v.message}${v.error ? ` ${v.error}` : ""}`, cases ? `<ul>${cases}</ul>` : "");
      if (v.diagnosis) article.querySelector<HTMLElement>("[data-verdict]")!.append(diagnosisElement(v.diagnosis));
      record(article, g.ratingFrom(v, hintsUsed(article)));
    } finally {
      if (button) button.disabled = false;
    }
  });
}

function initRecall(article: HTMLElement): void {
  const buttons = [...article.querySelectorAll<HTMLButtonElement>("button[data-rating]")];
  // One review per card per session: once rated (here or in an earlier visit this session) the buttons are done.
  const done = () => buttons.forEach((b) => (b.disabled = true));
  if (reviewedThisSession(article.dataset.card!)) done();
  buttons.forEach((b) =>
    b.addEventListener("click", () => {
      const rating = b.dataset.rating as Rating;
      const recorded = review(article.dataset.card!, rating);
      done();
      showStatus(article);
      const box = article.querySelector<HTMLElement>("[data-verdict]")!;
      box.hidden = false;
      box.dataset.correct = String(rating !== "again");
      box.textContent = recorded
        ? `Recorded “${rating}”. The scheduler will bring this card back when it is due.`
        : "Already reviewed this session; the first rating stands.";
      offerNextDue(box);
    }),
  );
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function initExercises(section: HTMLElement): void {
  const topic = section.dataset.topic!;
  const question = section.dataset.question!;
  section.querySelectorAll<HTMLElement>("article[data-card]").forEach((article) => {
    initHints(article);
    showStatus(article);
    article.querySelectorAll<HTMLElement>("[data-js-only]").forEach((el) => (el.hidden = false));
    switch (article.dataset.kind) {
      case "numeric":
        return initNumeric(article, topic, question);
      case "multiple-choice":
        return initChoice(article, topic, question);
      case "code":
        return initCode(article, topic, question);
      case "recall":
        return initRecall(article);
    }
  });
  window.addEventListener("qkv-progress", () => section.querySelectorAll<HTMLElement>("article[data-card]").forEach(showStatus));
  section.dataset.ready = "true";
}
