import type {
  FieldError,
  FormVersionBody,
  ProblemBody,
  PublishedFormSummary,
  SubmissionAccepted,
  SubmissionBody,
  SubmissionRequest,
} from "../schemas/contracts/api";
import { message } from "./i18n";

/** The API answered with an error body (DESIGN.md rule 5). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemBody["error"],
  ) {
    super(`${status} ${problem.code}`);
  }

  /** Not signed in, or the session ended (idle, expired, signed out elsewhere). */
  get unauthenticated(): boolean {
    return this.status === 401;
  }

  /** The per-answer errors of a 422, when the server located them. */
  get fieldErrors(): FieldError[] {
    return Array.isArray(this.problem.details) ? (this.problem.details as FieldError[]).filter(isFieldError) : [];
  }
}

/** No answer at all: offline, server down, connection cut. The request may or may not have arrived. */
export class NetworkError extends Error {}

/** Who is signed in (GET /api/auth/me; the login answer adds `displayName`). */
export interface SignedInUser {
  id: string;
  username: string;
  displayName?: string;
  roles: string[];
  areas: string[];
}

export const getCurrentUser = (signal?: AbortSignal) => request<SignedInUser>("/api/auth/me", { signal, cache: "no-store" });

/** The server answers with an httpOnly session cookie: the page never holds the secret. */
export const signIn = (username: string, password: string) =>
  request<SignedInUser>("/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });

export const signOut = () => request<void>("/api/auth/logout", { method: "POST" });

export const listPublishedForms = (signal?: AbortSignal) => request<PublishedFormSummary[]>("/api/forms", { signal });

export const getFormVersion = (formId: string, version: number, signal?: AbortSignal) =>
  request<FormVersionBody>(`/api/forms/${encodeURIComponent(formId)}/versions/${version}`, { signal });

export const postSubmission = (submission: SubmissionRequest, signal?: AbortSignal) =>
  request<SubmissionAccepted>("/api/submissions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(submission),
    signal,
  });

export const getSubmission = (id: string, signal?: AbortSignal) =>
  request<SubmissionBody>(`/api/submissions/${encodeURIComponent(id)}`, { signal, cache: "no-store" });

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { accept: "application/json", ...init.headers } });
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new NetworkError(String(cause), { cause });
  }
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A proxy or a crash may answer with HTML or nothing: fall back to a message naming the status. */
async function readProblem(response: Response): Promise<ProblemBody["error"]> {
  const body: unknown = await response.json().catch(() => null);
  const error = (body as Partial<ProblemBody> | null)?.error;
  if (error && typeof error.code === "string" && error.message?.fr) return error;
  return { code: `http_${response.status}`, message: message("serverError", { status: response.status }) };
}

function isFieldError(value: unknown): value is FieldError {
  const candidate = value as Partial<FieldError> | null;
  return typeof candidate?.pointer === "string" && typeof candidate.message?.fr === "string";
}
