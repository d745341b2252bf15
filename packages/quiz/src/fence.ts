// The one fenced-code-block scanner: the question parser (which decides what is an executable `ts example`) and
// the importer (which must make sure imported text never becomes one) classify every line with these functions,
// so they cannot disagree about where a fence opens or closes.
//
// CommonMark rules: an opening fence is 0–3 spaces, then 3+ backticks or tildes, then an info string (a backtick
// fence's info string contains no backtick). A tab is 4 columns, so a tab-indented line is never a fence. A closing
// fence is 0–3 spaces, the same character at least as many times, then only spaces or tabs.

/** An opening fence line. */
export interface FenceOpener {
  /** The leading spaces (0–3). */
  indent: string;
  /** The run of backticks or tildes, e.g. "```". */
  marker: string;
  /** The info string, trimmed ("ts example"). */
  info: string;
}

const OPENER = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const CLOSER = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** The line as an opening fence, or null when it cannot open one. */
export function fenceOpener(line: string): FenceOpener | null {
  const m = OPENER.exec(line);
  if (!m) return null;
  if (m[2][0] === "`" && m[3].includes("`")) return null;
  return { indent: m[1], marker: m[2], info: m[3].trim() };
}

/** Whether `line` closes a fence opened with `marker`. */
export function closesFence(line: string, marker: string): boolean {
  const m = CLOSER.exec(line);
  return m !== null && m[1][0] === marker[0] && m[1].length >= marker.length;
}

/** A fenced block found by scanFences; line numbers are 0-based indices into the scanned lines. */
export interface FencedBlock {
  opener: FenceOpener;
  open: number;
  /** Index of the closing fence line, or -1 when the block runs to the end. */
  close: number;
}

/**
 * Every fenced block in `lines[from..]`, and for every line whether it belongs to one (its fence lines included).
 */
export function scanFences(lines: readonly string[], from = 0): { blocks: FencedBlock[]; inFence: boolean[] } {
  const blocks: FencedBlock[] = [];
  const inFence = new Array<boolean>(lines.length).fill(false);
  let current: FencedBlock | null = null;
  for (let i = from; i < lines.length; i++) {
    if (current) {
      inFence[i] = true;
      if (closesFence(lines[i], current.opener.marker)) {
        current.close = i;
        current = null;
      }
      continue;
    }
    const opener = fenceOpener(lines[i]);
    if (opener) {
      current = { opener, open: i, close: -1 };
      blocks.push(current);
      inFence[i] = true;
    }
  }
  return { blocks, inFence };
}

/** Whether an info string marks an executable example or its expected output (any mention, any case). */
export function mentionsExampleOrOutput(info: string): boolean {
  return /example|output/i.test(info);
}
