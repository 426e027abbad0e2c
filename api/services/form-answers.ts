import type { EntityManager } from "@mikro-orm/postgresql";
import type { JsonSchema } from "../../schemas/compile";
import { MEMBERS_ROSTER } from "../../schemas/contracts/registry";
import { pickAnswers } from "../../schemas/registry/registry-answers";
import type { FormAnswers } from "../../schemas/contracts/submissions";
import { FormVersion, Household, HouseholdVersion, Submission } from "../entities";
import { problems } from "../problems";
import { listPublishedForms } from "../repositories/form-versions.repository";

/**
 * The answers an update starts from: those of the submission that last changed the household (a merge
 * changes who people are, not the answers), fitted to the form's newest published version, with the
 * household's current version as the base the update is built on (issue #6).
 */
export async function householdAnswers(em: EntityManager, household: Household): Promise<FormAnswers> {
  const last = await em.findOne(
    HouseholdVersion,
    { household: household.id, submissionId: { $ne: null } },
    { orderBy: { version: "desc" } },
  );
  const submission = last?.submissionId ? await em.findOne(Submission, last.submissionId, { populate: ["formVersion.form"] }) : null;
  if (!submission) throw problems.householdNotFound();
  return answersFor(em, submission, household.id, household.version);
}

/**
 * The answers to correct a submission with and send it again (a new submission). A new household's are
 * its own. An update sent back was built on a version of the household that others may have changed
 * since (a stale update): it starts again from the household as it is now, on its current version.
 */
export async function submissionAnswers(em: EntityManager, submission: Submission): Promise<FormAnswers> {
  if (submission.householdId && submission.baseVersion != null) {
    const household = await em.findOne(Household, submission.householdId);
    if (household) return householdAnswers(em, household);
  }
  return answersFor(em, submission, null, null);
}

async function answersFor(
  em: EntityManager,
  submission: Submission,
  householdId: string | null,
  baseVersion: number | null,
): Promise<FormAnswers> {
  const formId = submission.formVersion.form.id;
  const form = (await listPublishedForms(em)).find((f) => f.id === formId);
  if (!form) throw problems.formNotFound(formId);
  const target =
    form.version === submission.formVersion.version
      ? submission.formVersion
      : await em.findOneOrFail(FormVersion, { form: formId, version: form.version });
  return { form, data: fitted(submission.data, target.schema as JsonSchema), householdId, baseVersion };
}

/**
 * Only the answers the target version asks (a question dropped by a newer version would make the new
 * submission refused as an unknown field); the clerk answers what the newer version adds.
 */
function fitted(data: Record<string, unknown>, schema: JsonSchema): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const members = (properties[MEMBERS_ROSTER]?.items as JsonSchema | undefined)?.properties ?? {};
  return pickAnswers(data, new Set(Object.keys(properties)), new Set(Object.keys(members)));
}
