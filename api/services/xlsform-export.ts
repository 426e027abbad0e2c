import type { EntityManager } from "@mikro-orm/postgresql";
import { maskToXlsForm } from "../../schemas/xlsform/from-mask";
import { writeXlsForm } from "../../schemas/xlsform/write-xlsform";
import { findFormVersion } from "../repositories/form-versions.repository";
import { problems } from "../problems";
import { findForm } from "./form-design";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A form's draft, or one of its published versions, as an XLSForm workbook (issue #20). */
export async function exportXlsForm(
  em: EntityManager,
  formId: string,
  version: number | "draft",
): Promise<{ bytes: Uint8Array; filename: string }> {
  let mask: Record<string, unknown>;
  if (version === "draft") mask = (await findForm(em, formId)).draftMask ?? {};
  else {
    const found = await findFormVersion(em, formId, version);
    if (!found) throw problems.formVersionNotFound(formId, version);
    mask = found.mask;
  }
  const bytes = writeXlsForm(maskToXlsForm(mask, formId));
  return { bytes, filename: `${formId}-${version === "draft" ? "brouillon" : `v${version}`}.xlsx` };
}
