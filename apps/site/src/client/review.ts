// The "Review due cards" page: the queue comes from @qkv/quiz's reviewQueue (the CLI's `--due` order), minus cards
// already reviewed this session (one review per card per session). `/review/?next` goes straight to the first one.
import { reviewQueue } from "@qkv/quiz";
import { loadProgress, reviewedThisSession } from "./progress";

/** `titleHtml`: the question's title rendered at build time (escaped Markdown and KaTeX, from our own content). */
type ReviewCard = { id: string; url: string; titleHtml: string; n: number };

/** The due cards still to review in this session, in queue order. */
export function dueNow(cards: readonly ReviewCard[]): ReviewCard[] {
  const byId = new Map(cards.map((c) => [c.id, c]));
  return reviewQueue(loadProgress(), [...byId.keys()], new Date())
    .filter((id) => !reviewedThisSession(id))
    .map((id) => byId.get(id)!);
}

/** Marks a link so the question page offers the next due card after the answer. */
export function inReview(url: string): string {
  const [path, hash] = url.split("#");
  return `${path}?review${hash ? `#${hash}` : ""}`;
}

export function initReview(section: HTMLElement): void {
  const cards = JSON.parse(section.querySelector("script[type='application/json']")?.textContent ?? "[]") as ReviewCard[];
  const due = dueNow(cards);
  if (new URLSearchParams(location.search).has("next") && due.length > 0) {
    location.replace(inReview(due[0].url));
    return;
  }
  section.querySelector<HTMLElement>("[data-review-summary]")!.textContent =
    due.length === 0
      ? "Nothing is due: every card you have reviewed is scheduled for later. New cards are on the topic pages."
      : `${due.length} card${due.length === 1 ? "" : "s"} due now.`;
  section.querySelectorAll<HTMLElement>("[data-js-only]").forEach((el) => (el.hidden = false));
  const start = section.querySelector<HTMLAnchorElement>("[data-review-start]")!;
  start.hidden = due.length === 0;
  if (due.length > 0) start.href = inReview(due[0].url);
  const list = section.querySelector<HTMLElement>("[data-review-list]")!;
  for (const c of due) {
    const li = document.createElement("li");
    li.dataset.card = c.id;
    const a = document.createElement("a");
    a.href = inReview(c.url);
    a.innerHTML = c.titleHtml;
    a.append(` — exercise ${c.n}`);
    li.append(a);
    list.append(li);
  }
  section.dataset.ready = "true";
}
