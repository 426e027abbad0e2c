import { request } from "./request";

/** Shapes of GET /api/households and GET /api/households/:id, as the API answers them today. */
export interface HouseholdListItem {
  id: string;
  island: string | null;
  prefecture: string | null;
  commune: string | null;
  village: string | null;
  headName: string | null;
  memberCount: number;
  createdAt: string;
}

export interface HouseholdPage {
  items: HouseholdListItem[];
  total: number;
}

export interface RegistryMember {
  id: string;
  lineNumber: number;
  firstName: string | null;
  lastName: string | null;
  sex: string | null;
  birthDate: string | null;
  nin: string | null;
  relationToHead: string | null;
  attributes: Record<string, unknown>;
}

export interface HouseholdDetail extends Omit<HouseholdListItem, "memberCount"> {
  attributes: Record<string, unknown>;
  sourceSubmissionId: string;
  updatedAt: string;
  members: RegistryMember[];
}

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
