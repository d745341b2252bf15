import type { CommandName } from "./args.js";

const COMMON = `Common options:
  --data DIR       progress folder (default: $QKV_DATA_DIR, else $XDG_DATA_HOME/qkv, else ~/.local/share/qkv)
  --content DIR    content folder (default: $QKV_CONTENT_DIR, else the content/ shipped with qkv, in a checkout the repository's)
  -h, --help       show help`;

export const MAIN_HELP = `qkv: drill Transformer questions in the terminal.

Usage: qkv <command> [options]

Commands:
  quiz       interactive session: due cards first, then new ones; answers are graded and scheduled (FSRS)
  practice   code exercises: edit a .ts file, tests rerun on every save
  stats      per-topic mastery, cards due today / this week, streak
  list       list questions (filter with --topic, --difficulty)
  show ID    print one question with its answer
  check      validate content files (one "file:line: message" per problem; exit 1 on any)
  import     turn a Markdown Q&A file into content files
  verify     run the experiments that check the answers' claims (PASS/FAIL; exit 1 on any FAIL)
  train      train the small character-level GPT on the answers with core alone (a few minutes)

Run "qkv <command> --help" for its options.

${COMMON}`;

const HELP: Record<CommandName, string> = {
  quiz: `Usage: qkv quiz [ID] [--topic T] [--difficulty D] [--count N] [--new | --due] [--until DATE] [--seed S]
                [--json [--print]]

Asks one question at a time: numeric answers are typed (3.5, 1/8, sqrt(2)/2, [0.1, 0.9], [[1,0],[0,1]]),
multiple-choice answers are picked, recall cards are graded by you. Type "?" for the next hint, "s" to skip.
Progress is saved after every answer; Ctrl-C saves and exits with code 130.
Code exercises are practised with "qkv practice"; the quiz says when some are due.
With ID (a question id, or question-id/exercise-id) it drills that question's cards, due or not.

Options:
  -t, --topic T        only this topic (repeat or comma-separate for several)
  -d, --difficulty D   basic | intermediate | advanced
  -n, --count N        at most N questions (default 10)
  --new                only questions never answered
  --due                only questions due for review now
  --until DATE         plan for an interview on DATE (YYYY-MM-DD; saved with your progress, "none" clears it):
                       cards are ranked by predicted recall on that day, every card is reviewed in the last
                       3 days, new cards are paced to cover the material in time (docs/interview-date.md)
  --seed S             seed for the generated numbers (default: random; printed in --json output)
  --json               non-interactive, JSON lines on stdout (see below)
  --print              with --json: print the selected questions and exit, recording nothing

JSON mode (qkv quiz --json): stdout gets one JSON object per line.
  {"type":"question","n":1,"of":3,"id":"topic-slug/ex-id","kind":"numeric"|"multiple-choice"|"recall",
   "title":...,"prompt":...,"choices":[...] (multiple-choice), "hints":N, "seed":S}
  After each question line, one answer line is read from stdin:
    {"answer":"0.25"}  or {"answer":[0.1,0.9]}    numeric (text is parsed exactly like typed input)
    {"choice":2}                                   multiple-choice, 1-based
    {"grade":"again"|"hard"|"good"|"easy"}         recall (self-graded)
    {"hint":true}      prints {"type":"hint","text":...,"ratingIfRight":"hard"} (a hint lowers a right answer's
                       rating); then send the answer
    {"skip":true}      skip the question (nothing recorded)
  Then {"type":"result","id":...,"correct":true|false,"expected":...,"tolerance":...,"explanation":...,
  "rating":..., "mistake":... (when a wrong numeric answer matches a named common mistake)}; progress is saved before the line is written. An answer that does not parse gives
  {"type":"error","reason":...} and the same question waits for another answer. At the end (or when stdin
  closes) {"type":"summary","answered":N,"correct":N,"skipped":N}. With --print, or when stdin is a terminal,
  only the question lines are printed.
  Without --json, quiz needs a terminal: with piped stdin it explains this and exits 2.

${COMMON}`,
  practice: `Usage: qkv practice [EXERCISE] [--dir DIR] [--topic T]

Writes the exercise's starter file into the practice folder (default ./qkv-practice) and watches it: every save
reruns the hidden tests and shows which case failed and why. An existing file is kept, so you can resume.
EXERCISE is a full id (question-id/exercise-id), a question id, or omitted for the first exercise not yet passed.

Exercises come basic first, then intermediate, then advanced. A pass is recorded as a review only when the
exercise is due (passing a solved file again is not another review); a hint lowers a pass from good to hard.

Keys: h  next hint    n  next exercise    q  quit (prints a summary)

Options:
  --dir DIR          practice folder (default ./qkv-practice)
  -t, --topic T      only exercises of this topic

${COMMON}`,
  stats: `Usage: qkv stats [--json]

Per-topic mastery as bars, cards due today and within 7 days, and the daily streak. With an interview date
(qkv quiz --until DATE): readiness per topic (predicted recall on that day), reviews per day needed, overdue cards.

Options:
  --json      print the numbers as one JSON object

${COMMON}`,
  list: `Usage: qkv list [--topic T] [--difficulty D] [--json]

One line per question: id, difficulty, exercise kinds, title.

Options:
  --json      print one JSON array: [{"id","title","topic","difficulty","tags","exercises":[{"id","kind"}]}]

${COMMON}`,
  show: `Usage: qkv show ID

Prints the question, its answer (formulas as plain text) and its exercises. ID is a question id (or
question-id/exercise-id).

${COMMON}`,
  check: `Usage: qkv check [DIR] [--json]

Validates content files in DIR (default: the repository's content/): front matter, sections, executed examples,
exercises. Prints "file:line: message" per problem and exits 1 if there is any, 0 otherwise. Checking the
content folder also checks that every seed question is covered (seeds: $QKV_SEEDS_DIR, else ../shared/seeds
beside the repository; skipped with a note when absent).

Options:
  --json      print {"ok":bool,"dir","seedsDir":string|null,"problems":[{"file","line","message"}],
              "experimentProblems":[string]}

${COMMON}`,
  import: `Usage: qkv import FILE.md --topic T [--out DIR] [--difficulty D] [--source PREFIX]

Converts a Markdown Q&A file into content files (one per question) in DIR (default: the content folder).
The file is untrusted input: headings and code fences in it are neutralised. Existing files are never
overwritten: they are reported as skipped. Prints what was written and what was skipped and why; review the
files (and run "qkv check") before committing them.

Options:
  -t, --topic T        topic of the imported questions (required; one of the content topics)
  --out DIR            where to write (files go to DIR/<topic>/<id>.md)
  -d, --difficulty D   basic (default) | intermediate | advanced
  --source PREFIX      prefix of the source ids written into "sources" (default: import → import-q5)

${COMMON}`,
  verify: `Usage: qkv verify [ID…] [--quick] [--json]

Runs the experiments in content/experiments (every one, or the IDs given) on @qkv/core and prints each claim with
PASS or FAIL, its key figures and any criterion that failed. Exits 1 if any experiment FAILs or does not load.
A progress bar is shown on stderr when it is a terminal.

Options:
  --quick     smaller sizes and fewer samples (seconds instead of a minute; what CI runs)
  --json      print {"ok":bool,"mode","results":[{"id","claim","pass","figures","checks","table","plot",…}]}

${COMMON}`,
  train: `Usage: qkv train [--steps N] [--out DIR]

Trains a small character-level GPT-2 from scratch on the plain text of the content answers, on the CPU, with
@qkv/core only: forward and backward passes, AdamW, gradient clipping, warm-up + cosine schedule. Every 10th
answer (by id) is held out for validation. Shows step, loss, tokens/s and ETA while it runs, then writes to DIR
(default packages/core/models/char-gpt): model.safetensors (float32 weights, config and vocabulary),
loss.svg (the loss curve), model.json (recipe, validation loss, samples from fixed seeds, the curve) and
validation.txt. Files are replaced only when the run has finished. The committed model took 405 s on 2 busy
cores (load average ~24); the batch is spread over worker threads, one per core.

Options:
  --steps N     optimiser steps (default 500, the committed model's recipe; the schedule spans N)
  --out DIR     output folder

${COMMON}`,
};

export function commandHelp(command: CommandName): string {
  return HELP[command];
}
