import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../app-env";
import { auditActor } from "../auth/actor";
import { allow } from "../middleware/authorize";
import { parseBounded } from "../middleware/json-body";
import { describeRoute } from "../openapi/describe";
import { problems } from "../problems";
import { validateBody } from "./validate-body";
import { readTypeMapping } from "../../schemas/forms/declared-types";
import { draftSchema } from "../services/form-design";
import { FORM_ID, importXlsForm, type XlsFormImportMode } from "../services/xlsform-import";

/** The largest real XLSForms (hundreds of questions, thousands of choices) weigh about 1 MB. */
const MAX_BYTES = 10 * 1024 * 1024;
const MODES: readonly XlsFormImportMode[] = ["preview", "create"];

/**
 * POST /api/forms/import?mode=preview|create&id=&types= (issue #20), the body being the XLSForm file itself
 * (.xlsx, .xls, CSV or markdown, told apart by their bytes) or a SurveyJS survey (JSON). Preview is the
 * default; create makes a new form whose draft is the converted mask (201), with `id` or the form's own
 * `form_id`. `types=yesno:boolean,infotext:html` declares what a SurveyJS survey's custom types are.
 */
export function formImportRoutes() {
  return new Hono<AppEnv>().post(
    "/",
    allow("forms:design"),
    describeRoute(
      "Importe un XLSForm ou un questionnaire SurveyJS (aperçu ou création).",
      "Imports an XLSForm or a SurveyJS survey (preview or creation).",
      {
        errors: [
          "invalidParameter",
          "payloadTooLarge",
          "xlsFormUnreadable",
          "xlsFormTooLarge",
          "malformedJson",
          "jsonTooComplex",
          "malformedText",
          "bodyInvalid",
          "formExists",
        ],
      },
    ),
    bodyLimit({
      maxSize: MAX_BYTES,
      onError: () => {
        throw problems.payloadTooLarge(MAX_BYTES);
      },
    }),
    async (c) => {
      const mode = (c.req.query("mode") ?? "preview") as XlsFormImportMode;
      const id = c.req.query("id");
      if (!MODES.includes(mode)) throw badParameter("/mode", "« mode » vaut preview ou create.", `"mode" is preview or create.`);
      if (id !== undefined && !FORM_ID.test(id)) {
        throw badParameter(
          "/id",
          "« id » : minuscules, chiffres et _, commençant par une lettre.",
          `"id": lowercase letters, digits and _, starting with a letter.`,
        );
      }
      const types = readTypeMapping(c.req.query("types") ?? "");
      if ("refused" in types) throw badParameter("/types", types.refused.fr, types.refused.en);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const survey = surveyJsOf(bytes);
      const by = auditActor(c.get("actor"), c.get("address"));
      const result = await importXlsForm(c.get("em"), by, survey ? { survey } : { bytes }, {
        mode,
        types: types.mapping,
        ...(id ? { formId: id } : {}),
      });
      return c.json(result, result.created ? 201 : 200);
    },
  );
}

/** A SurveyJS survey is a JSON object shaped as a draft; an XLSForm never starts with `{`. */
function surveyJsOf(bytes: Uint8Array): Record<string, unknown> | undefined {
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
  if (!text.trimStart().startsWith("{")) return undefined;
  return validateBody<Record<string, unknown>>(draftSchema, parseBounded(text));
}

function badParameter(pointer: string, fr: string, en: string) {
  return problems.invalidParameter([{ pointer, code: "invalid_parameter", message: { fr, en } }]);
}
