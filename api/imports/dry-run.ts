import { isDeepStrictEqual } from "node:util";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { FieldError } from "../../schemas/contracts/api";
import type { ImportLines, ImportOutcome, ImportSummary } from "../../schemas/contracts/imports";
import {
  householdAnswers,
  placeFieldErrors,
  ProfileCatalogue,
  type RowError,
  type SourceHousehold,
} from "../../schemas/imports/household-answers";
import type { ImportProfileBody } from "../../schemas/imports/import-profile";
import { registryRecord } from "../../schemas/registry/household-from-submission";
import { auditActor, type Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { queryRows } from "../db/plain-sql";
import { DataImport, ImportProfile } from "../entities";
import type { NewHouseholdResult } from "../registry/integration/new-households";
import { previewNewHouseholds } from "../registry/integration/preview-new-households";
import type { MatchThresholds } from "../registry/matching/match-person";
import { validatorFor } from "../services/form-validators";
import { importSubmissionId } from "./deterministic-id";
import { importProblems } from "./import-problems";
import { profileTarget } from "./import-profiles";
import { SummaryCounter } from "./import-summary";
import { fileUnderKeys, isKeyless, stagedHouseholds } from "./staged-households";

/** A household of the page, as checked. */
interface Checked {
  key: string;
  /** Its lines in each file: for the report, and kept as its provenance. */
  lines: ImportLines;
  submissionId: string;
  data: Record<string, unknown>;
  errors: RowError[];
  outcome: ImportOutcome;
  reason?: FieldError["message"];
  householdId?: string;
  baseVersion?: number;
}

/**
 * The dry run (issue #19): every source household mapped by the profile, checked by the mask's own
 * schema (the codes a clerk's submission gets), and previewed by the integration's own matching in a
 * transaction rolled back. Nothing is written to the registry; what was found is kept with the import
 * (import_households), for the report, the error workbook and the run, which submits exactly that.
 */
export async function dryRunImport(
  em: EntityManager,
  importId: string,
  profileId: string,
  actor: Actor,
  address: string | null,
  thresholds: MatchThresholds,
): Promise<ImportSummary> {
  const found = await em.fork().findOne(DataImport, importId);
  if (!found) throw importProblems.importNotFound();
  if (!["uploaded", "checked"].includes(found.status)) throw importProblems.wrongStatus(found.status as never, ["uploaded", "checked"]);
  const profileRow = await em.fork().findOne(ImportProfile, profileId);
  if (!profileRow) throw importProblems.profileNotFound();
  const profile = profileRow.body;
  const target = await profileTarget(em, profile.formId, profile.version);
  if (!target) throw importProblems.profileInvalid([]);
  const catalogue = new ProfileCatalogue(target.snapshot);
  checkColumns(found.files, profile, catalogue);
  const [version] = await queryRows<{ id: number; checksum: string; schema: Record<string, unknown> }>(
    em,
    `select id, checksum, schema from form_versions where id = ?`,
    [target.id],
  );
  const validate = validatorFor(version!);
  // Each undo of this delivery starts new ids (deterministic-id.ts): imported again, it is written again.
  const [undone] = await queryRows<{ n: number }>(
    em,
    `select count(*)::int as n from imports where status = 'undone' and delivery = ? and profile->>'source' = ?`,
    [found.delivery, profile.source],
  );
  const idOf = (key: string) => importSubmissionId(profile.source, key, found.delivery, undone!.n);
  const source = { id: "", submittedBy: actor.userId, formVersion: { version: profile.version, form: { id: profile.formId } } };

  await fileUnderKeys(em, importId, profile);
  await queryRows(em, `delete from import_households where import_id = ?`, [importId]);
  const summary = new SummaryCounter();
  // Every page previewed in one transaction (previewNewHouseholds): a page meets the households earlier pages
  // would have created, as the run's later batches meet those its earlier ones did.
  await previewNewHouseholds(em, thresholds, async (preview) => {
    for await (const page of stagedHouseholds(em, importId, profile.layout)) {
      const checked = page.map((household) => check(household, profile, catalogue, validate, idOf));
      await classify(em, importId, profile, checked);
      const fresh = checked.filter((c) => c.outcome === "new");
      const previews = await preview(
        fresh.map((c) => ({
          submission: { ...source, id: c.submissionId },
          record: registryRecord(structuredClone(c.data), target.snapshot),
        })),
      );
      previews.forEach((result, i) => {
        const reason = reviewReason(result);
        if (reason) Object.assign(fresh[i]!, { outcome: "duplicate", reason });
      });
      await saveChecked(em, importId, checked);
      for (const c of checked) summary.add(c);
    }
  });
  const result = summary.summary();
  await em.transactional(async (tx) => {
    await queryRows(
      tx,
      `update imports set status = 'checked', profile_id = ?, profile = ?::jsonb, summary = ?::jsonb, updated_at = now() where id = ?`,
      [profileId, JSON.stringify(profile), JSON.stringify(result), importId],
    );
    await recordAudit(tx, auditActor(actor, address), {
      action: "import.dry_run",
      entityType: "import",
      entityId: importId,
      details: { profileId, households: result.households, counts: result.counts },
    });
  });
  return result;
}

/**
 * Why the run will send this household to review, as its integration found: held whole (a probable
 * duplicate household, or a NIN someone else holds), or created with some of its people waiting for a
 * supervisor (probable duplicates of registered people: the submission waits for review all the same).
 */
function reviewReason(result: NewHouseholdResult): FieldError["message"] | null {
  if (result.created) {
    return result.reviews
      ? {
          fr: "Une personne du ménage ressemble à une personne déjà inscrite : à examiner par un superviseur.",
          en: "A member looks like someone already registered: a supervisor reviews it.",
        }
      : null;
  }
  return result.match
    ? {
        fr: "Doublon probable d'un ménage du registre (ou d'un ménage précédent du fichier) : à examiner par un superviseur.",
        en: "Probable duplicate of a registry household (or of an earlier household of the file): a supervisor reviews it.",
      }
    : {
        fr: "Un NIN désigne déjà une personne d'un autre ménage (ou se répète) : à examiner.",
        en: "A NIN already names someone of another household (or repeats): to be reviewed.",
      };
}

/** Every column the profile names must be in the file its variable's level reads from. */
function checkColumns(files: DataImport["files"], profile: ImportProfileBody, catalogue: ProfileCatalogue): void {
  const households = files.households;
  if (!households) throw importProblems.filesMissing("households");
  const individuals = profile.layout === "two_files" ? files.individuals : households;
  if (!individuals) throw importProblems.filesMissing("individuals");
  const wanted = { households: new Set([profile.householdKey]), individuals: new Set<string>() };
  if (profile.layout === "two_files") wanted.individuals.add(profile.memberHouseholdKey ?? profile.householdKey);
  if (profile.memberKey) wanted.individuals.add(profile.memberKey);
  for (const { column, variable } of profile.columns) {
    const level = catalogue.variables.get(variable)?.level;
    (level === "individual" ? wanted.individuals : wanted.households).add(column);
  }
  for (const [role, info] of [
    ["households", households],
    ["individuals", individuals],
  ] as const) {
    const missing = [...wanted[role]].filter((c) => !info.columns.includes(c));
    if (missing.length) throw importProblems.columnsMissing(info.name, missing);
  }
}

function check(
  household: SourceHousehold,
  profile: ImportProfileBody,
  catalogue: ProfileCatalogue,
  validate: (data: unknown) => FieldError[],
  idOf: (key: string) => string,
): Checked {
  const lines: ImportLines = {};
  for (const row of [...household.households, ...household.members]) lines[row.file] = [...(lines[row.file] ?? []), row.line];
  const submissionId = idOf(household.key);
  if (isKeyless(household.key)) {
    const row = household.households[0] ?? household.members[0]!;
    const column = row.file === "individuals" ? (profile.memberHouseholdKey ?? profile.householdKey) : profile.householdKey;
    const errors: RowError[] = [
      {
        file: row.file,
        line: row.line,
        column,
        value: null,
        code: "missing_source_key",
        message: { fr: "Ligne sans identifiant de ménage.", en: "Row without a household key." },
      },
    ];
    return { key: household.key, lines, submissionId, data: {}, errors, outcome: "error" };
  }
  const { data, errors } = householdAnswers(profile, catalogue, household);
  // The schema's verdict on what could be converted; a cell that could not be is already an error of its
  // own, and visibility decided without it (a member's age without the birth date) says nothing more.
  const converted = new Set(errors.map((e) => `${e.line}:${e.column}`));
  const unconverted = new Set(errors.map((e) => e.line));
  const schemaErrors = placeFieldErrors(profile, household, validate(data)).filter(
    (e) => !converted.has(`${e.line}:${e.column}`) && !(e.code === "hidden_answered" && unconverted.has(e.line)),
  );
  const all = [...errors, ...schemaErrors];
  return { key: household.key, lines, submissionId, data, errors: all, outcome: all.length ? "error" : "new" };
}

/**
 * Valid households already submitted with this id are unchanged (the same delivery imported again);
 * those an earlier delivery of the same source created become updates of that household.
 */
async function classify(em: EntityManager, importId: string, profile: ImportProfileBody, checked: Checked[]): Promise<void> {
  const valid = checked.filter((c) => c.outcome === "new");
  if (!valid.length) return;
  const submitted = new Set(
    (
      await queryRows<{ id: string }>(em, `select id from submissions where id = any(?::uuid[])`, [
        `{${valid.map((c) => c.submissionId).join(",")}}`,
      ])
    ).map((r) => r.id),
  );
  const earlier = await queryRows<{ household_key: string; household_id: string; version: number; data: Record<string, unknown> }>(
    em,
    `select distinct on (ih.household_key) ih.household_key, h.id as household_id, h.version, ih.data
       from import_households ih join imports i on i.id = ih.import_id
       join submissions s on s.id = ih.submission_id join households h on h.id = s.household_id
      where i.profile->>'source' = ? and ih.import_id <> ? and i.status <> 'undone' and h.withdrawn_at is null and ih.household_key = any(array(select json_array_elements_text(?::json)))
      order by ih.household_key, s.received_at desc`,
    [profile.source, importId, JSON.stringify(valid.map((c) => c.key))],
  );
  const byKey = new Map(earlier.map((e) => [e.household_key, e]));
  for (const c of valid) {
    const previous = byKey.get(c.key);
    // The source says what it said last time: nothing to update (a clerk's later correction is kept).
    if (submitted.has(c.submissionId) || (previous && isDeepStrictEqual(previous.data, c.data))) c.outcome = "unchanged";
    else if (previous) Object.assign(c, { outcome: "update", householdId: previous.household_id, baseVersion: previous.version });
  }
}

async function saveChecked(em: EntityManager, importId: string, checked: Checked[]): Promise<void> {
  await queryRows(
    em,
    `insert into import_households (import_id, household_key, submission_id, outcome, lines, data, errors, household_id, base_version)
     select ?::uuid, r.key, r.submission_id, r.outcome, r.lines, r.data, r.errors, r.household_id, r.base_version
       from json_to_recordset(?::json) as r(key text, submission_id uuid, outcome text, lines jsonb, data jsonb, errors jsonb, household_id uuid, base_version int)`,
    [
      importId,
      JSON.stringify(
        checked.map((c) => ({
          key: c.key,
          submission_id: c.submissionId,
          outcome: c.outcome,
          lines: c.lines,
          data: c.outcome === "error" ? null : c.data,
          errors: c.errors.length ? c.errors : null,
          household_id: c.householdId ?? null,
          base_version: c.baseVersion ?? null,
        })),
      ),
    ],
  );
}
