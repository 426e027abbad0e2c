import { ApiError } from "../../kit/request";
import { usedByOf } from "../api/catalogue";
import { failureText } from "../api/failure-text";
import { t } from "../i18n";
import { groupByPointer, type PointerMessages } from "./pointer-fields";

/** What a catalogue editor shows after a refused save: messages under fields, and the alert's text. */
export interface Refusal {
  messages: PointerMessages;
  failure: string;
}

export interface RefusalTexts {
  /** The alert when fields carry the errors. */
  hasErrors: string;
  /** The way out of a 409, given the published forms it names. */
  inUseAdvice: (forms: string) => string;
  /** The field a 409 of this problem code concerns; none puts the whole 409 in the alert. */
  conflictField?: (problemCode: string) => string | undefined;
}

/**
 * A server refusal as a catalogue editor shows it: a 422's errors under their fields (or under the nearest
 * field `root` shows, else in the alert), a 409 with the published forms concerned and the way out.
 * Null when the session expired, which the caller reports to the app instead.
 */
export function refusalOf(error: unknown, root: ParentNode, texts: RefusalTexts): Refusal | null {
  if (error instanceof ApiError && error.unauthenticated) return null;
  if (error instanceof ApiError && error.status === 409) {
    const forms = usedByOf(error.problem?.details).map((u) => t("formVersion", { formId: u.formId, version: u.version }));
    const text = [failureText(error), forms.length ? texts.inUseAdvice(forms.join(", ")) : ""].join(" ").trim();
    const field = texts.conflictField?.(error.problem?.code ?? "");
    return field ? { messages: new Map([[field, [text]]]), failure: texts.hasErrors } : { messages: new Map(), failure: text };
  }
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
  if (!fieldErrors.length) return { messages: new Map(), failure: failureText(error) };
  const shown = (key: string) => Boolean(root.querySelector(`[name="${key}"], [data-errors="${key}"]`));
  const { byField, other } = groupByPointer(fieldErrors, shown);
  return { messages: byField, failure: [texts.hasErrors, ...other].join(" ") };
}
