import type { HouseholdDetail, HouseholdPage } from "../../schemas/contracts/api";
import type { HouseholdHistory } from "../../schemas/contracts/review";
import { request } from "../../kit/request";

export interface HouseholdQuery {
  commune?: string;
  q?: string;
  limit: number;
  offset: number;
}

export function listHouseholds(query: HouseholdQuery, signal?: AbortSignal): Promise<HouseholdPage> {
  const params = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
  if (query.commune) params.set("commune", query.commune);
  if (query.q) params.set("q", query.q);
  return request(`/api/households?${params}`, { signal });
}

export function getHousehold(id: string, signal?: AbortSignal): Promise<HouseholdDetail> {
  return request(`/api/households/${encodeURIComponent(id)}`, { signal });
}

export function getHouseholdHistory(id: string, signal?: AbortSignal): Promise<HouseholdHistory> {
  return request(`/api/households/${encodeURIComponent(id)}/history`, { signal, cache: "no-store" });
}

/** The household as it stood at the end of `day` (ISO date), from the version recorded by then. */
export function getHouseholdAt(id: string, day: string, signal?: AbortSignal): Promise<HouseholdDetail> {
  return request(`/api/households/${encodeURIComponent(id)}?at=${encodeURIComponent(day)}`, { signal, cache: "no-store" });
}
