import { themeList } from "../themes";
import type { Catalogue, CodeList, Variable } from "../types";
import { TYPE_WORDS, labelIn, type ExportSource } from "./common";

/**
 * The specification document (cahier des charges des variables, issue 4): one self-contained printable
 * HTML page, grouped by theme, in one label language (French when a label lacks it). Inline CSS only:
 * the API's Content-Security-Policy allows 'unsafe-inline' styles and no script is needed.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

const WORDS = {
  fr: {
    title: "Cahier des charges des variables",
    release: "Version du catalogue",
    current: "Catalogue de travail au",
    contents: "Sommaire",
    noTheme: "Sans thème",
    code: "Code",
    label: "Libellé",
    description: "Définition",
    type: "Type",
    level: "Niveau",
    universe: "Univers",
    unit: "Unité",
    constraints: "Contraintes",
    codeList: "Liste de codes",
    sensitivity: "Sensibilité",
    status: "Statut",
    parent: "parent",
    variables: (n: number) => (n < 2 ? `${n} variable` : `${n} variables`),
    household: "Ménage",
    individual: "Individu",
    min: "min",
    max: "max",
    decimals: "décimales",
    pattern: "motif",
    maxLength: "longueur max.",
    maxSelected: "réponses max.",
    public: "Publique",
    internal: "Interne",
    personal: "Personnelle",
    sensitive: "Sensible",
    draft: "Brouillon",
    active: "Active",
    deprecated: "Dépréciée",
  },
  en: {
    title: "Variable specification",
    release: "Catalogue release",
    current: "Working catalogue on",
    contents: "Contents",
    noTheme: "No theme",
    code: "Code",
    label: "Label",
    description: "Definition",
    type: "Type",
    level: "Level",
    universe: "Universe",
    unit: "Unit",
    constraints: "Constraints",
    codeList: "Code list",
    sensitivity: "Sensitivity",
    status: "Status",
    parent: "parent",
    variables: (n: number) => (n === 1 ? "1 variable" : `${n} variables`),
    household: "Household",
    individual: "Individual",
    min: "min",
    max: "max",
    decimals: "decimals",
    pattern: "pattern",
    maxLength: "max length",
    maxSelected: "max answers",
    public: "Public",
    internal: "Internal",
    personal: "Personal",
    sensitive: "Sensitive",
    draft: "Draft",
    active: "Active",
    deprecated: "Deprecated",
  },
} as const;

const STYLE = `
body{font-family:system-ui,"Segoe UI",Arial,sans-serif;font-size:11pt;color:#111;margin:2em auto;max-width:60em;padding:0 1em}
h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:2px solid #333;margin-top:2em}h3{font-size:1.05em;margin:0 0 .4em}
.notes{white-space:pre-wrap;border-left:3px solid #999;padding-left:.8em}
section.variable{border:1px solid #ccc;border-radius:4px;padding:.6em .9em;margin:.8em 0}
dl{display:grid;grid-template-columns:11em 1fr;gap:.2em .8em;margin:0}dt{font-weight:600}dd{margin:0}
code{font-family:ui-monospace,Consolas,monospace}
ol.items{columns:3;column-gap:1.5em;font-size:.9em;margin:.2em 0;padding-left:1.5em}
ol.items.long{columns:4;font-size:.8em}
@media print{body{margin:0;max-width:none}h2{break-before:page}section.variable{break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

export function renderSpecificationHtml(catalogue: Catalogue, lang: string, source: ExportSource): string {
  const w = lang === "en" ? WORDS.en : WORDS.fr;
  const e = escapeHtml;
  const lists = new Map(catalogue.codeLists.map((l) => [l.code, l]));
  const themes = new Map<string, Variable[]>();
  for (const v of catalogue.variables) {
    const theme = v.theme ?? "";
    themes.set(theme, [...(themes.get(theme) ?? []), v]);
  }
  const themeLabels = new Map((themeList(catalogue)?.items ?? []).map((i) => [i.code, labelIn(i.label, lang)]));
  const themeName = (t: string) => themeLabels.get(t) ?? (t || w.noTheme);
  const anchor = (i: number) => `theme-${i + 1}`;
  const entries = [...themes.entries()];

  const header = source.release
    ? `<p><strong>${w.release}${lang === "en" ? ":" : " :"}</strong> ${e(source.release.name)} (${e(source.release.createdAt.slice(0, 10))})</p>` +
      (source.release.notes ? `<div class="notes">${e(source.release.notes)}</div>` : "")
    : `<p>${w.current} ${e(source.generatedAt.slice(0, 10))}</p>`;
  const toc = `<nav><h2 style="break-before:auto">${w.contents}</h2><ol>${entries
    .map(([t, vs], i) => `<li><a href="#${anchor(i)}">${e(themeName(t))}</a> (${w.variables(vs.length)})</li>`)
    .join("")}</ol></nav>`;
  const body = entries
    .map(([t, vs], i) => `<h2 id="${anchor(i)}">${e(themeName(t))}</h2>${vs.map((v) => variableSection(v, lists, lang, w)).join("")}`)
    .join("");
  return (
    `<!doctype html><html lang="${e(lang)}"><head><meta charset="utf-8"><title>${w.title}</title><style>${STYLE}</style></head>` +
    `<body><h1>${w.title}</h1>${header}${toc}${body}</body></html>`
  );
}

type Words = (typeof WORDS)[keyof typeof WORDS];

function variableSection(v: Variable, lists: Map<string, CodeList>, lang: string, w: Words): string {
  const e = escapeHtml;
  const rows: [string, string][] = [];
  const add = (term: string, html: string | undefined) => {
    if (html) rows.push([term, html]);
  };
  add(w.description, v.description && e(labelIn(v.description, lang)));
  add(w.type, e(TYPE_WORDS[v.type][lang === "en" ? "en" : "fr"]));
  add(w.level, v.level === "household" || v.level === "individual" ? w[v.level as "household"] : e(v.level));
  add(w.universe, v.universe && e(labelIn(v.universe, lang)));
  add(w.unit, v.unit && e(v.unit));
  const c = v.constraints ?? {};
  const constraints = [
    c.min !== undefined && `${w.min} ${c.min}`,
    c.max !== undefined && `${w.max} ${c.max}`,
    c.decimals !== undefined && `${w.decimals} ${c.decimals}`,
    c.pattern !== undefined && `${w.pattern} <code>${e(c.pattern)}</code>`,
    c.maxLength !== undefined && `${w.maxLength} ${c.maxLength}`,
    c.maxSelected !== undefined && `${w.maxSelected} ${c.maxSelected}`,
  ].filter(Boolean);
  add(w.constraints, constraints.join(" · "));
  if (v.codeList) {
    const list = lists.get(v.codeList);
    const items = list
      ? `<ol class="items${list.items.length > 30 ? " long" : ""}">${list.items
          .map(
            (i) =>
              `<li><code>${e(i.code)}</code> ${e(labelIn(i.label, lang))}${i.parent ? ` <small>(${w.parent} ${e(i.parent)})</small>` : ""}</li>`,
          )
          .join("")}</ol>`
      : "";
    add(w.codeList, `<code>${e(v.codeList)}</code>${list ? ` ${e(labelIn(list.label, lang))}` : ""}${items}`);
  }
  add(w.sensitivity, w[v.sensitivity ?? "internal"]);
  add(w.status, w[v.status ?? "active"]);
  return `<section class="variable" id="var-${e(v.code)}"><h3><code>${e(v.code)}</code> ${e(labelIn(v.label, lang))}</h3><dl>${rows
    .map(([t, d]) => `<dt>${t}</dt><dd>${d}</dd>`)
    .join("")}</dl></section>`;
}
