import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * The user guide stays true (#21): one chapter per role in French and in English, showing the same
 * screenshots, and every screenshot it shows is one a browser test takes (so a changed screen changes the
 * guide's picture, and a screen no test takes any more breaks this test rather than the guide).
 */
const GUIDE = new URL("../../docs/guide/", import.meta.url);
const BROWSER_TESTS = new URL("../browser/", import.meta.url);

/** French chapter → its English twin, one per role. */
const CHAPTERS = {
  "redacteur.md": "specification-writer.md",
  "administrateur.md": "administrator.md",
  "superviseur.md": "supervisor.md",
  "agent.md": "clerk.md",
  "analyste.md": "analyst.md",
};

function imagesOf(language: string, chapter: string): string[] {
  const text = readFileSync(new URL(`${language}/${chapter}`, GUIDE), "utf8");
  return [...text.matchAll(/!\[[^\]]+\]\(\.\.\/images\/([\w-]+)\.png\)/g)].map(([, name]) => name!);
}

/** The names the browser tests save their screenshots under (literal names only). */
function screenshotNames(): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(BROWSER_TESTS)) {
    const text = readFileSync(new URL(file, BROWSER_TESTS), "utf8");
    for (const [, name] of text.matchAll(/(?:saveScreenshot|checkScreen)\([^,]+,\s*"([\w-]+)"/g)) names.add(name!);
  }
  return names;
}

describe("the user guide", () => {
  it("has one chapter per role in French and in English, and no other", () => {
    expect(readdirSync(new URL("fr/", GUIDE)).sort()).toEqual(Object.keys(CHAPTERS).sort());
    expect(readdirSync(new URL("en/", GUIDE)).sort()).toEqual(Object.values(CHAPTERS).sort());
  });

  it.each(Object.entries(CHAPTERS))("%s and %s show the same screenshots, in the same order", (fr, en) => {
    expect(imagesOf("fr", fr).length).toBeGreaterThan(2);
    expect(imagesOf("en", en)).toEqual(imagesOf("fr", fr));
  });

  it("shows only screenshots that a browser test takes", () => {
    const taken = screenshotNames();
    const shown = Object.keys(CHAPTERS).flatMap((chapter) => imagesOf("fr", chapter));
    expect(shown.filter((name) => !taken.has(name))).toEqual([]);
  });
});
