import type { CodeList, Variable } from "../../schemas/catalogue/types";
import { request } from "../../runtime/shared/request";

/** The catalogue's filters, as `GET /api/variables` takes them; empty values are left out. */
export interface VariableQuery {
  q?: string;
  theme?: string;
  level?: string;
  type?: string;
  status?: string;
  sensitivity?: string;
  limit: number;
  offset: number;
}

export interface VariablePage {
  total: number;
  items: Variable[];
}

export function searchVariables(query: VariableQuery, signal?: AbortSignal): Promise<VariablePage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== "") params.set(name, String(value));
  return request<VariablePage>(`/api/variables?${params}`, { signal, cache: "no-store" });
}

/** A published form version that uses a variable or a code-list value. */
export interface UsedBy {
  formId: string;
  version: number;
}

export interface VariableRevision {
  revision: number;
  change: string;
  changedBy: string | null;
  changedAt: string;
}

export const getVariable = (code: string) =>
  request<Variable & { usedBy: UsedBy[] }>(`/api/variables/${encodeURIComponent(code)}`, { cache: "no-store" });

export const listVariableRevisions = (code: string) =>
  request<VariableRevision[]>(`/api/variables/${encodeURIComponent(code)}/revisions`, { cache: "no-store" });

/** `previousCode` is the code the variable is known by on the server, absent for a new one. */
export const saveVariable = (variable: Variable, previousCode?: string) =>
  previousCode
    ? request<Variable>(`/api/variables/${encodeURIComponent(previousCode)}`, { method: "PUT", json: variable })
    : request<Variable>("/api/variables", { method: "POST", json: variable });

export const listCodeLists = () => request<CodeList[]>("/api/code-lists", { cache: "no-store" });

/** The forms a 409 (`variable_in_use`, `code_in_use`) names, or none. */
export function usedByOf(details: unknown): UsedBy[] {
  const usedBy = (details as { usedBy?: unknown } | null)?.usedBy;
  return Array.isArray(usedBy) ? (usedBy as UsedBy[]) : [];
}
