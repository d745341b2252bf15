// Public API of @qkv/quiz (browser-safe: no node: imports). Node-only helpers (loading content/ from disk, running
// examples, the content checker, the worker-thread runner) live in "@qkv/quiz/node"; the Web Worker runner in
// "@qkv/quiz/browser".
export * from "./exercise.js";
export { type Problem, formatProblem } from "./problem.js";
export { TOPICS, type Topic, DIFFICULTIES, type Difficulty, ID_PATTERN } from "./vocabulary.js";
export {
  type Example,
  type Question,
  type ParseResult,
  parseQuestionFile,
  pathParts,
} from "./question.js";
export {
  type ContentFile,
  type LoadResult,
  type LoadOptions,
  loadContent,
  validateExercises,
  exercisesPathFor,
} from "./load.js";
export { type Card, cardsOf, allCards, DEFAULT_RECALL_ID } from "./cards.js";
export { type RenderOptions, type RenderResult, renderMarkdown, renderPlainText, renderInlineMarkdown, inlinePlainText, escapeHtml, displayBox } from "./render.js";
export { texToText } from "./tex-text.js";
export { type ParsedAnswer, parseAnswer, ANSWER_FUNCTIONS } from "./answer.js";
export {
  type Comparison,
  compareValues,
  describeValue,
  formatValue,
  formatNumber,
  formatPassing,
  formatValuePassing,
  formatValueAgainst,
  formatTolerance,
  shapeOf,
  withinTolerance,
} from "./compare.js";
export {
  type Verdict,
  instantiate,
  checkNumeric,
  checkChoice,
  ratingFrom,
} from "./grade.js";
export {
  type CaseVerdict,
  type CodeVerdict,
  type CheckCodeOptions,
  type PreparedCode,
  checkCode,
  prepareLearnerCode,
} from "./grade-code.js";
export {
  type Diagnosis,
  type FailedCase,
  type InputSummary,
  type ElementDiff,
  diagnoseCode,
  checkSteps,
  formatDiagnosis,
  heatmapRows,
  sameWithin,
} from "./diagnose.js";
export { type Answer, type CheckContext, check } from "./check.js";
export { formatLog, formatLogValue, formatGrid } from "./format-log.js";
export { type CodeRunner, type RunResult, type RunOutcome } from "./sandbox.js";
export {
  type Progress,
  type Rating,
  RATINGS,
  type ReviewEntry,
  type CardState,
  type DueOptions,
  type TopicStat,
  type InterviewSetting,
  setInterviewDate,
  type Stats,
  emptyProgress,
  cardId,
  recordReview,
  mergeProgress,
  cardState,
  isDue,
  retrievability,
  dueCards,
  serializeProgress,
  parseProgress,
  type ParsedProgress,
  PROGRESS_VERSION,
  topicStats,
} from "./schedule.js";
export {
  type Deck,
  type Readiness,
  type TopicReadiness,
  FINAL_PASS_DAYS,
  NEW_PACE,
  interviewInstant,
  deckOf,
  dueForDate,
  dueDateForDate,
  recallAt,
  reviewGain,
  newCardsAllowed,
  cardsForDate,
  dueCardsForDate,
  reviewQueue,
  readiness,
} from "./interview.js";
export { type CodePage, type MojibakeRepair, repairMojibake } from "./mojibake.js";
export {
  type ImportedQuestion,
  type SkippedItem,
  type ImportResult,
  type ImportOptions,
  type ToContentOptions,
  importMarkdown,
  toContentFile,
  slugify,
} from "./importer.js";
export { decodeDocument, detectEncoding, type DocumentEncoding } from "./decode.js";
