import type { EntityManager } from "@mikro-orm/postgresql";
import { checkCodeList } from "../../schemas/catalogue/checks";
import type { CodeList } from "../../schemas/catalogue/types";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { CatalogueCodeList } from "../entities";
import { problems } from "../problems";
import { loadCatalogue, recordRevision, refuseIfAny, versionsUsingValues, withoutEntry } from "./catalogue-store";

/** Writing catalogue code lists; each change checked, revised and audited in one transaction. */
export async function findCodeList(em: EntityManager, code: string): Promise<CodeList> {
  const found = await em.findOne(CatalogueCodeList, code);
  if (!found) throw problems.codeListNotFound(code);
  return found.definition;
}

export async function createCodeList(em: EntityManager, by: AuditActor, list: CodeList): Promise<CodeList> {
  return em.transactional(async (tx) => {
    refuseIfAny(checkCodeList(list, await loadCatalogue(tx)));
    tx.create(CatalogueCodeList, { code: list.code, definition: list });
    await tx.flush();
    const revision = await recordRevision(tx, by, "code_list", list, "create");
    await recordAudit(tx, by, {
      action: "code_list.create",
      entityType: "code_list",
      entityId: list.code,
      details: { revision, items: list.items.length },
    });
    return list;
  });
}

/**
 * Values a published version holds stay in the list: removing one would leave stored answers without a
 * meaning. A list keeps its code: variables and child lists name it (rename means a new list).
 */
export async function updateCodeList(em: EntityManager, by: AuditActor, code: string, list: CodeList): Promise<CodeList> {
  if (list.code !== code) {
    throw problems.bodyInvalid([
      {
        pointer: "/code",
        code: "code_immutable",
        message: {
          fr: "Le code d'une liste ne change pas : créez une nouvelle liste.",
          en: "A list's code does not change: create a new list.",
        },
      },
    ]);
  }
  return em.transactional(async (tx) => {
    const current = await tx.findOne(CatalogueCodeList, code);
    if (!current) throw problems.codeListNotFound(code);
    const kept = new Set(list.items.map((i) => i.code));
    const removed = current.definition.items.map((i) => i.code).filter((value) => !kept.has(value));
    const usedBy = await versionsUsingValues(tx, code, removed);
    if (usedBy.length) throw problems.codeInUse(code, removed, usedBy);
    refuseIfAny(checkCodeList(list, withoutEntry(await loadCatalogue(tx), "codeLists", code)));
    current.definition = list;
    await tx.flush();
    const revision = await recordRevision(tx, by, "code_list", list, "update");
    await recordAudit(tx, by, { action: "code_list.update", entityType: "code_list", entityId: code, details: { revision, removed } });
    return list;
  });
}
