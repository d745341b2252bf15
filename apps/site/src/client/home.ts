// Home page progress panel: statistics from @qkv/quiz's topicStats, export/import as JSON (validated by parseProgress).
import { readiness, serializeProgress, setInterviewDate, topicStats, type Question, type Readiness } from "@qkv/quiz";
import { importProgress, loadProgress, saveProgress } from "./progress";

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
        ? `No reviews yet in this browser. ${cards} review cards are waiting: open any question and answer its exercises.`
        : `${reviewed} of ${cards} review cards reviewed · ${s.dueToday} due today · ${s.dueThisWeek} this week · ${s.reviewsToday} reviews today · streak ${s.streakDays} day${s.streakDays === 1 ? "" : "s"}`;
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
  const form = panel.querySelector<HTMLFormElement>("[data-interview]")!;
  const dateInput = form.querySelector<HTMLInputElement>("[data-interview-date]")!;
  const readinessOut = panel.querySelector<HTMLElement>("[data-readiness]")!;
  form.hidden = false;
  const setDate = (date: string | null) => saveProgress(setInterviewDate(loadProgress(), date, new Date()));
  dateInput.addEventListener("change", () => setDate(dateInput.value === "" ? null : dateInput.value));
  form.querySelector("[data-interview-clear]")?.addEventListener("click", () => setDate(null));
  const renderReadiness = () => {
    const date = loadProgress().interview?.date ?? null;
    dateInput.value = date ?? "";
    readinessOut.replaceChildren();
    readinessOut.dataset.date = date ?? "";
    if (date !== null) readinessOut.append(readinessView(readiness(loadProgress(), questions, new Date(), date)));
  };
  window.addEventListener("qkv-progress", render);
  window.addEventListener("qkv-progress", renderReadiness);
  render();
  renderReadiness();
  panel.dataset.ready = "true";
}

/** Readiness for the interview: a bar per topic (predicted recall on the date), the daily load, what is overdue. */
function readinessView(r: Readiness): HTMLElement {
  const root = document.createElement("div");
  root.className = "qkv-readiness";
  const head = document.createElement("p");
  head.textContent =
    r.daysLeft > 0
      ? `Interview on ${r.date}, in ${r.daysLeft} day${r.daysLeft === 1 ? "" : "s"}: predicted recall on that day if you stop now — ${Math.round(r.recall * 100)}% overall. Reviews per day needed: ${Math.ceil(r.reviewsPerDay)}. Overdue: ${r.overdue.length}.`
      : `The interview date ${r.date} has passed.`;
  head.dataset.readinessSummary = "";
  const table = document.createElement("table");
  table.className = "qkv-table qkv-readiness-bars";
  table.innerHTML = "<thead><tr><th>topic</th><th>predicted recall on the date</th><th></th></tr></thead>";
  const body = document.createElement("tbody");
  for (const t of r.topics) {
    const tr = document.createElement("tr");
    tr.dataset.readinessTopic = t.topic;
    const name = document.createElement("td");
    name.textContent = t.topic;
    const barCell = document.createElement("td");
    const meter = document.createElement("meter");
    meter.min = 0;
    meter.max = 1;
    meter.low = 0.6;
    meter.high = 0.85;
    meter.optimum = 1;
    meter.value = t.recall;
    meter.setAttribute("aria-label", `${t.topic}: ${Math.round(t.recall * 100)}%`);
    barCell.append(meter);
    const pct = document.createElement("td");
    pct.textContent = `${Math.round(t.recall * 100)}%${t.new ? ` · ${t.new} unseen` : ""}`;
    tr.append(name, barCell, pct);
    body.append(tr);
  }
  table.append(body);
  root.append(head, table);
  if (r.overdue.length) {
    const list = document.createElement("p");
    list.className = "qkv-muted";
    list.dataset.overdue = String(r.overdue.length);
    list.textContent = `Most overdue: ${r.overdue
      .slice(0, 5)
      .map((o) => `${o.card} (${o.days < 1 ? "today" : `${Math.floor(o.days)} d`})`)
      .join(", ")}${r.overdue.length > 5 ? ` and ${r.overdue.length - 5} more` : ""}.`;
    root.append(list);
  }
  return root;
}
