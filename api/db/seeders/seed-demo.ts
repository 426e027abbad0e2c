import type { EntityManager } from "@mikro-orm/postgresql";
import type { Catalogue } from "../../../schemas/catalogue/types";
import { systemActor } from "../../auth/actor";
import { recordAudit, type AuditActor } from "../../audit/record-audit";
import { CatalogueCodeList, CatalogueVariable, CodeListRevision, Form, FormVersion, User, VariableRevision } from "../../entities";
import { publishFormVersion } from "../../services/publish-form-version";
import { createUser } from "../../services/users";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { DEMO_FORM, demoCatalogue } from "./demo/catalogue";
import { householdMask } from "./demo/household-mask";

/**
 * Seeds the demo: the Comoros household catalogue, the household form published as version 1, and one
 * account per role. Idempotent: what exists is left as it is, so a restart never duplicates or alters data.
 */
export async function seedDemo(em: EntityManager, operator = "seed"): Promise<void> {
  const by = systemActor(operator);
  await seedCatalogue(em, by, demoCatalogue);
  if (!(await em.findOne(Form, DEMO_FORM.id))) {
    await em.transactional(async (tx) => {
      tx.create(Form, { id: DEMO_FORM.id, title: DEMO_FORM.title });
      await tx.flush();
      await recordAudit(tx, by, { action: "form.create", entityType: "form", entityId: DEMO_FORM.id });
    });
  }
  if (!(await em.count(FormVersion, { form: DEMO_FORM.id }))) {
    await publishFormVersion(em, by, DEMO_FORM.id, householdMask as unknown as Record<string, unknown>, demoCatalogue);
  }
  // The designer opens the demo form on a draft equal to what runs (version 1).
  const demoForm = await em.findOneOrFail(Form, DEMO_FORM.id);
  if (!demoForm.draftMask) {
    demoForm.draftMask = householdMask as unknown as Record<string, unknown>;
    demoForm.draftUpdatedAt = new Date();
    await em.flush();
  }
  for (const { password, ...account } of DEMO_ACCOUNTS) {
    if (await em.findOne(User, { username: account.username })) continue;
    await createUser(em, by, { ...account, roles: [...account.roles], areas: [...account.areas], password });
  }
}

async function seedCatalogue(em: EntityManager, by: AuditActor, catalogue: Catalogue): Promise<void> {
  if (await em.count(CatalogueVariable, {})) return;
  await em.transactional(async (tx) => {
    for (const list of catalogue.codeLists) tx.create(CatalogueCodeList, { code: list.code, definition: list });
    for (const v of catalogue.variables)
      tx.create(CatalogueVariable, { code: v.code, level: v.level, type: v.type, status: v.status ?? "active", definition: v });
    // The history starts with the seeded state, so a later edit shows what it changed.
    const first = { revision: 1, change: "create", changedBy: by.id, changedByName: by.name };
    for (const list of catalogue.codeLists) tx.create(CodeListRevision, { ...first, code: list.code, definition: list });
    for (const v of catalogue.variables) tx.create(VariableRevision, { ...first, code: v.code, definition: v });
    await tx.flush();
    await recordAudit(tx, by, {
      action: "catalogue.import",
      entityType: "catalogue",
      details: { variables: catalogue.variables.length, codeLists: catalogue.codeLists.length },
    });
  });
}
