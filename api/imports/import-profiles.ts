import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Catalogue } from "../../schemas/catalogue/types";
import type { FieldError } from "../../schemas/contracts/api";
import { ProfileCatalogue } from "../../schemas/imports/household-answers";
import type { ImportProfile as ProfileView, ImportProfileBody } from "../../schemas/imports/import-profile";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { queryRows } from "../db/plain-sql";
import { ImportProfile } from "../entities";
import { importProblems } from "./import-problems";

/** The published version a profile maps to: its id, its catalogue snapshot (null when it does not exist). */
export async function profileTarget(em: EntityManager, formId: string, version: number) {
  const [row] = await queryRows<{ id: number; snapshot: Catalogue; retired: boolean }>(
    em,
    `select id, snapshot, retired_at is not null as retired from form_versions where form_id = ? and version = ?`,
    [formId, version],
  );
  return row ?? null;
}

/**
 * Checks a profile against the version it maps to: every variable exists there, is mapped once, and
 * every value it maps to is a code of the variable's list. Each mistake is named where it is.
 */
async function checkProfile(em: EntityManager, body: ImportProfileBody): Promise<void> {
  const target = await profileTarget(em, body.formId, body.version);
  if (!target)
    throw importProblems.profileInvalid([
      error("/formId", "not_found", "Aucune version publiée de ce questionnaire.", "No such published version of this form."),
    ]);
  const catalogue = new ProfileCatalogue(target.snapshot);
  const errors: FieldError[] = [];
  const mapped = new Set<string>();
  for (const [i, mapping] of body.columns.entries()) {
    const variable = catalogue.variables.get(mapping.variable);
    if (!variable) {
      errors.push(
        error(
          `/columns/${i}/variable`,
          "unknown_variable",
          "Variable absente de cette version du questionnaire.",
          "No such variable in this form version.",
        ),
      );
      continue;
    }
    if (mapped.has(mapping.variable))
      errors.push(
        error(
          `/columns/${i}/variable`,
          "duplicate_answer",
          "Variable déjà alimentée par une autre colonne.",
          "Variable already fed by another column.",
        ),
      );
    mapped.add(mapping.variable);
    const list = catalogue.listOf(variable);
    for (const [value, code] of Object.entries(mapping.values ?? {})) {
      if (!list?.items.some((item) => item.code === code)) {
        errors.push(
          error(
            `/columns/${i}/values/${value.replaceAll("~", "~0").replaceAll("/", "~1")}`,
            "not_in_list",
            `« ${code} » n'est pas un code de la liste.`,
            `"${code}" is not a code of the list.`,
          ),
        );
      }
    }
  }
  for (const code of Object.keys(body.constants ?? {})) {
    if (!catalogue.variables.has(code))
      errors.push(
        error(
          `/constants/${code}`,
          "unknown_variable",
          "Variable absente de cette version du questionnaire.",
          "No such variable in this form version.",
        ),
      );
  }
  if (errors.length) throw importProblems.profileInvalid(errors);
}

function error(pointer: string, code: string, fr: string, en: string): FieldError {
  return { pointer, code, message: { fr, en } };
}

export async function createProfile(em: EntityManager, by: AuditActor, body: ImportProfileBody): Promise<ProfileView> {
  await checkProfile(em, body);
  const id = randomUUID();
  await em.transactional(async (tx) => {
    if (await tx.count(ImportProfile, { name: body.name })) throw importProblems.profileNameTaken(body.name);
    tx.create(ImportProfile, { id, name: body.name, source: body.source, body, createdBy: by.id });
    await tx.flush();
    await recordAudit(tx, by, {
      action: "import_profile.create",
      entityType: "import_profile",
      entityId: id,
      details: { source: body.source },
    });
  });
  return getProfile(em, id);
}

export async function updateProfile(em: EntityManager, by: AuditActor, id: string, body: ImportProfileBody): Promise<ProfileView> {
  await checkProfile(em, body);
  await em.transactional(async (tx) => {
    const profile = await tx.findOne(ImportProfile, id);
    if (!profile) throw importProblems.profileNotFound();
    if (body.name !== profile.name && (await tx.count(ImportProfile, { name: body.name })))
      throw importProblems.profileNameTaken(body.name);
    Object.assign(profile, { name: body.name, source: body.source, body, updatedAt: new Date() });
    await tx.flush();
    await recordAudit(tx, by, {
      action: "import_profile.update",
      entityType: "import_profile",
      entityId: id,
      details: { source: body.source },
    });
  });
  return getProfile(em, id);
}

export async function getProfile(em: EntityManager, id: string): Promise<ProfileView> {
  const profile = await em.fork().findOne(ImportProfile, id);
  if (!profile) throw importProblems.profileNotFound();
  return view(profile);
}

export async function listProfiles(em: EntityManager): Promise<ProfileView[]> {
  return (await em.fork().find(ImportProfile, {}, { orderBy: { name: "asc" } })).map(view);
}

function view(profile: ImportProfile): ProfileView {
  return { ...profile.body, id: profile.id, createdAt: profile.createdAt.toISOString(), updatedAt: profile.updatedAt.toISOString() };
}
