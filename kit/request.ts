import type { FieldError, ProblemBody } from "../schemas/contracts/api";

/**
 * The API's error (DESIGN.md rule 5). `problem` is null when there was no usable answer (offline, a proxy's
 * HTML page); `status` is 0 when there was no answer at all, so the request may or may not have arrived.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemBody["error"] | null,
    /** What the server asked to wait before trying again (503, 429), in seconds. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem?.message.en ?? `HTTP ${status}`);
  }

  /** No answer at all: offline, server down, connection cut. */
  get unanswered(): boolean {
    return this.status === 0;
  }

  /** Not signed in, or the session ended (idle, expired, account deactivated). */
  get unauthenticated(): boolean {
    return this.status === 401;
  }

  /** The per-field errors of a 422, each naming its field by a JSON pointer (`/username`, `/areas/1`). */
  get fieldErrors(): FieldError[] {
    const details = this.problem?.details;
    return Array.isArray(details) ? details.filter(isFieldError) : [];
  }
}

/** A JSON request to the API; `json` becomes the body. Same-origin, so the session cookie goes along. */
export async function request<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set("accept", "application/json");
  if (json !== undefined) headers.set("content-type", "application/json");
  let response: Response;
  try {
    response = await fetch(path, { ...rest, headers, body: json === undefined ? rest.body : JSON.stringify(json) });
  } catch (cause) {
    if (rest.signal?.aborted) throw cause;
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as Partial<ProblemBody> | null;
    const problem = body?.error;
    const usable = problem && typeof problem.message?.fr === "string" ? problem : null;
    throw new ApiError(response.status, usable, retryAfter(response.headers.get("retry-after")));
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Retry-After is a number of seconds or an HTTP date. */
function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : null;
}

function isFieldError(value: unknown): value is FieldError {
  const candidate = value as Partial<FieldError> | null;
  return typeof candidate?.pointer === "string" && typeof candidate.message?.fr === "string";
}
