/** A failed live-code run as the learner sees it: the error's name and message, and the line of their code. */
export interface RunError {
  message: string;
  /** 1-based line in the learner's code, when known. */
  line?: number;
  /** Set when the run was stopped at its time limit. */
  timedOut?: boolean;
}

/**
 * `e` (anything thrown) as a RunError. The line is that of the innermost stack frame in the learner's script
 * (`scriptUrl`) less the `headerLines` the harness put in front of their code, so an error thrown inside
 * @qkv/core is reported at the learner's line that called it. Reading a thrown object can itself throw (a getter):
 * that is described, never rethrown.
 */
export function describeRunError(e: unknown, scriptUrl: string, headerLines: number): RunError {
  let message: string;
  let stack = "";
  try {
    const o = (typeof e === "object" && e !== null ? e : {}) as { name?: unknown; message?: unknown; stack?: unknown };
    message = (o.name ? `${String(o.name)}: ` : "") + (o.message ? String(o.message) : String(e));
    if (typeof o.stack === "string") stack = o.stack;
  } catch {
    return { message: "an error that could not be described" };
  }
  const at = new RegExp(`${scriptUrl.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:(\\d+):\\d+`).exec(stack);
  const line = at ? Number(at[1]) - headerLines : 0;
  return line > 0 ? { message, line } : { message };
}
