import type { ExportRequest, ExportView } from "../../schemas/contracts/exports";
import { request } from "../../kit/request";

export type { ExportRequest, ExportView };

export const listExports = (signal?: AbortSignal) => request<ExportView[]>("/api/exports", { signal, cache: "no-store" });

export const requestExport = (body: ExportRequest) => request<ExportView>("/api/exports", { method: "POST", json: body });

export const cancelExport = (id: string) => request<ExportView>(`/api/exports/${encodeURIComponent(id)}/cancel`, { method: "POST" });

/** The file is sent to its requester's session: a plain link downloads it. */
export const exportFileUrl = (id: string) => `/api/exports/${encodeURIComponent(id)}/file`;

export const createRelease = (name: string) =>
  request<{ id: number; name: string }>("/api/catalogue/releases", { method: "POST", json: { name } });
