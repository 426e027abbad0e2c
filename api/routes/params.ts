import { AREA_CODE, type FieldError } from "../../schemas/contracts/api";
import { problems } from "../problems";

/** Route and query parameters, checked at the boundary with the same problem shape as bodies. */
export function positiveInteger(
  name: string,
  raw: string | undefined,
  { min = 1, max = 1_000_000, fallback }: { min?: number; max?: number; fallback?: number } = {},
): number {
  if ((raw === undefined || raw === "") && fallback !== undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw problems.invalidParameter([
      invalid(name, {
        fr: `« ${name} » doit être un nombre entier entre ${min} et ${max}.`,
        en: `"${name}" must be a whole number from ${min} to ${max}.`,
      }),
    ]);
  }
  return value;
}

/** An optional query parameter that must be one of a few words. */
export function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (!allowed.includes(raw as T)) {
    throw problems.invalidParameter([
      invalid(name, { fr: `« ${name} » doit valoir : ${allowed.join(", ")}.`, en: `"${name}" must be one of: ${allowed.join(", ")}.` }),
    ]);
  }
  return raw as T;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuid(name: string, raw: string): string {
  if (!UUID.test(raw)) {
    throw problems.invalidParameter([
      invalid(name, {
        fr: `« ${name} » doit être un UUID.`,
        en: `"${name}" must be a UUID.`,
      }),
    ]);
  }
  return raw.toLowerCase();
}

/** An optional island, prefecture or commune code. */
export function areaCode(name: string, raw: string | undefined): string | null {
  if (raw === undefined || raw === "") return null;
  if (!AREA_CODE.test(raw)) {
    throw problems.invalidParameter([
      invalid(name, {
        fr: `« ${name} » doit être un code d'île, de préfecture ou de commune.`,
        en: `"${name}" must be an island, prefecture or commune code.`,
      }),
    ]);
  }
  return raw;
}

/** An ISO date or date-time; a bare date means the end of that day (`?at=`: the state that evening) or its start. */
export function isoDate(name: string, raw: string, bareDate: "end" | "start" = "end"): Date {
  const at = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(raw) ? new Date(raw) : new Date(NaN);
  if (Number.isNaN(at.getTime())) {
    throw problems.invalidParameter([
      invalid(name, {
        fr: `« ${name} » doit être une date ISO (AAAA-MM-JJ ou date et heure).`,
        en: `"${name}" must be an ISO date (YYYY-MM-DD or a date-time).`,
      }),
    ]);
  }
  return raw.length === 10 && bareDate === "end" ? new Date(at.getTime() + 86_399_999) : at;
}

function invalid(name: string, message: FieldError["message"]): FieldError {
  return { pointer: `/${name}`, code: "invalid_parameter", message };
}
