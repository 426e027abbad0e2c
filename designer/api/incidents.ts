import type { Incident, IncidentClosing, IncidentUpdate, NewIncident } from "../../schemas/contracts/incidents";
import { request } from "../../kit/request";

export type { Incident, IncidentClosing, IncidentUpdate, NewIncident };

export interface IncidentFilter {
  status?: "open" | "closed";
  severity?: Incident["severity"];
}

export function listIncidents(filter: IncidentFilter, signal?: AbortSignal): Promise<{ items: Incident[] }> {
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
  return request(`/api/incidents?${query}`, { signal, cache: "no-store" });
}

export const openIncident = (body: NewIncident) => request<Incident>("/api/incidents", { method: "POST", json: body });

const path = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;

export const updateIncident = (id: string, body: IncidentUpdate) => request<Incident>(path(id), { method: "PATCH", json: body });

export const recordIncidentAction = (id: string, text: string) =>
  request<Incident>(`${path(id)}/actions`, { method: "POST", json: { text } });

export const closeIncident = (id: string, body: IncidentClosing) => request<Incident>(`${path(id)}/close`, { method: "POST", json: body });

export const getIncident = (id: string, signal?: AbortSignal) => request<Incident>(path(id), { signal, cache: "no-store" });
