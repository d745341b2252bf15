// Home page progress panel: statistics from @qkv/quiz's topicStats, export/import as JSON (validated by parseProgress).
import { serializeProgress, topicStats, type Question } from "@qkv/quiz";
import { importProgress, loadProgress } from "./progress";

type DeckEntry = { id: string; title: string; topic: string; exercises: { id: string; kind: string }[] };

/** topicStats reads a question's id, topic and exercise ids (through cardsOf); the page embeds just those. */
function asQuestions(deck: DeckEntry[]): Question[] {
  return deck.map((d) => ({ ...d, question: "", answer: "" }) as unknown as Question);
}

export function initProgressPanel(panel: HTMLElement): void {
  const deck = JSON.parse(panel.querySelector("script[type='application/json']")?.textContent ?? "[]") as DeckEntry[];
  const questions = asQuestions(deck);
  const out = panel.querySelector<HTMLElement>("[data-stats]")!;
  const message = panel.querySelector<HTMLElement>("[data-import-message]")!;
  const render = () => {
    const progress = loadProgress();
    const s = topicStats(progress, questions, new Date());
    const reviewed = s.topics.reduce((n, t) => n + t.reviewed, 0);
    const cards = s.topics.reduce((n, t) => n + t.cards, 0);
    out.dataset.reviews = String(progress.reviews.length);
    out.innerHTML = "";
    const summary = document.createElement("p");
    summary.textContent =
      progress.reviews.length === 0
        ? `No reviews yet in this browser. ${cards} cards are waiting: open any question and answer its exercises.`
        : `${reviewed} of ${cards} cards reviewed · ${s.dueToday} due today · ${s.dueThisWeek} this week · ${s.reviewsToday} reviews today · streak ${s.streakDays} day${s.streakDays === 1 ? "" : "s"}`;
    out.append(summary);
    if (progress.reviews.length > 0) {
      const table = document.createElement("table");
      table.className = "qkv-table";
      table.innerHTML = "<thead><tr><th>topic</th><th>reviewed</th><th>mastery</th><th>due today</th></tr></thead>";
      const body = document.createElement("tbody");
      for (const t of s.topics.filter((x) => x.reviewed > 0)) {
        const tr = document.createElement("tr");
        tr.dataset.topic = t.topic;
        for (const v of [t.topic, `${t.reviewed}/${t.cards}`, `${Math.round(t.mastery * 100)}%`, String(t.dueToday)]) {
          const td = document.createElement("td");
          td.textContent = v;
          tr.append(td);
        }
        body.append(tr);
      }
      table.append(body);
      out.append(table);
    }
  };
  panel.querySelector("[data-export]")?.addEventListener("click", () => {
    const blob = new Blob([serializeProgress(loadProgress())], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `qkv-progress-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  panel.querySelector<HTMLInputElement>("input[type=file]")?.addEventListener("change", async (ev) => {
    const file = (ev.target as HTMLInputElement).files?.[0];
    if (!file) return;
    const r = importProgress(await file.text());
    message.dataset.ok = String(!("error" in r));
    const n = "skipped" in r ? r.skipped.length : 0;
    message.textContent =
      "error" in r
        ? `Not imported: ${r.error}`
        : `Imported and merged ${file.name}.${n ? ` Left out ${n} invalid ${n === 1 ? "entry" : "entries"}: ${r.skipped.slice(0, 3).join("; ")}${n > 3 ? "; …" : ""}` : ""}`;
    render();
  });
  window.addEventListener("qkv-progress", render);
  render();
  panel.dataset.ready = "true";
}
