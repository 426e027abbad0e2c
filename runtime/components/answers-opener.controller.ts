import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { FormAnswers } from "../../schemas/contracts/submissions";
import { answersOpenEvent } from "../events/rsu-answers-open";
import { sessionExpiredEvent } from "../../kit/events/rsu-session-expired";
import { ApiError } from "../../kit/request";

/**
 * Reads the answers a questionnaire opens prefilled with (a household to update, a submission to
 * correct) and hands them to the shell, which opens the questionnaire. Keeps whether the last attempt
 * failed, for the host to say so next to its list.
 */
export class AnswersOpener implements ReactiveController {
  failed = false;
  busy = false;

  constructor(private readonly host: ReactiveControllerHost & EventTarget) {
    host.addController(this);
  }

  hostConnected(): void {}

  async open(load: () => Promise<FormAnswers>): Promise<void> {
    this.busy = true;
    this.failed = false;
    this.host.requestUpdate();
    try {
      this.host.dispatchEvent(answersOpenEvent(await load()));
    } catch (error) {
      this.failed = true;
      if (error instanceof ApiError && error.unauthenticated) this.host.dispatchEvent(sessionExpiredEvent());
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
