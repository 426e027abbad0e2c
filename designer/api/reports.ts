import type { ActivityReport } from "../../schemas/contracts/reports";
import { request } from "../../kit/request";

export type { ActivityReport };

export const reportFigures = (period: string, signal?: AbortSignal) =>
  request<ActivityReport>(`/api/reports/${encodeURIComponent(period)}`, { signal, cache: "no-store" });

/** Both are sent to the administrator's session: plain links open and download them. */
export const reportFileUrl = (period: string, format: "html" | "xlsx", lang: string) =>
  `/api/reports/${encodeURIComponent(period)}/report.${format}?lang=${encodeURIComponent(lang)}`;
