import type { EntityManager } from "@mikro-orm/postgresql";
import type { XlsFormImportResult } from "../../schemas/contracts/xlsform";
import { checkDraft } from "../../schemas/forms/binding-checks";
import { readXlsForm } from "../../schemas/xlsform/read-xlsform";
import { xlsFormToMask } from "../../schemas/xlsform/to-mask";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { Form } from "../entities";
import { illFormedTextAt } from "../middleware/well-formed-text";
import { problems } from "../problems";
import { loadCatalogue } from "./catalogue-store";

/**
 * The XLSForm import (issue #20): a preview converts and checks, writing nothing; a create makes a new
 * form whose draft is the converted mask, in one transaction with its audit row. The draft is saved even
 * when its check fails, as the designer saves drafts: the designer opens it to finish the work.
 */
export type XlsFormImportMode = "preview" | "create";

export const FORM_ID = /^[a-z][a-z0-9_]{0,99}$/;

export async function importXlsForm(
  em: EntityManager,
  by: AuditActor,
  bytes: Uint8Array,
  options: { mode: XlsFormImportMode; formId?: string },
): Promise<XlsFormImportResult> {
  const read = readXlsForm(bytes);
  if (!read) throw problems.xlsFormUnreadable();
  // A NUL in a cell would pass the preview and fail the create in PostgreSQL: refused for both.
  const pointer = illFormedTextAt(read.tables);
  if (pointer !== null) throw problems.malformedText("body", pointer);
  const catalogue = await loadCatalogue(em);
  const conversion = xlsFormToMask(read.tables, catalogue);
  const formId = options.formId ?? conversion.formId;
  const result = (created: boolean): XlsFormImportResult => ({
    ...conversion,
    formId,
    counts: countsOf(conversion.report),
    check: checkDraft(conversion.mask, catalogue),
    created,
  });
  if (options.mode === "preview") return result(false);
  await em.transactional(async (tx) => {
    if (await tx.findOne(Form, formId)) throw problems.formExists(formId);
    tx.create(Form, { id: formId, title: conversion.title, draftMask: conversion.mask, draftUpdatedAt: new Date(), draftUpdatedBy: by.id });
    await tx.flush();
    const counts = countsOf(conversion.report);
    await recordAudit(tx, by, { action: "form.import", entityType: "form", entityId: formId, details: { format: read.format, ...counts } });
  });
  return result(true);
}

function countsOf(report: XlsFormImportResult["report"]): XlsFormImportResult["counts"] {
  const counts = { mapped: 0, approximated: 0, refused: 0 };
  for (const entry of report) counts[entry.outcome]++;
  return counts;
}
