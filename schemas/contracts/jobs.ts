/**
 * Job names and payloads shared by the API (producer, outbox relay) and the workers.
 * Jobs carry ids, never personal data (DESIGN.md rule 3).
 */
export const INTEGRATION_QUEUE = "integration";

export const JOB_INTEGRATE_SUBMISSION = "integrate-submission";

export interface IntegrateSubmissionPayload {
  submissionId: string;
}
