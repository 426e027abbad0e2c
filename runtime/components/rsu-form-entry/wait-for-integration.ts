import type { SubmissionBody } from "../../../schemas/contracts/api";
import { getSubmission } from "../../api-client";
import { pause } from "../../shared/pause";

/**
 * Polls an accepted submission until the worker has decided (integrated, invalid or rejected).
 * Resolves null when it is still "received" at the deadline: accepted data is never lost (DESIGN.md
 * rule 1), so the clerk may move on. A failed poll is not fatal: the next one may succeed.
 */
export async function waitForIntegration(
  id: string,
  signal: AbortSignal,
  { intervalMs = 1_000, timeoutMs = 30_000 } = {},
): Promise<SubmissionBody | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await pause(intervalMs, signal);
    try {
      const body = await getSubmission(id, signal);
      if (body.status !== "received") return body;
    } catch (error) {
      if (signal.aborted) throw error;
    }
  }
  return null;
}
