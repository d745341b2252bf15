// Test helper: records reviews as fast as it can through the CLI's progress store, printing "saved <card>" after
// each save has returned (i.e. is durable). Usage: node progress-hammer.js DATA_DIR PREFIX COUNT
import { writeSync } from "node:fs";
import { emptyProgress, mergeProgress, parseProgress, recordReview, serializeProgress } from "@qkv/quiz";
import { ProgressStore } from "../progress-store.js";

const [dir, prefix, countText] = process.argv.slice(2);
const count = Number(countText);
const store = await ProgressStore.open(dir, {
  empty: emptyProgress,
  parse: parseProgress,
  serialize: serializeProgress,
  merge: mergeProgress,
});
for (let i = 0; i < count; i++) {
  const card = `${prefix}/${i}`;
  await store.update((p) => recordReview(p, card, i % 3 === 0 ? "again" : "good", new Date()));
  writeSync(1, `saved ${card}\n`);
}
