import { accessProblems } from "./problems/access";
import { catalogueProblems } from "./problems/catalogue";
import { formsProblems } from "./problems/forms";
import { registryProblems } from "./problems/registry";
import { requestProblems } from "./problems/request";
import { submissionsProblems } from "./problems/submissions";

export { Problem, type UsedBy } from "./problems/problem";

/**
 * The problem catalogue (DESIGN.md rule 5): every error the API can answer, with its stable code, its
 * HTTP status and its message in French and English, one file a family (api/problems/). Routes throw these;
 * one handler renders them.
 */
export const problems = {
  ...requestProblems,
  ...accessProblems,
  ...formsProblems,
  ...catalogueProblems,
  ...submissionsProblems,
  ...registryProblems,
} as const;
