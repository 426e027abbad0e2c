import { describe, expect, it } from "vitest";
import { MAX_JSON_ARRAY_LENGTH, MAX_JSON_DEPTH, parseBounded } from "../../api/middleware/json-body";
import { Problem } from "../../api/problems";

const deep = (levels: number, inner = "1") => `${'{"a":'.repeat(levels)}${inner}${"}".repeat(levels)}`;
const codeOf = (text: string) => {
  try {
    parseBounded(text);
    return "ok";
  } catch (error) {
    return error instanceof Problem ? error.code : String(error);
  }
};

/** The shape check skips strings by their quotes (issue #22): what is inside a string never counts. */
describe("parseBounded's shape check", () => {
  it("counts the depth of containers", () => {
    expect(codeOf(deep(MAX_JSON_DEPTH - 1, "[]"))).toBe("ok");
    expect(codeOf(deep(MAX_JSON_DEPTH, "[]"))).toBe("json_too_complex");
  });

  it("counts the items of an array", () => {
    expect(codeOf(`[${"0,".repeat(MAX_JSON_ARRAY_LENGTH - 1)}0]`)).toBe("ok");
    expect(codeOf(`[${"0,".repeat(MAX_JSON_ARRAY_LENGTH)}0]`)).toBe("json_too_complex");
  });

  it("does not count brackets or commas inside strings, escaped quotes and backslashes included", () => {
    const brackets = "[{".repeat(MAX_JSON_DEPTH);
    expect(codeOf(JSON.stringify({ a: brackets }))).toBe("ok");
    expect(codeOf(JSON.stringify({ a: `say "${brackets}"` }))).toBe("ok");
    expect(codeOf(JSON.stringify({ a: `ends with a backslash\\`, b: brackets }))).toBe("ok");
    expect(codeOf(JSON.stringify({ a: `\\"${brackets}\\\\` }))).toBe("ok");
    expect(codeOf(JSON.stringify([",".repeat(MAX_JSON_ARRAY_LENGTH + 1)]))).toBe("ok");
  });

  it("counts what follows a string ending in an escaped backslash", () => {
    expect(codeOf(`{"a":"x\\\\","b":${deep(MAX_JSON_DEPTH)}}`)).toBe("json_too_complex");
    expect(codeOf(`[${'"\\\\",'.repeat(MAX_JSON_ARRAY_LENGTH)}0]`)).toBe("json_too_complex");
  });

  it("leaves malformed text to JSON.parse", () => {
    expect(codeOf(`{"a":"never closed ${"[".repeat(MAX_JSON_DEPTH + 1)}`)).toBe("malformed_json");
  });
});
