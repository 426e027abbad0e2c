import type { Message } from "../../schemas/contracts/api";
import type {
  DraftBody,
  FormCreateRequest,
  FormSummary,
  PublishRequest,
  RetireRequest,
  VersionDiff,
  VersionSummary,
} from "../../schemas/contracts/forms";
import { request } from "../../kit/request";

export type { DraftBody, FormSummary, VersionDiff, VersionSummary };

const form = (id: string) => `/api/forms/${encodeURIComponent(id)}`;

/** Every form, drafts included (designers see what clerks do not). */
export const listForms = (signal?: AbortSignal) => request<FormSummary[]>("/api/forms?all=1", { signal, cache: "no-store" });

export const createForm = (id: string, title: Message) =>
  request<FormSummary>("/api/forms", { method: "POST", json: { id, title } satisfies FormCreateRequest });

export const getDraft = (id: string) => request<DraftBody>(`${form(id)}/draft`, { cache: "no-store" });

/** Saving never fails for binding errors: the answer carries the draft's check. */
export const saveDraft = (id: string, mask: Record<string, unknown>) =>
  request<DraftBody>(`${form(id)}/draft`, { method: "PUT", json: mask });

/** What publishing the draft would change, against the latest published version. */
export const diffDraft = (id: string) => request<VersionDiff>(`${form(id)}/diff?to=draft`, { cache: "no-store" });

export const publishDraft = (id: string, body: PublishRequest) =>
  request<VersionSummary>(`${form(id)}/publish`, { method: "POST", json: body });

export const retireVersion = (id: string, version: number, reason: string) =>
  request<VersionSummary>(`${form(id)}/versions/${version}/retire`, { method: "POST", json: { reason } satisfies RetireRequest });

/** The Creator licence key the deployer configured (STACK.md trap 4), or null: Creator then shows its banner. */
export const getDesignerConfig = () => request<{ surveyJsLicenseKey: string | null }>("/api/config/designer", { cache: "no-store" });
