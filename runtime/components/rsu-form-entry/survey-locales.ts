import { surveyLocalization } from "survey-core";
import "survey-core/i18n/arabic";
import "survey-core/i18n/french";

/**
 * The form library's own texts in French and Arabic, with the few its translations leave in English
 * ("Select" read out on every drop-down, the progress bar's name) filled in (#18). `rosterPrevText` and
 * `rosterNextText` are ours (large-rosters.ts): a roster shown one record at a time names its buttons apart
 * from the page's « Précédent » and « Suivant ».
 */
const MISSING: Record<string, Record<string, string>> = {
  fr: {
    selectCaption: "Choisir",
    progressbar: "Progression du questionnaire",
    toc: "Sommaire",
    panelDynamicTabTextFormat: "Élément {panelIndex}",
    rosterPrevText: "Enregistrement précédent",
    rosterNextText: "Enregistrement suivant",
  },
  en: {
    rosterPrevText: "Previous record",
    rosterNextText: "Next record",
  },
  ar: {
    selectCaption: "اختر",
    progressbar: "تقدّم الاستمارة",
    toc: "المحتويات",
    rosterPrevText: "السجل السابق",
    rosterNextText: "السجل التالي",
  },
};

// French is the questionnaires' first language: the one SurveyJS falls back to (with mask-languages.ts).
surveyLocalization.defaultLocale = "fr";

for (const [locale, strings] of Object.entries(MISSING)) {
  const table = surveyLocalization.locales[locale] as Record<string, string> | undefined;
  if (table) Object.assign(table, strings);
}
