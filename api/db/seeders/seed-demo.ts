import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Catalogue } from "../../../schemas/catalogue/types";
import { CatalogueCodeList, CatalogueVariable, Form, FormVersion, User } from "../../entities";
import { hashPassword } from "../../services/passwords";
import { publishFormVersion } from "../../services/publish-form-version";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { DEMO_FORM, demoCatalogue } from "./demo/catalogue";
import { householdMask } from "./demo/household-mask";

/**
 * Seeds the demo: the Comoros household catalogue, the household form published as version 1, and one
 * account per role. Idempotent: what exists is left as it is, so a restart never duplicates or alters data.
 */
export async function seedDemo(em: EntityManager): Promise<void> {
  await seedCatalogue(em, demoCatalogue);
  if (!(await em.findOne(Form, DEMO_FORM.id))) {
    em.create(Form, { id: DEMO_FORM.id, title: DEMO_FORM.title });
    await em.flush();
  }
  if (!(await em.count(FormVersion, { form: DEMO_FORM.id }))) {
    await publishFormVersion(em, DEMO_FORM.id, householdMask as unknown as Record<string, unknown>, demoCatalogue);
  }
  for (const account of DEMO_ACCOUNTS) {
    if (await em.findOne(User, { username: account.username })) continue;
    em.create(User, {
      id: randomUUID(),
      username: account.username,
      displayName: account.displayName,
      passwordHash: await hashPassword(account.password),
      roles: [...account.roles],
      areas: [...account.areas],
    });
  }
  await em.flush();
}

async function seedCatalogue(em: EntityManager, catalogue: Catalogue): Promise<void> {
  await em.upsertMany(
    CatalogueCodeList,
    catalogue.codeLists.map((list) => ({ code: list.code, definition: list, updatedAt: new Date() })),
    { onConflictAction: "ignore" },
  );
  await em.upsertMany(
    CatalogueVariable,
    catalogue.variables.map((v) => ({ code: v.code, level: v.level, type: v.type, definition: v, updatedAt: new Date() })),
    { onConflictAction: "ignore" },
  );
}
