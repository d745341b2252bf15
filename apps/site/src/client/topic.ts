// Topic page: per-question progress badges from the stored FSRS log (@qkv/quiz's cardState).
import { cardState } from "@qkv/quiz";
import { loadProgress } from "./progress";

export function initTopicBadges(): void {
  const progress = loadProgress();
  const now = new Date();
  document.querySelectorAll<HTMLElement>("[data-progress-for]").forEach((badge) => {
    const cards = (badge.dataset.cards ?? "").split(" ").filter((c) => c !== "");
    const states = cards.map((c) => cardState(progress, c, now));
    const reviewed = states.filter((s) => !s.isNew).length;
    if (reviewed === 0) return;
    const due = states.filter((s) => !s.isNew && s.due.getTime() <= now.getTime()).length;
    badge.textContent = `${reviewed}/${cards.length} reviewed${due > 0 ? `, ${due} due` : ""}`;
    badge.dataset.state = due > 0 ? "due" : "review";
    badge.hidden = false;
  });
}
