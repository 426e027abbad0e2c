import type { ImportProgress, ImportSummary, ImportView, UndoneImport } from "../../schemas/contracts/imports";
import type { ImportProfile, ImportProfileBody } from "../../schemas/imports/import-profile";
import type { Suggestion } from "../../schemas/imports/suggest-mapping";
import { request } from "../../kit/request";

export type { ImportProfile, ImportProfileBody, ImportProgress, ImportSummary, ImportView, Suggestion, UndoneImport };

export interface FileSuggestions {
  columns: Suggestion[];
  values: Record<string, Record<string, { code: string; score: number }>>;
}

const path = (id: string, rest = "") => `/api/imports/${encodeURIComponent(id)}${rest}`;

export const listImports = (signal?: AbortSignal) => request<ImportView[]>("/api/imports", { signal, cache: "no-store" });

export const getImport = (id: string, signal?: AbortSignal) => request<ImportView>(path(id), { signal, cache: "no-store" });

/** The file itself is the body; its name says its format (.csv, .xlsx, .dta, .sav). */
export function uploadImport(file: File, delivery: string, importId?: string) {
  const query = new URLSearchParams({ name: file.name, ...(delivery ? { delivery } : {}) });
  return importId
    ? request<ImportView>(path(importId, `/individuals?${query}`), { method: "PUT", body: file })
    : request<ImportView>(`/api/imports?${query}`, { method: "POST", body: file });
}

export const importSuggestions = (id: string, formId: string, version: number) =>
  request<{ households?: FileSuggestions; individuals?: FileSuggestions }>(
    path(id, `/suggestions?${new URLSearchParams({ formId, version: String(version) })}`),
  );

export const listProfiles = (signal?: AbortSignal) => request<ImportProfile[]>("/api/import-profiles", { signal, cache: "no-store" });

export const saveProfile = (body: ImportProfileBody, id?: string) =>
  id
    ? request<ImportProfile>(`/api/import-profiles/${encodeURIComponent(id)}`, { method: "PUT", json: body })
    : request<ImportProfile>("/api/import-profiles", { method: "POST", json: body });

export const dryRun = (id: string, profileId: string) =>
  request<ImportSummary>(path(id, "/dry-run"), { method: "POST", json: { profileId } });

export const importProgress = (id: string, signal?: AbortSignal) =>
  request<ImportProgress>(path(id, "/progress"), { signal, cache: "no-store" });

/** run (or resume), pause, cancel: each answers the progress. */
export const importAction = (id: string, action: "run" | "pause" | "cancel") =>
  request<ImportProgress>(path(id, `/${action}`), { method: "POST" });

export const errorReportUrl = (id: string) => path(id, "/errors.xlsx");

/** Withdraws what the run created and gives back what it changed, each a new version (issue #19). */
export const undoImport = (id: string) => request<UndoneImport>(path(id, "/undo"), { method: "POST" });
