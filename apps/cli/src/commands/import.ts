import { promises as fs } from "node:fs";
import { resolve } from "node:path";
import { difficultyArg, UsageError } from "../args.js";
import type { CommandRun } from "../main.js";
import { loadEngine } from "../engine.js";
import { CliError } from "../errors.js";
import { formatImportReport, writeImported } from "../import-files.js";

export const run: CommandRun = async (ctx, positionals, values) => {
  const engine = await loadEngine();
  const topic = values.topic as string | undefined;
  if (topic === undefined) throw new UsageError(`--topic is required; one of: ${engine.TOPICS.join(", ")}`, "import");
  if (!(engine.TOPICS as readonly string[]).includes(topic))
    throw new CliError(`unknown topic "${topic}"; topics: ${engine.TOPICS.join(", ")}`, 2);
  const difficulty = difficultyArg(values.difficulty);
  const source = resolve(ctx.io.cwd, positionals[0]);
  let text: string;
  try {
    const decoded = engine.decodeDocument(await fs.readFile(source));
    text = decoded.text;
    if (decoded.encoding !== "utf-8") ctx.out(`Read ${positionals[0]} as ${decoded.encoding.toUpperCase()}.`);
  } catch (err) {
    throw new CliError(`cannot read ${source}: ${(err as Error).message}`);
  }
  const result = engine.importMarkdown(text, { source: (values.source as string | undefined) ?? "import" });
  const outDir = values.out !== undefined ? resolve(ctx.io.cwd, values.out as string) : ctx.contentDir;
  const report = await writeImported(engine, result, outDir, { topic, difficulty });
  for (const line of formatImportReport(report, positionals[0])) ctx.out(line);
  return 0;
};
