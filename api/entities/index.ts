import { CatalogueCodeList, CatalogueVariable } from "./catalogue.entity";
import { Form } from "./form.entity";
import { FormVersion } from "./form-version.entity";
import { Household } from "./household.entity";
import { Individual } from "./individual.entity";
import { OutboxEntry } from "./outbox-entry.entity";
import { Submission } from "./submission.entity";
import { User } from "./user.entity";

export { CatalogueCodeList, CatalogueVariable, Form, FormVersion, Household, Individual, OutboxEntry, Submission, User };

/** Every entity, listed statically: MikroORM gets them without scanning folders (STACK.md trap 7). */
export const entities = [CatalogueVariable, CatalogueCodeList, Form, FormVersion, Submission, OutboxEntry, Household, Individual, User];
