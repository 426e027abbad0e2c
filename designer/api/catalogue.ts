import type { CodeList, Variable } from "../../schemas/catalogue/types";
import type { VariablePage, VariableQuery } from "../../schemas/contracts/api";
import { request } from "../../kit/request";

export type { VariablePage, VariableQuery };

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

/** The catalogue's units of records besides households and individuals (plots, livestock). */
export const listUnits = () => request<{ units: string[] }>("/api/variables/units", { cache: "no-store" }).then((body) => body.units);

export const listCodeLists = () => request<CodeList[]>("/api/code-lists", { cache: "no-store" });

/** The forms a 409 (`variable_in_use`, `code_in_use`) names, or none. */
export function usedByOf(details: unknown): UsedBy[] {
  const usedBy = (details as { usedBy?: unknown } | null)?.usedBy;
  return Array.isArray(usedBy) ? (usedBy as UsedBy[]) : [];
}

/** `previousCode` is the code the list is known by on the server, absent for a new one (a list's code never changes). */
export const saveCodeList = (list: CodeList, previousCode?: string) =>
  previousCode
    ? request<CodeList>(`/api/code-lists/${encodeURIComponent(previousCode)}`, { method: "PUT", json: list })
    : request<CodeList>("/api/code-lists", { method: "POST", json: list });
