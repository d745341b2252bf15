import type { Stats } from "@qkv/quiz";
import { barTable } from "../bars.js";
import type { CommandRun } from "../main.js";
import { loadQuestions } from "../content.js";
import { readProgress } from "../store.js";

export const run: CommandRun = async (ctx, _positionals, values) => {
  const { engine, questions } = await loadQuestions(ctx);
  const progress = await readProgress(ctx, engine);
  const stats = engine.topicStats(progress, questions, new Date());
  if (values.json) {
    ctx.out(JSON.stringify({ ...stats, reviews: progress.reviews.length, dataDir: ctx.dataDir }));
    return 0;
  }
  for (const line of formatStats(stats, ctx.io.stdout.columns ?? 80)) ctx.out(line);
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
