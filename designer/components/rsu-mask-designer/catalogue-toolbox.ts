import type { SurveyCreatorModel } from "survey-creator-core";
import type { CodeList, Variable } from "../../../schemas/catalogue/types";
import { MEMBERS_ROSTER } from "../../../schemas/contracts/registry";
import { message, pick, t, tCode } from "../../i18n";
import { questionOf } from "../../../schemas/forms/question-of-variable";
import { iconOf } from "./catalogue-questions";
import { toCreatorJson } from "./creator-locale-json";

/** Toolbox item name of a variable: prefixed so that a variable code never clashes with a built-in item. */
const VARIABLE_ITEM_PREFIX = "rsu-variable-";
export const variableItemName = (code: string) => `${VARIABLE_ITEM_PREFIX}${code}`;
export const ROSTER_ITEM = "rsu-members-roster";

/** Category of the variables without a theme, and the theme the roster opens (the demo catalogue's). */
const NO_THEME = "rsu-no-theme";
const MEMBERS_THEME = "members";
const LAYOUT_ITEMS = ["panel", "html", "image", "expression"];
const FREE_ITEMS = ["text", "comment", "boolean", "radiogroup", "dropdown", "checkbox", "tagbox"];

/**
 * The toolbox made from the catalogue (issue 5): one category per theme, one item per active variable
 * (deprecated ones are not offered to new masks), the household roster, then the layout elements and the
 * free questions (unbound: flagged by the check, their answers do not reach the registry).
 */
export function buildToolbox(creator: SurveyCreatorModel, variables: Variable[], codeLists: Map<string, CodeList>): void {
  const toolbox = creator.toolbox;
  const byTheme = new Map<string, Variable[]>();
  for (const variable of variables) {
    if ((variable.status ?? "active") !== "active") continue;
    const theme = variable.theme || NO_THEME;
    byTheme.set(theme, [...(byTheme.get(theme) ?? []), variable]);
  }
  if (!byTheme.has(MEMBERS_THEME)) byTheme.set(MEMBERS_THEME, []);

  // defineCategories rebuilds the toolbox from Creator's own items: call it first, with every category's
  // title, then add the catalogue's items in front, each naming its category.
  toolbox.defineCategories([
    ...[...byTheme.keys()].map((theme) => ({
      category: theme,
      title: theme === NO_THEME ? t("themeNone") : tCode("theme_", theme),
      items: [],
    })),
    { category: "rsu-layout", title: t("toolboxLayout"), items: LAYOUT_ITEMS },
    { category: "rsu-free", title: t("toolboxFree"), items: FREE_ITEMS },
  ]);
  let index = 0;
  for (const [theme, members] of byTheme) {
    if (theme === MEMBERS_THEME) toolbox.addItem(rosterItem(), index++);
    for (const variable of members) {
      toolbox.addItem(
        {
          name: variableItemName(variable.code),
          title: pick({ en: "", ...variable.label }),
          tooltip: `${variable.code} — ${tCode("level_", variable.level)}, ${tCode("type_", variable.type)}`,
          iconName: iconOf(variable),
          category: theme,
          json: toCreatorJson(questionOf(variable, variable.codeList ? codeLists.get(variable.codeList) : undefined)),
        },
        index++,
      );
    }
  }
  // Variables are told apart by their labels: never the icon-only compact toolbox.
  toolbox.forceCompact = false;
  toolbox.showCategoryTitles = true;
  toolbox.allowExpandMultipleCategories = true;
  // Text subtypes (colour, e-mail, password, range…) are refused by the compiler: only plain text is offered.
  toolbox.showSubitems = false;
}

/**
 * Greys out what the mask already holds: a variable is asked once (a second binding is an error) and a
 * household has one roster. Called whenever the mask changes, so that removing a question frees its item.
 */
export function disableUsedItems(creator: SurveyCreatorModel): void {
  const names = new Set(creator.survey.getAllQuestions(false, true, true).map((q) => q.name));
  for (const item of creator.toolbox.items) {
    if (item.name === ROSTER_ITEM) item.enabled = !names.has(MEMBERS_ROSTER);
    else if (item.name.startsWith(VARIABLE_ITEM_PREFIX)) item.enabled = !names.has(item.name.slice(VARIABLE_ITEM_PREFIX.length));
  }
}

/** The household roster: the only dynamic panel the compiler accepts, named `members`. */
function rosterItem() {
  return {
    name: ROSTER_ITEM,
    title: t("rosterItem"),
    iconName: "icon-paneldynamic",
    category: MEMBERS_THEME,
    json: toCreatorJson({
      type: "paneldynamic",
      name: MEMBERS_ROSTER,
      title: message("rosterTitle"),
      templateTitle: message("rosterTemplateTitle"),
      panelAddText: message("rosterAdd"),
      panelRemoveText: message("rosterRemove"),
      minPanelCount: 1,
      templateElements: [],
    }),
  };
}
