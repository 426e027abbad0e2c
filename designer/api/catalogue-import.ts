import type { ImportPlan } from "../../schemas/catalogue/import/import-plan";
import { ApiError, request } from "../../kit/request";

/** What POST /api/catalogue/import answers: the plan, and whether it was written. */
export interface ImportResult extends ImportPlan {
  mode: "preview" | "apply";
  applied: boolean;
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Sends the file itself as the body. A refused apply (422 `catalogue_import_refused`) carries the plan:
 * it is returned like a preview, so the screen shows the reasons row by row.
 */
export async function importCatalogueFile(file: File, mode: "preview" | "apply"): Promise<ImportResult> {
  const type = /\.csv$/i.test(file.name) ? "text/csv" : XLSX;
  try {
    return await request<ImportResult>(`/api/catalogue/import?mode=${mode}`, {
      method: "POST",
      body: file,
      headers: { "content-type": type },
    });
  } catch (error) {
    if (error instanceof ApiError && error.problem?.code === "catalogue_import_refused") {
      return { ...(error.problem.details as ImportPlan), mode, applied: false };
    }
    throw error;
  }
}
