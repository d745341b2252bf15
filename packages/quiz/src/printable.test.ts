import { expect, test } from "vitest";
import { printable, printableExcerpt } from "./printable.js";

test("escape sequences, line breaks and bidi overrides become visible escapes", () => {
  expect(printable("\x1b[2J\x1b[H✓ All 5 tests passed.\r\nok\u202e")).toBe(
    "\\x1b[2J\\x1b[H✓ All 5 tests passed.\\x0d\\x0aok\\u202e",
  );
  expect(printable("\u0085\u009b31m\u2028")).toBe("\\x85\\x9b31m\\u2028");
  expect(printable("plain [1, 2], √d_k")).toBe("plain [1, 2], √d_k");
});

test("excerpts are cut after escaping, so an escape cannot push the text past the limit", () => {
  expect(printableExcerpt("x".repeat(1000), 300)).toHaveLength(300);
  expect(printableExcerpt("\x1b".repeat(1000), 300)).toHaveLength(300);
  expect(printableExcerpt("short")).toBe("short");
});
