/**
 * Creator edits texts in the survey's default locale, stored under the key "default"; rsu's masks keep
 * French under "fr" (like the demo mask), and the runtime reads "fr". Left alone, a title edited in the
 * designer would be saved as `{ default: new, fr: old }` and clerks would still read the old one. So the
 * designer works with "default" and the wire carries "fr": these two functions convert at the boundary.
 */
type Json = unknown;

const LOCALE_KEY = /^(default|[a-z]{2,3}(-[A-Za-z0-9]+)*)$/;

/** A SurveyJS localizable text: only locale keys, only strings. */
function isLocalizable(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => LOCALE_KEY.test(k) && typeof value[k] === "string");
}

function mapTexts(json: Json, convert: (text: Record<string, string>) => Record<string, string>): Json {
  if (Array.isArray(json)) return json.map((item) => mapTexts(item, convert));
  if (!json || typeof json !== "object") return json;
  const object = json as Record<string, unknown>;
  if (isLocalizable(object)) return convert(object as Record<string, string>);
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, mapTexts(value, convert)]));
}

/** The mask as Creator edits it: French texts under "default". */
export function toCreatorJson(mask: Record<string, unknown>): Record<string, unknown> {
  return mapTexts(mask, (text) => {
    if (!("fr" in text) || "default" in text) return text;
    const { fr, ...others } = text;
    return { default: fr!, ...others };
  }) as Record<string, unknown>;
}

/** The mask as rsu stores it: the default texts back under "fr" (the edited text wins over a stale "fr"). */
export function toMaskJson(json: Record<string, unknown>): Record<string, unknown> {
  return mapTexts(json, (text) => {
    if (!("default" in text)) return text;
    const { default: fr, fr: _stale, ...others } = text;
    return { fr: fr!, ...others };
  }) as Record<string, unknown>;
}
