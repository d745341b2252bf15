import { describe, expect, it } from "vitest";
import { parseCommandLine, quizArgs, splitTopics, UsageError } from "./args.js";

describe("parseCommandLine", () => {
  it("recognises help and version in all their spellings", () => {
    expect(parseCommandLine([])).toEqual({ command: "help", topic: undefined });
    expect(parseCommandLine(["--help"])).toEqual({ command: "help", topic: undefined });
    expect(parseCommandLine(["help", "quiz"])).toEqual({ command: "help", topic: "quiz" });
    expect(parseCommandLine(["stats", "-h"])).toEqual({ command: "help", topic: "stats" });
    expect(parseCommandLine(["--version"])).toEqual({ command: "version" });
  });

  it("returns the command, its positionals and the common flags", () => {
    const p = parseCommandLine(["check", "some/dir", "--json", "--data", "/d"]);
    expect(p).toMatchObject({ command: "check", positionals: ["some/dir"], data: "/d", values: { json: true } });
  });

  it("rejects unknown commands and options, naming them", () => {
    expect(() => parseCommandLine(["frob"])).toThrow(/unknown command "frob"; commands: quiz, practice/);
    expect(() => parseCommandLine(["--json"])).toThrow(/expected a command before "--json"/);
    expect(() => parseCommandLine(["stats", "--topic", "x"])).toThrow(UsageError);
    expect(() => parseCommandLine(["list", "--bogus"])).toThrow(/bogus/);
  });

  it("checks the number of positional arguments", () => {
    expect(() => parseCommandLine(["show"])).toThrow(/needs an argument/);
    expect(() => parseCommandLine(["show", "a", "b"])).toThrow(/unexpected argument "b"/);
    expect(() => parseCommandLine(["import"])).toThrow(/needs an argument/);
  });
});

describe("quizArgs", () => {
  const values = (argv: string[]) => {
    const p = parseCommandLine(["quiz", ...argv]);
    if (!("values" in p)) throw new Error("expected quiz");
    return p.values;
  };
  it("parses filters, count, mode and seed", () => {
    expect(quizArgs(values(["-t", "attention,tokens", "--topic", "decoding", "-d", "basic", "-n", "3", "--due", "--seed", "7"]))).toEqual({
      topics: ["attention", "tokens", "decoding"],
      difficulty: "basic",
      count: 3,
      mode: "due",
      seed: 7,
      json: false,
      print: false,
    });
    expect(quizArgs(values([])).mode).toBe("mixed");
    expect(quizArgs(values(["--new"])).mode).toBe("new");
  });
  it("explains bad values", () => {
    expect(() => quizArgs(values(["--count", "0"]))).toThrow('--count expects a positive integer, got "0"');
    expect(() => quizArgs(values(["--count", "two"]))).toThrow(/positive integer/);
    expect(() => quizArgs(values(["-d", "hard"]))).toThrow('--difficulty expects one of basic, intermediate, advanced, got "hard"');
    expect(() => quizArgs(values(["--new", "--due"]))).toThrow(/exclude each other/);
    expect(() => quizArgs(values(["--seed", "-1"]))).toThrow(/--seed/);
    expect(() => quizArgs(values(["--print"]))).toThrow(/--print only applies with --json/);
  });
});

describe("splitTopics", () => {
  it("splits commas, trims and drops empties", () => {
    expect(splitTopics(["a, b", "", "c,"])).toEqual(["a", "b", "c"]);
    expect(splitTopics(undefined)).toEqual([]);
  });
});
