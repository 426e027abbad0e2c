import type { OperationsFigures } from "../../schemas/contracts/operations";
import { request } from "../../kit/request";

export type { OperationsFigures };

export function operationsFigures(signal?: AbortSignal): Promise<OperationsFigures> {
  return request("/api/operations/figures", { signal, cache: "no-store" });
}
