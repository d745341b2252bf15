import { describe, expect, test } from "vitest";
import { texToText } from "./tex-text.js";

describe("texToText", () => {
  test("modular arithmetic reads as mod, not as the command name", () => {
    expect(texToText("i \\bmod W")).toBe("i mod W");
    expect(texToText("12 \\bmod 5 = 2")).toBe("12 mod 5 = 2");
    expect(texToText("a \\equiv b \\pmod{n}")).toBe("a ≡ b (mod n)");
  });
});
