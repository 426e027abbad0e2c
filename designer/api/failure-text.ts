import { ApiError } from "../../kit/request";
import { pick, t, type MessageKey } from "../i18n";

/** What to tell the reader about a failed request, in the current language; `fallback` when the server gave no reason. */
export function failureText(error: unknown, fallback: MessageKey = "loadFailed"): string {
  if (error instanceof ApiError) {
    if (error.problem) return pick(error.problem.message);
    if (error.unanswered) return t("serverUnreachable");
  }
  return t(fallback);
}
