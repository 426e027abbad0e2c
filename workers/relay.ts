import type { EntityManager } from "@mikro-orm/postgresql";
import { dispatchSubmissions, type Dispatch } from "../api/services/dispatch-submission";

const BATCH = 500;

/**
 * The outbox relay (DESIGN.md rule 1): enqueues again every submission whose outbox row is due, i.e. whose
 * job never reached Redis (Redis down at submit time, a crash after commit) or was lost with Redis since.
 * Rows are claimed with SKIP LOCKED and pushed into the future before enqueueing, so several relays on
 * several machines never fight; the job id (= submission id) makes a duplicate add a no-op.
 * Returns how many submissions it enqueued.
 */
export async function relayOutbox(em: EntityManager, dispatch: Dispatch): Promise<number> {
  const due: { submission_id: string }[] = await em.getConnection().execute(
    `update outbox set next_attempt_at = ?, attempts = attempts + 1
      where submission_id in (
        select submission_id from outbox where next_attempt_at <= now()
         order by next_attempt_at limit ${BATCH} for update skip locked)
      returning submission_id`,
    [dispatch.retryAt()],
  );
  const ids = due.map((row) => row.submission_id);
  // Redis is down again: they are all due again and the next round takes them.
  return (await dispatchSubmissions(em, dispatch, ids)) ? ids.length : 0;
}
