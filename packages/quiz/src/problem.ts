/** Something wrong with a content file (or an imported document), pointing at the file and 1-based line. */
export interface Problem {
  file: string;
  line: number;
  message: string;
}

export function problem(file: string, line: number, message: string): Problem {
  return { file, line, message };
}

/** Human-readable `file:line: message` form used by the CLI and the checker. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}
