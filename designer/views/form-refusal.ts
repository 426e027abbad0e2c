import { ApiError } from "../../kit/request";
import { failureText } from "../api/failure-text";
import { type FieldMessages, groupFieldErrors } from "./field-errors";

/** A refused form as a screen shows it: the 422's messages under their fields, and the alert's text. */
export interface FormRefusal {
  messages: FieldMessages | null;
  failure: string;
}

/** Null when the session expired, which the caller reports to the app (rsu-session-expired) instead. */
export function formRefusal(error: unknown, fields: readonly string[], hasErrors: string): FormRefusal | null {
  if (error instanceof ApiError && error.unauthenticated) return null;
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
  const messages = fieldErrors.length ? groupFieldErrors(fieldErrors, fields) : null;
  return { messages, failure: messages ? [hasErrors, ...messages.other].join(" ") : failureText(error) };
}
