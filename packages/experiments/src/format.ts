import type { Cell, Column, ExperimentResult, Figure } from "./experiment.js";
import { fmt } from "./measure.js";

/** `Var(q·k)/d_k = 1.02` or `time slope = 1.93 (log-log)`. */
export function figureText(f: Figure): string {
  return `${f.label} = ${fmt(f.value)}${f.unit ? ` ${f.unit}` : ""}`;
}

export function cellText(v: Cell): string {
  return typeof v === "number" ? fmt(v) : v;
}

export function columnHeader(c: Column): string {
  return c.unit ? `${c.label} (${c.unit})` : c.label;
}

/** "PASS" or "FAIL". */
export function verdict(r: Pick<ExperimentResult, "pass">): "PASS" | "FAIL" {
  return r.pass ? "PASS" : "FAIL";
}
