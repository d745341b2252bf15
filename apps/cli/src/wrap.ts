/**
 * Wraps plain text to `width` columns at spaces (words longer than a line are split, nothing else is), keeping
 * existing line breaks and the indentation of each line on its continuation lines.
 */
export function wrapText(text: string, width: number): string {
  const w = Math.max(10, width);
  return text
    .split("\n")
    .flatMap((line) => wrapLine(line, w))
    .join("\n");
}

function wrapLine(line: string, width: number): string[] {
  if ([...line].length <= width) return [line];
  const indent = /^\s*/.exec(line)![0];
  const out: string[] = [];
  let current = "";
  for (const word of line.slice(indent.length).split(/ +/)) {
    const lead = current === "" ? indent : `${current} `;
    if ([...lead].length + [...word].length <= width) {
      current = lead + word;
      continue;
    }
    if (current !== "") out.push(current);
    // A word longer than the line is cut at the width (nothing better exists).
    let rest = word;
    while ([...indent].length + [...rest].length > width) {
      const take = Math.max(1, width - [...indent].length);
      out.push(indent + [...rest].slice(0, take).join(""));
      rest = [...rest].slice(take).join("");
    }
    current = indent + rest;
  }
  if (current !== "") out.push(current);
  return out;
}
