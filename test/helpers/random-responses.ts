import { prng } from "./demo-responses";
import type { FormResponse, Values } from "./form-responses";

/** A value to draw, or one worked out from the response drawn so far (an "other" text only with "other"). */
export type Draw = unknown[] | ((response: Values) => unknown[]);

/**
 * Responses made of a few values per answer, drawn at random and mixed, for forms whose parts the
 * generator of form-responses.ts does not know (multiple texts, comments, matrices): each value is one
 * the form itself can send, so that both validators' verdicts may be compared. `undefined` leaves the
 * answer out. Same seed, same responses.
 */
export function randomResponses(count: number, seed: number, draws: Record<string, Draw>): FormResponse[] {
  const next = prng(seed);
  const responses: FormResponse[] = [];
  for (let n = 0; n < count; n++) {
    const data: Values = {};
    for (const [key, draw] of Object.entries(draws)) {
      const values = typeof draw === "function" ? draw(data) : draw;
      const value = values.length ? values[Math.floor(next() * values.length)] : undefined;
      if (value !== undefined) data[key] = structuredClone(value);
    }
    responses.push({ data, kind: null });
  }
  return responses;
}
