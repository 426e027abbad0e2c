import { createValidator } from "../../schemas/compile";
import type { FieldError } from "../../schemas/contracts/api";
import type { FormVersion } from "../entities";

type Validate = (data: unknown) => FieldError[];

/**
 * Compiled validators by form version. A published version never changes (DESIGN.md rule 6), so its
 * validator is compiled once per process and kept; the checksum guards against a reused id.
 */
const validators = new Map<string, Validate>();

export function validatorFor(version: Pick<FormVersion, "id" | "checksum" | "schema">): Validate {
  const key = `${version.id}:${version.checksum}`;
  const known = validators.get(key);
  if (known) return known;
  const validate = createValidator(version.schema);
  validators.set(key, validate);
  return validate;
}
