import type { EntityManager } from "@mikro-orm/postgresql";
import type { XlsFormImportResult } from "../../schemas/contracts/xlsform";
import { checkDraft } from "../../schemas/forms/binding-checks";
import type { TypeMapping } from "../../schemas/forms/declared-types";
import { surveyJsToMask } from "../../schemas/forms/surveyjs-import";
import { MAX_CELLS, readXlsForm } from "../../schemas/xlsform/read-xlsform";
import type { XlsFormTables } from "../../schemas/xlsform/tables";
import { xlsFormToMask } from "../../schemas/xlsform/to-mask";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { Form } from "../entities";
import { measureZip } from "../imports/zip-limits";
import { illFormedTextAt } from "../middleware/well-formed-text";
import { problems } from "../problems";
import { loadCatalogue } from "./catalogue-store";

/**
 * The XLSForm import (issue #20): a preview converts and checks, writing nothing; a create makes a new
 * form whose draft is the converted mask, in one transaction with its audit row. The draft is saved even
 * when its check fails, as the designer saves drafts: the designer opens it to finish the work.
 */
export type XlsFormImportMode = "preview" | "create";

/** A real XLSForm inflates to a few megabytes; its workbook holds a few dozen parts. */
const XLSX_LIMITS = { maxUncompressedBytes: 40 * 1024 * 1024, maxEntries: 1000 };

export const FORM_ID = /^[a-z][a-z0-9_]{0,99}$/;

export async function importXlsForm(
  em: EntityManager,
  by: AuditActor,
  source: { bytes: Uint8Array } | { survey: Record<string, unknown> },
  options: { mode: XlsFormImportMode; formId?: string; types: TypeMapping },
): Promise<XlsFormImportResult> {
  const survey = "survey" in source ? source.survey : undefined;
  const read = survey ? { format: "surveyjs", tables: survey } : readSpreadsheet((source as { bytes: Uint8Array }).bytes);
  // A NUL in a cell would pass the preview and fail the create in PostgreSQL: refused for both.
  const pointer = illFormedTextAt(read.tables);
  if (pointer !== null) throw problems.malformedText("body", pointer);
  const catalogue = await loadCatalogue(em);
  const conversion = survey ? surveyJsToMask(survey, options.types) : xlsFormToMask(read.tables as XlsFormTables, catalogue);
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

/** The limits hold before the reader inflates or holds anything (issue #20): a ZIP bomb is refused unread. */
function readSpreadsheet(bytes: Uint8Array) {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const measure = measureZip(bytes, XLSX_LIMITS);
    if (!measure.ok && measure.reason !== "unreadable")
      throw problems.xlsFormTooLarge({ uncompressedBytes: XLSX_LIMITS.maxUncompressedBytes });
    if (!measure.ok) throw problems.xlsFormUnreadable();
  }
  const read = readXlsForm(bytes);
  if (!read) throw problems.xlsFormUnreadable();
  if ("tooManyCells" in read) throw problems.xlsFormTooLarge({ cells: MAX_CELLS });
  return read;
}

function countsOf(report: XlsFormImportResult["report"]): XlsFormImportResult["counts"] {
  const counts = { mapped: 0, approximated: 0, refused: 0 };
  for (const entry of report) counts[entry.outcome]++;
  return counts;
}
