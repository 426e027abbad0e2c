import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { builtinModules } from "node:module";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const NODE = new Set(builtinModules);

/** Every import of every TypeScript file under a top-level folder, with the top-level folder it reaches. */
function importsOf(folder: string): { file: string; spec: string; reaches: string }[] {
  const found: { file: string; spec: string; reaches: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ts$/.test(entry.name)) {
        const text = readFileSync(full, "utf8");
        for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
          const reaches = spec!.startsWith(".") ? path.relative(ROOT, path.resolve(dir, spec!)).split(path.sep)[0]! : `package:${spec}`;
          found.push({ file: path.relative(ROOT, full), spec: spec!, reaches });
        }
      }
    }
  };
  walk(path.join(ROOT, folder));
  return found;
}

const isNode = (spec: string) => spec.startsWith("node:") || NODE.has(spec.split("/")[0]!);
const forbidden = (folder: string, rule: (i: { spec: string; reaches: string }) => boolean) =>
  importsOf(folder)
    .filter(rule)
    .map((i) => `${i.file} → ${i.spec}`);

// The layering of DESIGN.md: a back arrow fails here, naming the file and the import.
describe("layering", () => {
  it("schemas/ imports nothing of ours outside schemas/, and nothing of Node", () => {
    expect(forbidden("schemas", (i) => (!i.reaches.startsWith("package:") && i.reaches !== "schemas") || isNode(i.spec))).toEqual([]);
  });

  it("api/ never imports workers/, designer/, runtime/ or kit/", () => {
    expect(forbidden("api", (i) => ["workers", "designer", "runtime", "kit", "test", "bench"].includes(i.reaches))).toEqual([]);
  });

  it("workers/ imports api/ and schemas/, never the browser apps", () => {
    expect(forbidden("workers", (i) => ["designer", "runtime", "kit", "test", "bench"].includes(i.reaches))).toEqual([]);
  });

  it("the browser apps talk to api/ over HTTP only: no import of api/ or workers/, nor of Node", () => {
    const rule = (i: { spec: string; reaches: string }) => ["api", "workers", "test", "bench"].includes(i.reaches) || isNode(i.spec);
    expect([...forbidden("designer", rule), ...forbidden("runtime", rule), ...forbidden("kit", rule)]).toEqual([]);
  });

  // #21: what both apps share lives in kit/; neither app reaches into the other's folders.
  it("the field runtime never imports the designer nor Creator", () => {
    expect(forbidden("runtime", (i) => i.reaches === "designer" || i.spec.startsWith("survey-creator"))).toEqual([]);
  });

  it("the designer never imports the runtime: what both use is in kit/", () => {
    expect(forbidden("designer", (i) => i.reaches === "runtime")).toEqual([]);
  });

  it("kit/ imports neither app, nor Creator or the form library: both apps load it", () => {
    const rule = (i: { spec: string; reaches: string }) => ["designer", "runtime"].includes(i.reaches) || /^survey-/.test(i.spec);
    expect(forbidden("kit", rule)).toEqual([]);
  });
});
