import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const TEST = fileURLToPath(new URL("..", import.meta.url));

/** Every name a test file gives its own database (test/helpers/test-context.ts), with the file that gives it. */
function databaseNames(): [name: string, file: string][] {
  const names: [string, string][] = [];
  for (const folder of ["integration", "browser"]) {
    for (const file of readdirSync(`${TEST}${folder}`).filter((f) => f.endsWith(".test.ts"))) {
      const text = readFileSync(`${TEST}${folder}/${file}`, "utf8");
      for (const [, name] of text.matchAll(/(?:createTestContext|startTestServer|testEnv)\(\s*"([^"]+)"/g))
        names.push([name!, `${folder}/${file}`]);
    }
  }
  return names;
}

describe("test databases", () => {
  it("are named once each: two files sharing a name would drop each other's database mid-run", () => {
    const files = new Map<string, string[]>();
    for (const [name, file] of databaseNames()) files.set(name, [...(files.get(name) ?? []), file]);
    const shared = [...files].filter(([, list]) => list.length > 1);
    expect(shared).toEqual([]);
    expect(files.size).toBeGreaterThan(20);
  });
});
