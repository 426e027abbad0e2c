import type { IAction, PanelModel, QuestionPanelDynamicModel, SurveyModel } from "survey-core";

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
  showTabBar(roster);
  return true;
}

/**
 * survey-core (2.3) fills the tab bar only when it rebuilds its panels, not when `displayMode` changes, so a
 * roster switched to tabs showed none; and it then makes each panel's tab once per panel (3,600 for 60
 * members). One tab per member, made with survey-core's own maker (private in its typings).
 */
function showTabBar(roster: QuestionPanelDynamicModel): void {
  const maker = roster as unknown as { createTabByPanel(panel: PanelModel, index: number): IAction };
  roster.tabbedMenu?.setItems(roster.visiblePanels.map((panel, index) => maker.createTabByPanel(panel, index)));
}
