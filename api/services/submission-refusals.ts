import type { EntityManager } from "@mikro-orm/postgresql";
import type { FieldError } from "../../schemas/contracts/api";
import { errorVariable } from "../../schemas/contracts/reports";

export interface Refusal {
  submissionId: string;
  submittedBy: string | null;
  place: { island: string | null; commune: string | null };
  formId: string;
  formVersion: number;
  errors: FieldError[];
}

/** A place code as the registry stores it; anything else in refused answers is not kept. */
const placeCode = (value: string | null) => (value !== null && /^[\w-]{1,10}$/.test(value) ? value : null);

/**
 * Keeps a submission refused for its answers, for the administrator's report (issue #23): variable and
 * error code of each error, never a value; the same submission id sent again is kept once.
 */
export async function recordRefusal(em: EntityManager, refusal: Refusal): Promise<void> {
  const errors = refusal.errors.map((e) => ({ variable: errorVariable(e.pointer), code: e.code }));
  await em.getConnection().execute(
    `insert into submission_refusals (submission_id, refused_at, submitted_by, island, commune, form_id, form_version, errors)
     values (?, now(), ?, ?, ?, ?, ?, ?::jsonb) on conflict (submission_id) do nothing`,
    [
      refusal.submissionId,
      refusal.submittedBy,
      placeCode(refusal.place.island),
      placeCode(refusal.place.commune),
      refusal.formId,
      refusal.formVersion,
      JSON.stringify(errors),
    ],
  );
}
