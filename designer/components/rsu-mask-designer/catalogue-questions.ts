import type { Variable } from "../../../schemas/catalogue/types";

/** Creator's icon for the question a variable becomes. */
export function iconOf(variable: Variable): string {
  switch (variable.type) {
    case "boolean":
      return "icon-boolean";
    case "single_choice":
      return "icon-radiogroup";
    case "multiple_choice":
      return "icon-checkbox";
    default:
      return "icon-text";
  }
}
