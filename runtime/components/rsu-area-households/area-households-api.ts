import type { HouseholdPage } from "../../../designer/api/households";
import type { ProblemBody } from "../../../schemas/contracts/api";
import { ApiError, NetworkError } from "../../api-client";
import { message } from "../../i18n";

/**
 * `GET /api/households`: the API itself keeps a clerk to the households of their areas, so the list is
 * asked for unfiltered. Errors take the runtime's usual shapes (ApiError, NetworkError).
 */
export async function listAreaHouseholds(limit: number, offset: number, signal?: AbortSignal): Promise<HouseholdPage> {
  let response: Response;
  try {
    response = await fetch(`/api/households?limit=${limit}&offset=${offset}`, { headers: { accept: "application/json" }, cache: "no-store", signal });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new NetworkError(String(cause), { cause });
  }
  if (response.ok) return (await response.json()) as HouseholdPage;
  const body = (await response.json().catch(() => null)) as Partial<ProblemBody> | null;
  const problem = body?.error?.message?.fr ? body.error : { code: `http_${response.status}`, message: message("serverError", { status: response.status }) };
  throw new ApiError(response.status, problem);
}
