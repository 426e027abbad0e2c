import { existsSync, readdirSync, readFileSync } from "node:fs";
import MarkdownIt from "markdown-it";
import anchor from "markdown-it-anchor";
import type { Plugin } from "vite";

/**
 * The user guide (docs/guide/, Markdown) as HTML pages the app serves at /guide/ (#21): built with the front
 * ends, so the « Aide » links of both apps reach it on a closed network, pictures included. Markdown is read
 * by markdown-it; each heading gets an id (its words without accents) that the Aide links point at.
 */
const GUIDE = new URL("../docs/guide/", import.meta.url);
const TOKENS = new URL("../kit/tokens.css", import.meta.url);

/** Each French chapter and its English twin, in the order the guide's menu shows them. */
export const CHAPTERS = {
  redacteur: "specification-writer",
  administrateur: "administrator",
  superviseur: "supervisor",
  agent: "clerk",
  analyste: "analyst",
} as const;

type GuideLanguage = "fr" | "en";

const WORDS = {
  fr: { guide: "Guide de l'utilisateur du RSU", chapters: "Chapitres", skip: "Aller au contenu", twin: "English" },
  en: { guide: "RSU user guide", chapters: "Chapters", skip: "Skip to content", twin: "Français" },
} as const;

/** « Créer le compte d'un agent » → `creer-le-compte-dun-agent`: the anchor the apps' Aide links name. */
export function headingId(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\p{M}'’]/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function markdown() {
  const md = new MarkdownIt({ html: false }).use(anchor, { slugify: headingId, level: 2 });
  // Links between chapters point at the built pages, not at the Markdown sources.
  const link = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  md.renderer.rules.link_open = (tokens, i, options, env, self) => {
    const href = String(tokens[i]!.attrGet("href") ?? "");
    if (href && !/^[a-z]+:/.test(href)) tokens[i]!.attrSet("href", href.replace(/\.md(#|$)/, ".html$1"));
    return link(tokens, i, options, env, self);
  };
  // A wide table scrolls inside its own box at 360 px; the box takes the focus so the keyboard can scroll it.
  md.renderer.rules.table_open = () => `<div class="table" role="region" tabindex="0" aria-label="Tableau / Table"><table>`;
  md.renderer.rules.table_close = () => "</table></div>";
  return md;
}

function chapterTitle(source: string): string {
  return /^# (.+)$/m.exec(source)?.[1] ?? "";
}

interface PageParts {
  language: GuideLanguage;
  title: string;
  body: string;
  menu: string;
  /** The guide's first page, relative to this one. */
  home: string;
  /** The same chapter in the other language. */
  twin?: string;
}

function page({ language, title, body, menu, home, twin }: PageParts): string {
  const words = WORDS[language];
  const other = language === "fr" ? "en" : "fr";
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${words.guide}</title>
<style>${readFileSync(TOKENS, "utf8")}${PAGE_STYLE}</style>
</head>
<body>
<a class="skip" href="#contenu">${words.skip}</a>
<header><div class="bar"><p class="guide"><a href="${home}">${words.guide}</a></p>
${twin ? `<a class="twin" lang="${other}" hreflang="${other}" href="${twin}">${words.twin}</a>` : ""}</div>
${menu ? `<nav aria-label="${words.chapters}"><ul>${menu}</ul></nav>` : ""}</header>
<main id="contenu" tabindex="-1">${body}</main>
</body>
</html>
`;
}

/** Every page of the guide, by its path under the site's root (`guide/fr/agent.html`), and each picture's file. */
export function renderGuide(): { pages: Map<string, string>; pictures: Map<string, URL> } {
  const md = markdown();
  const pages = new Map<string, string>();
  const chapters = Object.entries(CHAPTERS).flatMap(([fr, en]) => [
    { language: "fr" as const, name: fr, twin: `../en/${en}.html` },
    { language: "en" as const, name: en, twin: `../fr/${fr}.html` },
  ]);
  const sources = new Map(chapters.map((c) => [c.name, readFileSync(new URL(`${c.language}/${c.name}.md`, GUIDE), "utf8")]));
  for (const chapter of chapters) {
    const source = sources.get(chapter.name)!;
    const menu = chapters
      .filter((c) => c.language === chapter.language)
      .map(
        (c) =>
          `<li><a href="${c.name}.html"${c.name === chapter.name ? ' aria-current="page"' : ""}>${chapterTitle(sources.get(c.name)!)}</a></li>`,
      )
      .join("");
    const title = chapterTitle(source);
    pages.set(
      `guide/${chapter.language}/${chapter.name}.html`,
      page({ language: chapter.language, title, body: md.render(source), menu, home: "index.html", twin: chapter.twin }),
    );
  }
  // Each language's first page lists its chapters (what the sign-in screens' Aide opens); /guide/ is the README.
  for (const language of ["fr", "en"] as const) {
    const names = language === "fr" ? Object.keys(CHAPTERS) : Object.values(CHAPTERS);
    const list = names.map((name) => `<li><a href="${name}.html">${chapterTitle(sources.get(name)!)}</a></li>`).join("");
    const title = WORDS[language].guide;
    const twin = language === "fr" ? "../en/index.html" : "../fr/index.html";
    pages.set(
      `guide/${language}/index.html`,
      page({ language, title, body: `<h1>${title}</h1><ul>${list}</ul>`, menu: "", home: "index.html", twin }),
    );
  }
  const readme = md.render(readFileSync(new URL("README.md", GUIDE), "utf8"));
  pages.set("guide/index.html", page({ language: "fr", title: WORDS.fr.guide, body: readme, menu: "", home: "fr/index.html" }));
  const images = new URL("images/", GUIDE);
  const pictures = new Map<string, URL>();
  if (existsSync(images)) for (const file of readdirSync(images)) pictures.set(`guide/images/${file}`, new URL(file, images));
  return { pages, pictures };
}

/** Vite plugin: the guide's pages and pictures go into the build (dist/guide/), served by api/routes/static.ts. */
export function guidePages(): Plugin {
  return {
    name: "rsu-guide-pages",
    apply: "build",
    generateBundle() {
      const { pages, pictures } = renderGuide();
      for (const [fileName, source] of pages) this.emitFile({ type: "asset", fileName, source });
      for (const [fileName, file] of pictures) this.emitFile({ type: "asset", fileName, source: readFileSync(file) });
    },
  };
}

const PAGE_STYLE = `
header { background: var(--rsu-color-primary); color: var(--rsu-color-on-primary); }
header a { color: inherit; }
.bar, nav ul, main { max-width: 56rem; margin: 0 auto; padding: 0.75rem 1rem; box-sizing: border-box; }
.bar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem 1rem; }
.guide { margin: 0; font-size: 1.25rem; font-weight: 700; }
nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; padding-top: 0; }
nav a, .twin { display: inline-flex; align-items: center; min-height: 44px; font-weight: 600; }
nav a[aria-current="page"] { text-decoration-thickness: 3px; }
a:focus-visible, main:focus-visible, .table:focus-visible { outline: 3px solid var(--rsu-color-focus); outline-offset: 2px; }
header a:focus-visible { outline-color: var(--rsu-color-on-primary); }
main { background: var(--rsu-color-surface); overflow-wrap: anywhere; }
main a { color: var(--rsu-color-focus); }
main img { display: block; max-width: 100%; height: auto; margin: 0.75rem 0; border: 1px solid var(--rsu-color-border); }
h2 { margin-top: 2rem; scroll-margin-top: 1rem; }
code { background: var(--rsu-color-background); padding: 0 0.25rem; border-radius: 4px; }
.table { overflow-x: auto; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--rsu-color-border); padding: 0.375rem 0.5rem; text-align: start; }
.skip { position: absolute; left: -999px; }
.skip:focus { position: static; display: block; padding: 0.5rem 1rem; }
`;
