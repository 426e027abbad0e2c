import type { FormAnswers } from "../../schemas/contracts/submissions";

/** A questionnaire to open prefilled: the update of a household, or the correction of a submission. */
export type RsuAnswersOpenEvent = CustomEvent<{ answers: FormAnswers }>;

export function answersOpenEvent(answers: FormAnswers): RsuAnswersOpenEvent {
  return new CustomEvent("rsu-answers-open", { detail: { answers }, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    "rsu-answers-open": RsuAnswersOpenEvent;
  }
}
