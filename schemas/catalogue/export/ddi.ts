import type { Catalogue, Labels } from "../types";
import { CHOICE_TYPES } from "../types";
import type { ExportSource } from "./common";

/**
 * DDI Codebook 2.5 (issue 4): the metadata standard statistics offices and the World Bank's microdata
 * catalogues read. One <var> per variable with its labels, question text, categories and format.
 */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch]!)
      // Characters XML 1.0 forbids even escaped.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "")
  );
}

const NUMERIC = new Set(["integer", "decimal", "boolean"]);

function labels(tag: string, l: Labels | undefined): string {
  if (!l) return "";
  const langs = [
    "fr",
    ...Object.keys(l)
      .filter((k) => k !== "fr")
      .sort(),
  ];
  return langs
    .filter((k) => l[k] !== undefined)
    .map((k) => `<${tag} xml:lang="${escapeXml(k)}">${escapeXml(l[k]!)}</${tag}>`)
    .join("");
}

export function renderCatalogueDdi(catalogue: Catalogue, source: ExportSource): string {
  const x = escapeXml;
  const title = source.release ? source.release.name : "Catalogue RSU";
  const lists = new Map(catalogue.codeLists.map((l) => [l.code, l]));
  const vars = catalogue.variables.map((v) => {
    const list = v.codeList && CHOICE_TYPES.includes(v.type) ? lists.get(v.codeList) : undefined;
    const categories = (list?.items ?? [])
      .map((i) => `<catgry><catValu>${x(i.code)}</catValu>${labels("labl", i.label)}</catgry>`)
      .join("");
    const notes = v.description ? labels("notes", v.description) : "";
    return (
      `<var ID="V_${x(v.code)}" name="${x(v.code)}">${labels("labl", v.label)}` +
      `<qstn><qstnLit>${x(v.label.fr)}</qstnLit></qstn>${categories}` +
      `<varFormat type="${NUMERIC.has(v.type) ? "numeric" : "character"}" schema="other"/>${notes}</var>`
    );
  });
  const citation = `<citation><titlStmt><titl>${x(title)}</titl></titlStmt></citation>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<codeBook xmlns="ddi:codebook:2_5" version="2.5">` +
    `<docDscr>${citation}</docDscr>` +
    `<stdyDscr>${citation}${source.release?.notes ? `<stdyInfo><abstract>${x(source.release.notes)}</abstract></stdyInfo>` : ""}</stdyDscr>` +
    `<dataDscr>${vars.join("")}</dataDscr></codeBook>\n`
  );
}
