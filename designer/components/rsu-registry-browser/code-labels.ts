import type { FormVersionBody, Message, PublishedFormSummary } from "../../../schemas/contracts/api";

/** Label of each code, per variable: `labels.get("commune")?.get("10101")` → { fr: "Moroni", … }. */
export type CodeLabels = Map<string, Map<string, Message>>;

interface MaskNode {
  name?: unknown;
  choices?: unknown;
  elements?: unknown;
  templateElements?: unknown;
  pages?: unknown;
}

/**
 * The registry stores codes (commune 10101, sex 1); people read labels. Until the API serves the
 * catalogue's code lists, the published masks carry the same labels in their choices (question name =
 * variable code), so they are read from there.
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

export function labelOf(labels: CodeLabels, variable: string, code: string | null): Message | undefined {
  return code === null ? undefined : labels.get(variable)?.get(code);
}

function collect(node: unknown, labels: CodeLabels): void {
  if (Array.isArray(node)) return node.forEach((child) => collect(child, labels));
  if (!node || typeof node !== "object") return;
  const { name, choices, elements, templateElements, pages } = node as MaskNode;
  if (typeof name === "string" && Array.isArray(choices)) {
    const byCode = labels.get(name) ?? new Map<string, Message>();
    for (const choice of choices as { value?: unknown; text?: unknown }[]) {
      if (choice.value === undefined) continue;
      const text = choice.text as Partial<Message> | string | undefined;
      const label = typeof text === "string" ? { fr: text, en: text } : { fr: text?.fr ?? String(choice.value), en: text?.en ?? "" };
      byCode.set(String(choice.value), label);
    }
    labels.set(name, byCode);
  }
  [elements, templateElements, pages].forEach((child) => collect(child, labels));
}

async function getJson(path: string, signal?: AbortSignal): Promise<unknown> {
  const response = await fetch(path, { headers: { accept: "application/json" }, signal });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}
