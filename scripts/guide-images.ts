import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * `npm run guide:images`: copies into docs/guide/images/ the screenshots the user guide shows, from where the
 * browser tests saved them (test-results/browser/). Run it after the browser tests, so the guide shows the
 * screens as they are today (#21). Names a picture that is missing (its test was not run).
 */
const GUIDE = fileURLToPath(new URL("../docs/guide/", import.meta.url));
const SHOTS = fileURLToPath(new URL("../test-results/browser/", import.meta.url));

const names = new Set<string>();
for (const language of ["fr", "en"]) {
  for (const chapter of readdirSync(`${GUIDE}${language}`)) {
    const text = readFileSync(`${GUIDE}${language}/${chapter}`, "utf8");
    for (const [, name] of text.matchAll(/\(\.\.\/images\/([\w-]+)\.png\)/g)) names.add(name!);
  }
}
mkdirSync(`${GUIDE}images`, { recursive: true });
const missing = [...names].filter((name) => !existsSync(`${SHOTS}${name}.png`));
for (const name of names) if (!missing.includes(name)) copyFileSync(`${SHOTS}${name}.png`, `${GUIDE}images/${name}.png`);
console.log(`${names.size - missing.length} image(s) copiée(s) / copied into docs/guide/images/`);
if (missing.length) {
  console.error(`Manquantes (lancez leurs tests) / missing (run their tests): ${missing.join(", ")}`);
  process.exitCode = 1;
}
