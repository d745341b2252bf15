import type { CommandRun } from "../main.js";
import { CliError } from "../errors.js";

export const run: CommandRun = async () => {
  throw new CliError("not implemented yet");
};
