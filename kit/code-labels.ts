import type { FormVersionBody, Message, PublishedFormSummary } from "../schemas/contracts/api";
import { HOUSEHOLD_KEY_VARIABLES } from "../schemas/contracts/registry";

/** A code's label, and the code it sits under when the list is a hierarchy (a commune's prefecture). */
export interface CodeLabel extends Message {
  parent?: string;
}

/** Label of each code, per variable: `labels.get("commune")?.get("10101")` → { fr: "Moroni", … }. */
export type CodeLabels = Map<string, Map<string, CodeLabel>>;

interface MaskNode {
  name?: unknown;
  choices?: unknown;
  elements?: unknown;
  templateElements?: unknown;
  pages?: unknown;
}

/** A cascading choice is shown when its parent question holds its parent's code: `{island} = '1'`. */
const PARENT_CONDITION = /^\s*\{\w+\}\s*=\s*'([^']*)'\s*$/;

/**
 * The registry stores codes (commune 10101, sex 1); people read labels. Until the API serves the
 * catalogue's code lists, the published masks carry the same labels in their choices (question name =
 * variable code), so they are read from there. Shared by the back office and the runtime: it holds no
 * screen code, only plain `fetch`.
 */
export async function loadCodeLabels(signal?: AbortSignal): Promise<CodeLabels> {
  const labels: CodeLabels = new Map();
  const forms = (await getJson("/api/forms", signal)) as PublishedFormSummary[];
  for (const form of forms) {
    const body = (await getJson(`/api/forms/${encodeURIComponent(form.id)}/versions/${form.version}`, signal)) as FormVersionBody;
    collect(body.mask, labels);
  }
  return labels;
}

export function labelOf(labels: CodeLabels, variable: string, code: string | null): CodeLabel | undefined {
  return code === null ? undefined : labels.get(variable)?.get(code);
}

/** The administrative levels an account's areas are taken from, widest first. */
export const AREA_VARIABLES = [
  HOUSEHOLD_KEY_VARIABLES.island,
  HOUSEHOLD_KEY_VARIABLES.prefecture,
  HOUSEHOLD_KEY_VARIABLES.commune,
] as const;

/**
 * A code in words with the code itself, "Moroni-Bambao (101)", from the first of `variables` that knows
 * it; the bare code otherwise. `pick` chooses the language, so each app passes its own.
 */
export function describeCode(
  labels: CodeLabels,
  variables: readonly string[],
  code: string | null,
  pick: (text: Message) => string,
): string {
  if (code === null) return "";
  for (const variable of variables) {
    const label = labels.get(variable)?.get(code);
    if (label) return `${pick(label)} (${code})`;
  }
  return code;
}

function collect(node: unknown, labels: CodeLabels): void {
  if (Array.isArray(node)) {
    for (const child of node) collect(child, labels);
    return;
  }
  if (!node || typeof node !== "object") return;
  const { name, choices, elements, templateElements, pages } = node as MaskNode;
  if (typeof name === "string" && Array.isArray(choices)) {
    const byCode = labels.get(name) ?? new Map<string, CodeLabel>();
    for (const choice of choices as { value?: unknown; text?: unknown; visibleIf?: unknown }[]) {
      if (choice.value === undefined) continue;
      const text = choice.text as Partial<Message> | string | undefined;
      // Every language the label carries (Arabic, Comorian), not only French and English (#18).
      const label: CodeLabel =
        typeof text === "string" ? { fr: text, en: text } : { ...text, fr: text?.fr ?? String(choice.value), en: text?.en ?? "" };
      const parent = typeof choice.visibleIf === "string" ? PARENT_CONDITION.exec(choice.visibleIf)?.[1] : undefined;
      byCode.set(String(choice.value), parent === undefined ? label : { ...label, parent });
    }
    labels.set(name, byCode);
  }
  for (const child of [elements, templateElements, pages]) collect(child, labels);
}

async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  const response = await fetch(path, { headers: { accept: "application/json" }, signal });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}
