import type { Readiness, Stats } from "@qkv/quiz";
import { barTable } from "../bars.js";
import { wrapText } from "../wrap.js";
import type { CommandRun } from "../main.js";
import { loadQuestions } from "../content.js";
import { readProgress } from "../progress-store.js";

export const run: CommandRun = async (ctx, _positionals, values) => {
  const { engine, questions } = await loadQuestions(ctx);
  const progress = await readProgress(ctx, engine);
  const now = new Date();
  const stats = engine.topicStats(progress, questions, now);
  const date = progress.interview?.date ?? undefined;
  const ready = date !== undefined ? engine.readiness(progress, questions, now, date) : undefined;
  if (values.json) {
    ctx.out(JSON.stringify({ ...stats, reviews: progress.reviews.length, dataDir: ctx.dataDir, ...(ready ? { readiness: ready } : {}) }));
    return 0;
  }
  const columns = ctx.io.stdout.columns ?? 80;
  const lines = [
    ...formatStats(stats, columns),
    "",
    ...(ready ? formatReadiness(ready, columns) : ['Set an interview date with "qkv quiz --until YYYY-MM-DD" to see your readiness for it.']),
  ];
  // Bars are fitted to the width already; sentences are wrapped at spaces.
  for (const line of lines) ctx.out(wrapText(line, columns));
  return 0;
};

/** The stats screen: a mastery bar per topic, then due counts and the streak. */
export function formatStats(stats: Stats, columns = 80): string[] {
  const rows = stats.topics.map((t) => ({
    label: t.topic,
    fraction: t.mastery,
    note: `${String(Math.round(t.mastery * 100)).padStart(3)}%  ${t.reviewed}/${t.cards} seen  ${t.dueToday} due`,
  }));
  const days = stats.streakDays;
  return [
    "Mastery by topic (mean recall probability over all cards)",
    "",
    ...barTable(rows, columns),
    "",
    `Due today: ${stats.dueToday}   this week: ${stats.dueThisWeek}   reviews today: ${stats.reviewsToday}`,
    `Streak: ${days} day${days === 1 ? "" : "s"}`,
  ];
}

/** Readiness for the interview: predicted recall on the date per topic, the daily load, what is overdue. */
export function formatReadiness(r: Readiness, columns = 80): string[] {
  const rows = r.topics.map((t) => ({
    label: t.topic,
    fraction: t.recall,
    note: `${String(Math.round(t.recall * 100)).padStart(3)}%${t.new ? `  ${t.new} unseen` : ""}`,
  }));
  const overdue = r.overdue.slice(0, 5).map((o) => `  ${o.card} (${o.days < 1 ? "today" : `${Math.floor(o.days)} d`})`);
  return [
    r.daysLeft > 0
      ? `Interview on ${r.date}, in ${r.daysLeft} day${r.daysLeft === 1 ? "" : "s"}: predicted recall on that day if you stop now`
      : `Interview date ${r.date} has passed: predicted recall at its start`,
    "",
    ...barTable(rows, columns),
    "",
    `Overall: ${Math.round(r.recall * 100)}%   reviews per day needed: ${Math.ceil(r.reviewsPerDay)}`,
    `Overdue: ${r.overdue.length}${r.overdue.length ? ", most overdue first:" : ""}`,
    ...overdue,
    ...(r.overdue.length > overdue.length ? [`  …and ${r.overdue.length - overdue.length} more`] : []),
  ];
}
