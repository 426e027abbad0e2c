import { Hono, type Context } from "hono";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { roleMay } from "../auth/permissions";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";
import { jsonBody, readJson } from "../middleware/json-body";
import { problems } from "../problems";
import { findFormVersion, formVersionBody, listPublishedForms } from "../repositories/form-versions.repository";
import type { FormCreateRequest, PublishRequest, RetireRequest } from "../../schemas/contracts/forms";
import {
  checkFormDraft,
  createForm,
  draftSchema,
  formCreateSchema,
  formDiff,
  formSummary,
  getDraft,
  listAllForms,
  publishDraft,
  publishSchema,
  retireSchema,
  retireVersion,
  saveDraft,
} from "../services/form-design";
import { exportXlsForm, XLSX_TYPE } from "../services/xlsform-export";
import { positiveInteger } from "./params";
import { validateBody } from "./validate-body";

/** A large household questionnaire is a few hundred kilobytes of SurveyJS JSON: 4 MB leaves room, no more. */
const MAX_DRAFT_BYTES = 4 * 1024 * 1024;

const actorOf = (c: Context<AppEnv>) => auditActor(c.get("actor"), c.get("address"));

async function publishedVersion(c: Context<AppEnv>) {
  const formId = c.req.param("id")!;
  const version = positiveInteger("version", c.req.param("version"));
  const found = await findFormVersion(c.get("em"), formId, version);
  if (!found) throw problems.formVersionNotFound(formId, version);
  // A published version never changes: clients and proxies may keep it as long as they like.
  c.header("Cache-Control", "public, max-age=31536000, immutable");
  c.header("ETag", `"${found.checksum}"`);
  return found;
}

/** Any write to a published version is refused as such (409), never as an unknown route (404). */
function immutable(c: Context<AppEnv>): never {
  throw problems.versionImmutable(c.req.param("id")!, positiveInteger("version", c.req.param("version")));
}

export function formRoutes() {
  return new Hono<AppEnv>()
    .get(
      "/",
      allow("forms:read"),
      describeRoute(
        "Les questionnaires publiés (tous, brouillons compris, avec all=1 pour qui conçoit).",
        "Published forms (all, drafts included, with all=1 for designers).",
      ),
      async (c) => {
        const actor = c.get("actor");
        // `?all=1` is the designer's list; the runtime keeps the published list it has always fetched.
        if (c.req.query("all") === "1" && actor && roleMay(actor.roles, "forms:design")) return c.json(await listAllForms(c.get("em")));
        return c.json(await listPublishedForms(c.get("em")));
      },
    )
    .post(
      "/",
      allow("forms:design"),
      describeRoute("Crée un questionnaire (brouillon).", "Creates a form (draft).", {
        body: formCreateSchema,
        status: 201,
        errors: ["formExists"],
      }),
      jsonBody(),
      async (c) => {
        const input = validateBody<FormCreateRequest>(formCreateSchema, await readJson(c));
        return c.json(await createForm(c.get("em"), actorOf(c), input), 201);
      },
    )
    .get(
      "/:id",
      allow("forms:design"),
      describeRoute("Un questionnaire : brouillon et versions.", "A form: its draft and versions.", { errors: ["formNotFound"] }),
      async (c) => c.json(await formSummary(c.get("em"), c.req.param("id"))),
    )
    .get(
      "/:id/draft",
      allow("forms:design"),
      describeRoute("Le brouillon d'un questionnaire (JSON SurveyJS).", "A form's draft (SurveyJS JSON).", { errors: ["formNotFound"] }),
      async (c) => c.json(await getDraft(c.get("em"), c.req.param("id"))),
    )
    .put(
      "/:id/draft",
      allow("forms:design"),
      describeRoute("Enregistre le brouillon.", "Saves the draft.", { body: draftSchema, errors: ["formNotFound"] }),
      jsonBody(MAX_DRAFT_BYTES),
      async (c) => {
        const mask = validateBody<Record<string, unknown>>(draftSchema, await readJson(c));
        return c.json(await saveDraft(c.get("em"), actorOf(c), c.req.param("id"), mask));
      },
    )
    .get(
      "/:id/check",
      allow("forms:design"),
      describeRoute("Vérifie la liaison du brouillon au catalogue.", "Checks the draft's catalogue binding.", { errors: ["formNotFound"] }),
      async (c) => c.json(await checkFormDraft(c.get("em"), c.req.param("id"))),
    )
    .get(
      "/:id/diff",
      allow("forms:design"),
      describeRoute(
        "Différences entre deux versions (ou le brouillon) et leur classement.",
        "Differences between two versions (or the draft), classified.",
        { errors: ["formNotFound", "formVersionNotFound", "invalidParameter"] },
      ),
      async (c) => {
        const from = c.req.query("from");
        const to = c.req.query("to") ?? "draft";
        return c.json(
          await formDiff(
            c.get("em"),
            c.req.param("id"),
            from ? positiveInteger("from", from) : null,
            to === "draft" ? "draft" : positiveInteger("to", to),
          ),
        );
      },
    )
    .post(
      "/:id/publish",
      allow("forms:publish"),
      describeRoute("Publie le brouillon comme nouvelle version immuable.", "Publishes the draft as a new immutable version.", {
        body: publishSchema,
        status: 201,
        errors: ["formNotFound", "draftHasErrors", "breakingChangeUnconfirmed", "versionUnchanged"],
      }),
      jsonBody(),
      async (c) => {
        const request = validateBody<PublishRequest>(publishSchema, (await readJson(c)) ?? {});
        const published = await publishDraft(c.get("em"), actorOf(c), c.req.param("id"), request);
        return c.json(
          {
            ...formVersionBody(published),
            snapshot: published.snapshot,
            publishedBy: published.publishedBy ?? null,
            reason: published.reason ?? null,
          },
          201,
        );
      },
    )
    .get(
      "/:id/xlsform",
      allow("forms:design"),
      describeRoute("Le questionnaire en XLSForm (brouillon ou version).", "The form as an XLSForm (draft or version).", {
        mediaType: XLSX_TYPE,
        errors: ["formNotFound", "formVersionNotFound", "invalidParameter"],
      }),
      async (c) => {
        const version = c.req.query("version");
        const { bytes, filename } = await exportXlsForm(
          c.get("em"),
          c.req.param("id"),
          version ? positiveInteger("version", version) : "draft",
        );
        c.header("Content-Disposition", `attachment; filename="${filename}"`);
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { "Content-Type": XLSX_TYPE });
      },
    )
    .get(
      "/:id/versions",
      allow("forms:design"),
      describeRoute("Les versions publiées d'un questionnaire.", "A form's published versions.", { errors: ["formNotFound"] }),
      async (c) => c.json((await formSummary(c.get("em"), c.req.param("id"))).versions),
    )
    .get(
      "/:id/versions/:version",
      allow("forms:read"),
      describeRoute(
        "Une version publiée : masque, schéma et instantané du catalogue.",
        "A published version: mask, schema and catalogue snapshot.",
        { errors: ["formVersionNotFound", "invalidParameter"] },
      ),
      async (c) => {
        const found = await publishedVersion(c);
        return c.json({ ...formVersionBody(found), snapshot: found.snapshot, retiredAt: found.retiredAt?.toISOString() ?? null });
      },
    )
    .get(
      "/:id/versions/:version/schema.json",
      allow("forms:read"),
      describeRoute("Le schéma JSON 2020-12 d'une version publiée.", "The JSON Schema 2020-12 of a published version.", {
        errors: ["formVersionNotFound", "invalidParameter"],
      }),
      async (c) => {
        const found = await publishedVersion(c);
        return c.json(found.schema);
      },
    )
    .put(
      "/:id/versions/:version",
      allow("forms:publish"),
      describeRoute("Refusé : une version publiée ne change jamais.", "Refused: a published version never changes.", {
        errors: ["versionImmutable", "invalidParameter"],
      }),
      (c) => immutable(c),
    )
    .patch(
      "/:id/versions/:version",
      allow("forms:publish"),
      describeRoute("Refusé : une version publiée ne change jamais.", "Refused: a published version never changes.", {
        errors: ["versionImmutable", "invalidParameter"],
      }),
      (c) => immutable(c),
    )
    .delete(
      "/:id/versions/:version",
      allow("forms:publish"),
      describeRoute("Refusé : une version publiée ne change jamais.", "Refused: a published version never changes.", {
        errors: ["versionImmutable", "invalidParameter"],
      }),
      (c) => immutable(c),
    )
    .post(
      "/:id/versions/:version/retire",
      allow("forms:publish"),
      describeRoute("Retire une version : plus aucune saisie acceptée.", "Retires a version: no more submissions accepted.", {
        body: retireSchema,
        errors: ["formVersionNotFound", "versionAlreadyRetired", "invalidParameter"],
      }),
      jsonBody(),
      async (c) => {
        const { reason } = validateBody<RetireRequest>(retireSchema, await readJson(c));
        const retired = await retireVersion(
          c.get("em"),
          actorOf(c),
          c.req.param("id"),
          positiveInteger("version", c.req.param("version")),
          reason,
        );
        return c.json({ version: retired.version, retiredAt: retired.retiredAt!.toISOString(), retireReason: retired.retireReason });
      },
    );
}
