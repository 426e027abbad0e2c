/** Texts of the XLSForm import screen (issue #20). */
export const fr = {
  xlsImport: "Importer un XLSForm",
  xlsHeading: "Importer un XLSForm (ODK, KoboToolbox…)",
  xlsHint:
    "Classeur XLSX ou XLS avec les feuilles « survey », « choices » et « settings », ou tableau CSV ou markdown à la manière de pyxform. Les questions nommées comme une variable du catalogue y sont liées. « Prévisualiser » n'écrit rien ; « Créer le brouillon » crée le masque et l'ouvre dans le concepteur.",
  xlsFile: "Fichier XLSForm",
  xlsFormId: "Identifiant du masque (facultatif)",
  xlsFormIdHint: "Minuscules, chiffres et _ ; à défaut, le form_id du fichier.",
  xlsPreview: "Prévisualiser",
  xlsCreate: "Créer le brouillon",
  xlsSummary: "{formId} : {mapped} repris, {approximated} approchés, {refused} refusés ; {errors} erreur(s) de liaison au catalogue.",
  xlsColOutcome: "Résultat",
  xlsColWhere: "Où",
  xlsColWhat: "Détail",
  xlsOutcome_mapped: "Repris",
  xlsOutcome_approximated: "Approché",
  xlsOutcome_refused: "Refusé",
  xlsWhere: "{sheet}, ligne {row}",
  xlsReportCaption: "Rapport d'import, ligne par ligne",
};

export const en: Record<keyof typeof fr, string> = {
  xlsImport: "Import an XLSForm",
  xlsHeading: "Import an XLSForm (ODK, KoboToolbox…)",
  xlsHint:
    'An XLSX or XLS workbook with "survey", "choices" and "settings" sheets, or a CSV or markdown table as pyxform reads them. Questions named like a catalogue variable are bound to it. "Preview" writes nothing; "Create the draft" creates the mask and opens it in the designer.',
  xlsFile: "XLSForm file",
  xlsFormId: "Mask identifier (optional)",
  xlsFormIdHint: "Lowercase letters, digits and _; otherwise the file's form_id.",
  xlsPreview: "Preview",
  xlsCreate: "Create the draft",
  xlsSummary: "{formId}: {mapped} carried over, {approximated} approximated, {refused} refused; {errors} catalogue binding error(s).",
  xlsColOutcome: "Outcome",
  xlsColWhere: "Where",
  xlsColWhat: "Detail",
  xlsOutcome_mapped: "Carried over",
  xlsOutcome_approximated: "Approximated",
  xlsOutcome_refused: "Refused",
  xlsWhere: "{sheet}, row {row}",
  xlsReportCaption: "Import report, row by row",
};
