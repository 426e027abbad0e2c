import { createValidator } from "../../schemas/compile";
import type { FieldError } from "../../schemas/contracts/api";
import { problems } from "../problems";

const validators = new WeakMap<object, (data: unknown) => FieldError[]>();

/** Checks a request body against a JSON Schema; 422 naming each field otherwise. */
export function validateBody<T>(schema: object, body: unknown): T {
  const errors = validatorOf(schema)(body);
  if (errors.length) throw problems.bodyInvalid(errors);
  return body as T;
}

function validatorOf(schema: object): (data: unknown) => FieldError[] {
  const known = validators.get(schema);
  if (known) return known;
  const validate = createValidator({ $schema: "https://json-schema.org/draft/2020-12/schema", ...schema } as never);
  validators.set(schema, validate);
  return validate;
}
