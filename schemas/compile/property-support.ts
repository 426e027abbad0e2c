import type { MaskElement } from "./mask-walker";

/**
 * What rsu does with one SurveyJS property (mask-properties.ts):
 * - `compiled`: its meaning is in the compiled schema, and the server checks it as survey-core does;
 * - `ignored`: it cannot change which data is valid (texts, layout, navigation, values written in the
 *   browser then checked as any other answer);
 * - `refused`: a mask using it (a value other than survey-core's default) is refused at publish, naming
 *   the element and the property; a function says when a value counts as used.
 */
export type Support = "compiled" | "ignored" | "refused" | ((value: unknown, element: MaskElement) => boolean);
export type Table = Record<string, Support>;

export const each = (support: Support, names: string[]): Table => Object.fromEntries(names.map((n) => [n, support]));
