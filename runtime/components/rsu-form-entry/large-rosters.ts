import type { QuestionPanelDynamicModel, SurveyModel } from "survey-core";

/**
 * Beyond this many members a roster shows one member at a time. Every panel of a roster shown as a list is
 * drawn again at each answer: with 60 members that took seconds per answer on a tablet (#18).
 */
export const ROSTER_LIST_LIMIT = 20;

/**
 * Rosters longer than ROSTER_LIST_LIMIT show one member at a time, now and as members are added, with
 * « Enregistrement précédent », « Enregistrement suivant » and where the clerk is (« Enregistrement 12 sur
 * 60 »): survey-core names them « Précédent » and « Suivant », as the page's own buttons below them. Not survey-core's tabs:
 * its tab bar of 60 members, measured, delayed the paint after each key by over 3 s under a 4× CPU slowdown
 * (40 ms without it), and survey-core 2.3 fills that bar only when it rebuilds its panels, once per panel
 * for each panel.
 */
export function showLargeRostersOneAtATime(model: SurveyModel): void {
  for (const question of model.getAllQuestions(false, false, true)) {
    if (question.getType() !== "paneldynamic") continue;
    nameRecordButtons(question as QuestionPanelDynamicModel);
    oneAtATimeIfLarge(question as QuestionPanelDynamicModel);
  }
  model.onDynamicPanelAdded.add((_, { question }) => {
    if (oneAtATimeIfLarge(question)) question.currentIndex = question.panelCount - 1;
  });
}

/** True when the roster shows one member at a time. */
function oneAtATimeIfLarge(roster: QuestionPanelDynamicModel): boolean {
  if (roster.displayMode === "carousel") return true;
  if (roster.panelCount <= ROSTER_LIST_LIMIT) return false;
  roster.displayMode = "carousel";
  return true;
}

/**
 * survey-core gives the buttons of a roster's footer the title its texts had when the footer was first
 * drawn, and that title is the page's own « Précédent » and « Suivant »: the footer is made now, before the
 * questionnaire is drawn, with titles that follow the questionnaire's language.
 */
function nameRecordButtons(roster: QuestionPanelDynamicModel): void {
  roster.locPrevPanelText.localizationName = "rosterPrevText";
  roster.locNextPanelText.localizationName = "rosterNextText";
  const footer = roster.footerToolbar;
  footer.getActionById("sv-pd-prev-btn").locTitle = roster.locPrevPanelText;
  footer.getActionById("sv-pd-next-btn").locTitle = roster.locNextPanelText;
}
