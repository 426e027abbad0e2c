import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Message, ProblemBody } from "../../schemas/contracts/api";

/** A published form version that depends on a catalogue entry. */
export interface UsedBy {
  formId: string;
  version: number;
}

/** An error the API answers (api/problems.ts): its HTTP status, stable code, message in French and English, and details. */
export class Problem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly text: Message,
    readonly details?: unknown,
  ) {
    super(`${status} ${code}`);
  }

  toBody(): ProblemBody {
    return { error: { code: this.code, message: this.text, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}
