import { parseArgs } from "node:util";
import { DIFFICULTIES, type Difficulty } from "@qkv/quiz/vocabulary";

/** Thrown for bad command lines; main prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: CommandName,
  ) {
    super(message);
  }
}

export const COMMANDS = ["quiz", "practice", "stats", "list", "show", "check", "import", "verify", "train"] as const;
export type CommandName = (typeof COMMANDS)[number];

type OptionSpec = { type: "string" | "boolean"; short?: string; multiple?: boolean };

const COMMON: Record<string, OptionSpec> = {
  help: { type: "boolean", short: "h" },
  data: { type: "string" },
  content: { type: "string" },
};

const SPECS: Record<CommandName, { options: Record<string, OptionSpec>; positionals: [min: number, max: number] }> = {
  quiz: {
    options: {
      topic: { type: "string", short: "t", multiple: true },
      difficulty: { type: "string", short: "d" },
      count: { type: "string", short: "n" },
      new: { type: "boolean" },
      due: { type: "boolean" },
      seed: { type: "string" },
      json: { type: "boolean" },
      print: { type: "boolean" },
      until: { type: "string" },
    },
    positionals: [0, 1],
  },
  practice: { options: { dir: { type: "string" }, topic: { type: "string", short: "t", multiple: true } }, positionals: [0, 1] },
  stats: { options: { json: { type: "boolean" } }, positionals: [0, 0] },
  list: {
    options: {
      topic: { type: "string", short: "t", multiple: true },
      difficulty: { type: "string", short: "d" },
      json: { type: "boolean" },
    },
    positionals: [0, 0],
  },
  show: { options: {}, positionals: [1, 1] },
  check: { options: { json: { type: "boolean" } }, positionals: [0, 1] },
  verify: { options: { json: { type: "boolean" }, quick: { type: "boolean" } }, positionals: [0, Infinity] },
  import: {
    options: { out: { type: "string" }, topic: { type: "string", short: "t" }, difficulty: { type: "string", short: "d" }, source: { type: "string" } },
    positionals: [1, 1],
  },
  train: { options: { steps: { type: "string" }, out: { type: "string" } }, positionals: [0, 0] },
};

export interface QuizArgs {
  topics: string[];
  difficulty?: Difficulty;
  count?: number;
  /** "due": only cards due now; "new": only never-seen cards; "mixed": due first, then new. */
  mode: "due" | "new" | "mixed";
  seed?: number;
  json: boolean;
  print: boolean;
  /** `--until`: an interview date to save (YYYY-MM-DD), null to clear it ("none"), undefined to keep it. */
  until?: string | null;
  /** `qkv quiz ID`: drill one question (or one exercise, question-id/exercise-id). */
  drill?: string;
}

export type Parsed =
  | { command: "help"; topic?: CommandName }
  | { command: "version" }
  | { command: CommandName; data?: string; content?: string; positionals: string[]; values: Record<string, unknown> };

/** Split argv (without `node` and the script) into a command and its checked options. */
export function parseCommandLine(argv: string[]): Parsed {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    const topic = first === "help" ? rest[0] : undefined;
    if (topic !== undefined && !isCommand(topic)) throw new UsageError(`unknown command "${topic}"`);
    return { command: "help", topic };
  }
  if (first === "--version" || first === "-V") return { command: "version" };
  if (!isCommand(first)) {
    throw new UsageError(
      first.startsWith("-")
        ? `expected a command before "${first}"; commands: ${COMMANDS.join(", ")}`
        : `unknown command "${first}"; commands: ${COMMANDS.join(", ")}`,
    );
  }
  const spec = SPECS[first];
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...COMMON, ...spec.options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional.*$/s, ""), first);
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help) return { command: "help", topic: first };
  const [min, max] = spec.positionals;
  const pos = parsed.positionals;
  if (pos.length < min) throw new UsageError(`"qkv ${first}" needs ${min === 1 ? "an argument" : `${min} arguments`}`, first);
  if (pos.length > max) {
    throw new UsageError(`"qkv ${first}" got an unexpected argument "${pos[max]}"`, first);
  }
  return {
    command: first,
    data: values.data as string | undefined,
    content: values.content as string | undefined,
    positionals: pos,
    values,
  };
}

function isCommand(s: string): s is CommandName {
  return (COMMANDS as readonly string[]).includes(s);
}

/** Validate quiz options into a typed record. */
export function quizArgs(values: Record<string, unknown>, positionals: string[] = []): QuizArgs {
  const topics = splitTopics(values.topic);
  const difficulty = difficultyArg(values.difficulty);
  let count: number | undefined;
  if (values.count !== undefined) count = positiveInt("--count", values.count as string);
  if (values.new && values.due) throw new UsageError("--new and --due exclude each other; pass one of them", "quiz");
  let seed: number | undefined;
  if (values.seed !== undefined) {
    const s = Number(values.seed);
    if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) {
      throw new UsageError(`--seed expects an integer from 0 to 4294967295, got "${values.seed}"`, "quiz");
    }
    seed = s;
  }
  if (values.print && !values.json) throw new UsageError("--print only applies with --json", "quiz");
  let until: string | null | undefined;
  if (values.until !== undefined) {
    const u = String(values.until);
    if (u === "none") until = null;
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(u) || !isRealDay(u))
      throw new UsageError(`--until expects an interview date like 2026-12-15 (or "none" to clear it), got "${u}"`, "quiz");
    else until = u;
  }
  const drill = positionals[0];
  if (drill !== undefined && (values.new || values.due))
    throw new UsageError("qkv quiz ID drills that question; --new and --due do not apply", "quiz");
  return {
    topics,
    difficulty,
    count,
    mode: values.new ? "new" : values.due ? "due" : "mixed",
    seed,
    json: Boolean(values.json),
    print: Boolean(values.print),
    ...(until !== undefined ? { until } : {}),
    ...(drill !== undefined ? { drill } : {}),
  };
}

/** Whether `YYYY-MM-DD` names a day that exists (2026-02-30 does not). */
function isRealDay(day: string): boolean {
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/** `--topic a,b --topic c` → [a, b, c]. */
export function splitTopics(value: unknown): string[] {
  const list = (value as string[] | string | undefined) ?? [];
  return (Array.isArray(list) ? list : [list])
    .flatMap((t) => t.split(","))
    .map((t) => t.trim())
    .filter((t) => t !== "");
}

export function difficultyArg(value: unknown): QuizArgs["difficulty"] {
  if (value === undefined) return undefined;
  if (!(DIFFICULTIES as readonly string[]).includes(value as string)) {
    throw new UsageError(`--difficulty expects one of ${DIFFICULTIES.join(", ")}, got "${value}"`);
  }
  return value as QuizArgs["difficulty"];
}

function positiveInt(flag: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} expects a positive integer, got "${raw}"`);
  return n;
}
