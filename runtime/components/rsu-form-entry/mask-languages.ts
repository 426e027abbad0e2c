/** A text's language key as masks carry them: "fr", "en", "ar", "zdj" (Comorian), "pt-BR". */
const LANGUAGE_KEY = /^[a-z]{2,3}(-[A-Za-z0-9]+)?$/;

type LocalizedText = { fr: string } & Record<string, string>;

function isLocalizedText(value: object): value is LocalizedText {
  const entries = Object.entries(value);
  return (
    typeof (value as { fr?: unknown }).fr === "string" &&
    entries.every(([key, text]) => (key === "default" || LANGUAGE_KEY.test(key)) && typeof text === "string")
  );
}

/**
 * The mask ready for SurveyJS in any language: a text missing in the reader's language falls back to
 * SurveyJS's "default" only, and catalogue labels carry none, so Arabic showed question names and choice
 * codes (#18). Each localized text gets its French as "default". Also returns the languages the texts carry.
 */
export function withFrenchFallback<T>(mask: T): { mask: T; languages: Set<string> } {
  const languages = new Set<string>();
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== "object") return node;
    if (isLocalizedText(node)) {
      for (const key of Object.keys(node)) if (key !== "default") languages.add(key);
      return { default: node.fr, ...node };
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, visit(value)]));
  };
  return { mask: visit(mask) as T, languages };
}
