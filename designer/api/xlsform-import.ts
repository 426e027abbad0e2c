import type { XlsFormImportResult } from "../../schemas/contracts/xlsform";
import { request } from "../../kit/request";

export type { XlsFormImportResult };

/** Sends the file itself as the body: the server tells .xlsx, .xls, CSV and markdown apart by their bytes. */
export function importXlsFormFile(file: File, mode: "preview" | "create", formId?: string): Promise<XlsFormImportResult> {
  const query = new URLSearchParams({ mode, ...(formId ? { id: formId } : {}) });
  return request<XlsFormImportResult>(`/api/forms/import?${query}`, {
    method: "POST",
    body: file,
    headers: { "content-type": "application/octet-stream" },
  });
}
