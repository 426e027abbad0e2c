import type { AreaLevel, DashboardFigures, IndicatorBreakdown, IndicatorFigures } from "../../schemas/contracts/dashboards";
import { request } from "../../kit/request";

export type { AreaLevel, DashboardFigures, IndicatorBreakdown, IndicatorFigures };

const place = (level: AreaLevel, area: string) =>
  level === "country" ? `level=country` : `level=${level}&area=${encodeURIComponent(area)}`;

export const getDashboard = (level: AreaLevel, area: string, signal?: AbortSignal) =>
  request<DashboardFigures>(`/api/dashboards?${place(level, area)}`, { signal, cache: "no-store" });

export const getIndicator = (variable: string, breakdown: IndicatorBreakdown, level: AreaLevel, area: string) =>
  request<IndicatorFigures>(
    `/api/dashboards/indicator?variable=${encodeURIComponent(variable)}&breakdown=${breakdown}&${place(level, area)}`,
    {
      cache: "no-store",
    },
  );
