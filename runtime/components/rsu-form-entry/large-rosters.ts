import type { QuestionPanelDynamicModel, SurveyModel } from "survey-core";

/**
 * Beyond this many members a roster shows one member at a time, in tabs. Every panel of a roster shown
 * as a list is drawn again at each answer: with 60 members that took seconds per answer on a tablet (#18).
 */
export const ROSTER_LIST_LIMIT = 20;

/** Tabs for rosters longer than ROSTER_LIST_LIMIT, now and as members are added. */
export function showLargeRostersInTabs(model: SurveyModel): void {
  for (const question of model.getAllQuestions(false, false, true)) {
    if (question.getType() === "paneldynamic") useTabsIfLarge(question as QuestionPanelDynamicModel);
  }
  model.onDynamicPanelAdded.add((_, { question }) => {
    if (useTabsIfLarge(question)) question.currentIndex = question.panelCount - 1;
  });
}

/** True when the roster shows tabs. */
function useTabsIfLarge(roster: QuestionPanelDynamicModel): boolean {
  if (roster.displayMode === "tab") return true;
  if (roster.panelCount <= ROSTER_LIST_LIMIT) return false;
  // Each tab is named as the member's panel is (« Membre n° 12 »).
  if (!roster.locTemplateTitle.isEmpty) roster.locTemplateTabTitle.setJson(roster.locTemplateTitle.getJson());
  roster.displayMode = "tab";
  return true;
}
