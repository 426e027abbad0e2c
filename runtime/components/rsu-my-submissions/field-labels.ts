import type { Message } from "../../../schemas/contracts/api";

/**
 * Names, in the clerk's words, the answer a server error points at (`/members/0/birth_date` →
 * « Membre n° 1 — Date de naissance »), from the mask's JSON alone: « Mes envois » shows refused
 * submissions without loading survey-core, which only the questionnaire needs.
 */
export interface FieldLabels {
  label(pointer: string, pick: (text: Message) => string, rosterItem: (roster: string, number: number) => string): string;
}

interface MaskNode {
  name?: unknown;
  title?: unknown;
  templateTitle?: unknown;
  elements?: unknown;
  templateElements?: unknown;
  pages?: unknown;
}

interface Labelled {
  title?: Message;
  /** A roster's title for one of its lines, with `{panelIndex}` for the line's number. */
  templateTitle?: Message;
  children: Map<string, Labelled>;
}

export function fieldLabels(mask: unknown): FieldLabels {
  const root: Labelled = { children: new Map() };
  collect(mask, root);
  return {
    label(pointer, pick, rosterItem) {
      const segments = pointer
        .split("/")
        .slice(1)
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
      const parts: string[] = [];
      let scope = root;
      for (let i = 0; i < segments.length; i++) {
        const found = scope.children.get(segments[i]!);
        if (!found) break;
        const title = found.title ? pick(found.title) : segments[i]!;
        const line = Number(segments[i + 1]);
        if (!found.children.size || !Number.isInteger(line)) {
          parts.push(title);
          break;
        }
        parts.push(found.templateTitle ? pick(found.templateTitle).replace("{panelIndex}", String(line + 1)) : rosterItem(title, line + 1));
        scope = found;
        i++;
      }
      return parts.length ? parts.join(" — ") : pointer;
    },
  };
}

/** Questions by name; a panel's questions answer at the panel's own level, so they join its parent's. */
function collect(node: unknown, into: Labelled): void {
  if (Array.isArray(node)) {
    for (const child of node) collect(child, into);
    return;
  }
  if (!node || typeof node !== "object") return;
  const { name, title, templateTitle, elements, templateElements, pages } = node as MaskNode;
  if (templateElements !== undefined && typeof name === "string") {
    const roster: Labelled = {
      title: message(title) ?? { fr: name, en: name },
      templateTitle: message(templateTitle),
      children: new Map(),
    };
    into.children.set(name, roster);
    collect(templateElements, roster);
    return;
  }
  if (typeof name === "string" && elements === undefined && pages === undefined) {
    into.children.set(name, { title: message(title) ?? { fr: name, en: name }, children: new Map() });
    return;
  }
  for (const child of [elements, pages]) collect(child, into);
}

/** A SurveyJS localizable text: a plain string, or one per locale with `default` for the survey's own. */
function message(text: unknown): Message | undefined {
  if (typeof text === "string") return { fr: text, en: text };
  if (!text || typeof text !== "object") return undefined;
  const byLocale = text as Record<string, unknown>;
  const fr = typeof byLocale.fr === "string" ? byLocale.fr : typeof byLocale.default === "string" ? byLocale.default : undefined;
  if (fr === undefined) return undefined;
  return { fr, en: typeof byLocale.en === "string" ? byLocale.en : fr };
}
