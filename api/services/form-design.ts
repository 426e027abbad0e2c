import { LockMode } from "@mikro-orm/core";
import { forgetPublishedVersion } from "./published-versions";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Message } from "../../schemas/contracts/api";
import type { DraftBody, DraftCheck, FormCreateRequest, FormSummary, PublishRequest, VersionDiff } from "../../schemas/contracts/forms";
import { checkDraft } from "../../schemas/forms/binding-checks";
import { diffVersions, worstClass, type FormSide } from "../../schemas/forms/version-diff";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { Form, FormVersion } from "../entities";
import { problems } from "../problems";
import { loadCatalogue } from "./catalogue-store";
import { contentHash } from "./hash";
import { publishFormVersion } from "./publish-form-version";
import { userNames } from "./user-names";

/** The mask designer's operations on forms (issue #5): drafts, checks, diffs, publishing, retirement. */

export const formCreateSchema = {
  type: "object",
  required: ["id", "title"],
  additionalProperties: false,
  properties: {
    id: { type: "string", pattern: "^[a-z][a-z0-9_]{0,99}$" },
    title: {
      type: "object",
      required: ["fr"],
      properties: { fr: { type: "string", minLength: 1 } },
      additionalProperties: { type: "string" },
    },
  },
};
/** A SurveyJS survey JSON is an object; its content is judged by the binding checks, not here. */
/** A SurveyJS survey as Creator saves it: where elements are listed, they must be lists of objects. */
const elementList = { type: "array", items: { type: "object" } };
export const draftSchema = {
  type: "object",
  properties: { pages: elementList, elements: elementList, questions: elementList, triggers: elementList, calculatedValues: elementList },
};
export const publishSchema = {
  type: "object",
  additionalProperties: false,
  properties: { confirmBreaking: { type: "boolean" }, reason: { type: "string", maxLength: 2000 } },
};
export const retireSchema = {
  type: "object",
  required: ["reason"],
  additionalProperties: false,
  properties: { reason: { type: "string", minLength: 1, maxLength: 2000, pattern: "\\S" } },
};

export async function createForm(em: EntityManager, by: AuditActor, input: FormCreateRequest): Promise<FormSummary> {
  return em.transactional(async (tx) => {
    if (await tx.findOne(Form, input.id)) throw problems.formExists(input.id);
    const form = tx.create(Form, {
      id: input.id,
      title: input.title as Message,
      draftMask: {},
      draftUpdatedAt: new Date(),
      draftUpdatedBy: by.id,
    });
    await tx.flush();
    await recordAudit(tx, by, { action: "form.create", entityType: "form", entityId: input.id });
    return summaryOf(form, []);
  });
}

export async function findForm(em: EntityManager, formId: string): Promise<Form> {
  const form = await em.findOne(Form, formId);
  if (!form) throw problems.formNotFound(formId);
  return form;
}

export async function formSummary(em: EntityManager, formId: string): Promise<FormSummary> {
  const form = await findForm(em, formId);
  const versions = await em.find(FormVersion, { form }, { orderBy: { version: "asc" } });
  return summaryOf(
    form,
    versions,
    await userNames(
      em,
      versions.map((v) => v.publishedBy),
    ),
  );
}

export async function listAllForms(em: EntityManager): Promise<FormSummary[]> {
  const forms = await em.find(Form, {}, { orderBy: { id: "asc" } });
  const versions = await em.find(FormVersion, {}, { orderBy: { version: "asc" } });
  const names = await userNames(
    em,
    versions.map((v) => v.publishedBy),
  );
  return forms.map((f) =>
    summaryOf(
      f,
      versions.filter((v) => v.form.id === f.id),
      names,
    ),
  );
}

/** `names`: display names of the publishers, so that screens show people, not ids (issue #21). */
function summaryOf(form: Form, versions: FormVersion[], names = new Map<string, string>()): FormSummary {
  return {
    id: form.id,
    title: form.title,
    draftUpdatedAt: form.draftUpdatedAt?.toISOString() ?? null,
    draftUpdatedBy: form.draftUpdatedBy ?? null,
    versions: versions.map((v) => ({
      version: v.version,
      checksum: v.checksum,
      publishedAt: v.publishedAt.toISOString(),
      publishedBy: v.publishedBy ?? null,
      publishedByName: (v.publishedBy && names.get(v.publishedBy)) || null,
      retiredAt: v.retiredAt?.toISOString() ?? null,
      reason: v.reason ?? null,
    })),
  };
}

export async function checkFormDraft(em: EntityManager, formId: string): Promise<DraftCheck> {
  const form = await findForm(em, formId);
  return checkDraft(form.draftMask ?? {}, await loadCatalogue(em));
}

export async function getDraft(em: EntityManager, formId: string): Promise<DraftBody> {
  const form = await findForm(em, formId);
  const mask = form.draftMask ?? {};
  return {
    formId,
    mask,
    updatedAt: (form.draftUpdatedAt ?? form.createdAt).toISOString(),
    check: checkDraft(mask, await loadCatalogue(em)),
  };
}

/** Saves the draft even when its check fails: designers keep their work; only publishing needs it clean. */
export async function saveDraft(em: EntityManager, by: AuditActor, formId: string, mask: Record<string, unknown>): Promise<DraftBody> {
  const form = await em.transactional(async (tx) => {
    const found = await tx.findOne(Form, formId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!found) throw problems.formNotFound(formId);
    found.draftMask = mask;
    found.draftUpdatedAt = new Date();
    found.draftUpdatedBy = by.id;
    await tx.flush();
    await recordAudit(tx, by, { action: "form.draft.save", entityType: "form", entityId: formId });
    return found;
  });
  return { formId, mask, updatedAt: form.draftUpdatedAt!.toISOString(), check: checkDraft(mask, await loadCatalogue(em)) };
}

async function sideOf(em: EntityManager, form: Form, version: number | "draft"): Promise<FormSide & { version: number | "draft" }> {
  if (version === "draft") {
    const snapshot = await loadCatalogue(em);
    return { version, mask: form.draftMask ?? {}, snapshot };
  }
  const found = await em.findOne(FormVersion, { form, version });
  if (!found) throw problems.formVersionNotFound(form.id, version);
  return { version, mask: found.mask, snapshot: found.snapshot };
}

/** Differences between two versions; `from` defaults to the latest published one, `to` to the draft. */
export async function formDiff(em: EntityManager, formId: string, from: number | null, to: number | "draft"): Promise<VersionDiff> {
  const form = await findForm(em, formId);
  const latest = await em.findOne(FormVersion, { form }, { orderBy: { version: "desc" } });
  const fromVersion = from ?? latest?.version ?? null;
  const before = fromVersion === null ? null : await sideOf(em, form, fromVersion);
  const after = await sideOf(em, form, to);
  const changes = diffVersions(before, after);
  return { formId, from: fromVersion, to, class: worstClass(changes), changes };
}

/** Publishes the draft as version n+1, refusing a draft with errors or unconfirmed breaking changes. */
export async function publishDraft(em: EntityManager, by: AuditActor, formId: string, request: PublishRequest): Promise<FormVersion> {
  const form = await findForm(em, formId);
  const mask = form.draftMask ?? {};
  const catalogue = await loadCatalogue(em);
  const check = checkDraft(mask, catalogue);
  if (!check.publishable) throw problems.draftHasErrors(formId, check.errors);
  const diff = await formDiff(em, formId, null, "draft");
  if (diff.from !== null && !diff.changes.length) {
    // No variable changed: the same mask too would publish a second name for one questionnaire (issue #21).
    const latest = await em.findOneOrFail(FormVersion, { form, version: diff.from });
    if (contentHash(latest.mask) === contentHash(mask)) throw problems.versionUnchanged(formId, diff.from);
  }
  const reason = request.reason?.trim() || null;
  if (diff.class === "breaking" && (request.confirmBreaking !== true || !reason)) throw problems.breakingChangeUnconfirmed(formId, diff);
  return publishFormVersion(em, by, formId, mask, catalogue, { publishedBy: by.id, reason });
}

export async function retireVersion(
  em: EntityManager,
  by: AuditActor,
  formId: string,
  version: number,
  reason: string,
): Promise<FormVersion> {
  const retired = await em.transactional(async (tx) => {
    const found = await tx.findOne(FormVersion, { form: formId, version }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ["form"] });
    if (!found) throw problems.formVersionNotFound(formId, version);
    if (found.retiredAt) throw problems.versionAlreadyRetired(formId, version);
    found.retiredAt = new Date();
    found.retiredBy = by.id;
    found.retireReason = reason.trim();
    await tx.flush();
    await recordAudit(tx, by, {
      action: "form.retire",
      entityType: "form_version",
      entityId: `${formId}@${version}`,
      details: { reason: found.retireReason },
    });
    return found;
  });
  // After commit: a reload before it would have cached the version as still open.
  forgetPublishedVersion(formId, version);
  return retired;
}
