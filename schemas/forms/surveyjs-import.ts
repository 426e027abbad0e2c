import type { Message } from "../contracts/api";
import type { ImportReportEntry } from "../contracts/xlsform";
import { ImportReport } from "../xlsform/report";
import { formIdOf } from "../xlsform/to-mask";
import { applyTypeMapping, type TypeMapping } from "./declared-types";

/**
 * A SurveyJS survey brought in as it is (issue #20): the draft is the survey itself, with the custom
 * types its application registered rewritten as declared. What rsu does not compile is named by the
 * draft's check, as for a draft saved from the designer; the report lists the rewritten questions.
 */
export function surveyJsToMask(
  survey: Record<string, unknown>,
  mapping: TypeMapping,
): { formId: string; title: Message; mask: Record<string, unknown>; report: ImportReportEntry[] } {
  const { mask, uses } = applyTypeMapping(survey, mapping);
  const report = new ImportReport();
  for (const use of uses) {
    report.add(
      "mapped",
      { sheet: "surveyjs", row: 0, name: use.name, column: "type" },
      "declared_type",
      `« ${use.name} » : type personnalisé « ${use.from} » lu comme « ${use.to} », comme déclaré.`,
      `"${use.name}": custom type "${use.from}" read as "${use.to}", as declared.`,
    );
  }
  const title = titleOf(survey.title);
  return { formId: formIdOf(title.fr), title, mask: mask as Record<string, unknown>, report: report.entries };
}

function titleOf(title: unknown): Message {
  if (typeof title === "string" && title.trim()) return { fr: title.trim(), en: title.trim() };
  if (title && typeof title === "object") {
    const texts = title as Record<string, unknown>;
    const first = (...keys: string[]) => keys.map((k) => texts[k]).find((t): t is string => typeof t === "string" && t.trim() !== "");
    const fr = first("fr", "default", "en");
    if (fr) return { fr, en: first("en", "default", "fr") ?? fr };
  }
  return { fr: "Formulaire importé", en: "Imported form" };
}
