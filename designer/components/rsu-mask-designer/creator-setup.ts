import surveyCss from "survey-core/survey-core.fontless.css?inline";
import creatorCss from "survey-creator-core/survey-creator-core.fontless.css?inline";
import "survey-core/i18n/french";
import "survey-creator-core/i18n/french";
import { settings, setLicenseKey, surveyLocalization, type Base } from "survey-core";
import { CreatorResponsivityManager } from "survey-creator-core";
import { renderSurveyCreator, SurveyCreator } from "survey-creator-js";
import { unmountComponentAtNode } from "survey-js-ui";
import type { CodeList, Variable } from "../../../schemas/catalogue/types";
import type { DraftCheck } from "../../../schemas/contracts/forms";
import { getLanguage, pick, t } from "../../i18n";
import { buildToolbox, disableUsedItems } from "./catalogue-toolbox";
import { toCreatorJson, toMaskJson } from "./creator-locale-json";
import { ProblemMarks } from "./problem-marks";
import { insideRoster, isRoster, variableOf, type Catalogue } from "./bound-questions";

/**
 * Everything that needs SurveyJS Creator, in one module the designer imports lazily (issue 5): the rest of
 * the back office never downloads Creator's ~0.5 MB (gzip). Creator renders inside a shadow root (the
 * designer's tabs live in one): its CSS is adopted by that root, and SurveyJS's environment points there
 * so that pop-ups, icons and drag and drop stay inside it (STACK.md trap 1).
 */
export interface MaskDesigner {
  /** The mask as rsu stores it (French under "fr"). */
  mask(): Record<string, unknown>;
  /** Shows the draft's binding errors and warnings on the questions of the design surface. */
  showProblems(check: DraftCheck): void;
  /** Selects the question a problem names, on the design surface and in the property grid. */
  reveal(pointer: string, question: string): void;
  setLanguage(language: string): void;
  dispose(): void;
}

export interface MaskDesignerOptions {
  /** The shadow root Creator lives in, and the element inside it Creator fills. */
  root: ShadowRoot;
  host: HTMLElement;
  mask: Record<string, unknown>;
  variables: Variable[];
  codeLists: CodeList[];
  licenseKey: string | null;
  onModified(): void;
}

/** Properties a bound question takes from its variable: the catalogue decides them, not the mask. */
const FROM_VARIABLE = new Set(["name", "choices", "inputType", "valueName"]);

/**
 * Properties the compiler refuses (schemas/compile/mask-checks.ts): hidden from the property grid so
 * designers are not offered what the check would then report.
 */
const REFUSED = new Set([
  "valueName",
  "showCommentArea",
  "showOtherItem",
  "showNoneItem",
  "showRefuseItem",
  "showDontKnowItem",
  "choicesByUrl",
  "choicesFromQuestion",
  "choicesFromQuestionMode",
  "hideIfChoicesEmpty",
  "minSelectedChoices",
  "maskType",
  "maskSettings",
  "minValueExpression",
  "maxValueExpression",
  "templateVisibleIf",
]);

/** Creator's message panel carries the check's problems on the question (problem-marks.ts): it reads as one. */
const MESSAGE_PANEL_CSS = `.svc-carry-forward-panel { color: var(--rsu-color-text); font-weight: 600; border-left: 6px solid var(--rsu-color-danger); }
@media (max-width: 1100px) {
  .svc-toolbox__panel { max-width: 15rem; }
  .svc-toolbox__item-title, .svc-toolbox__category-title { white-space: normal; }
}`;
// On a tablet the toolbox keeps its labels (variables are told apart by them) but no more than 15rem of
// width, so the design surface keeps room for a question (#21).

/**
 * SurveyJS's stylesheets as constructable sheets, made once. Their theme variables are declared on
 * `:root`, which matches nothing inside a shadow root: they are declared on the root's host instead.
 */
let sheets: CSSStyleSheet[] | undefined;
function creatorSheets(): CSSStyleSheet[] {
  sheets ??= [surveyCss, creatorCss, MESSAGE_PANEL_CSS].map((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text.replaceAll(":root", ":host"));
    return sheet;
  });
  return sheets;
}

/**
 * Creator hides its toolbox when it is narrower than 900 px, and turns into its phone layout below 600: on a
 * 10-inch tablet (800 px in portrait) the catalogue's variables were out of reach (#21). The toolbox stays
 * from 600 px, the property grid flies out over the surface below 900 px, the phone layout starts at 400.
 */
CreatorResponsivityManager.screenSizeBreakpoints = { xxl: 1800, xl: 1500, l: 1200, m: 600, s: 400 };

export function createMaskDesigner(options: MaskDesignerOptions): MaskDesigner {
  const { root, host } = options;
  // The design surface shows the default-locale texts as French (STACK.md trap 3).
  surveyLocalization.defaultLocale = "fr";
  root.adoptedStyleSheets = creatorSheets();
  settings.environment = { root, rootElement: host, popupMountContainer: host, svgMountContainer: host, stylesSheetsMountContainer: host };
  if (options.licenseKey) setLicenseKey(options.licenseKey);

  const catalogue: Catalogue = {
    variables: new Map(options.variables.map((v) => [v.code, v])),
    codeLists: new Map(options.codeLists.map((l) => [l.code, l])),
  };
  const creator = new SurveyCreator({
    showLogicTab: true,
    showTranslationTab: true,
    showJSONEditorTab: true,
    showPreviewTab: true,
    // Themes are not part of a mask: the runtime has one look for every form.
    showThemeTab: false,
    questionTypes: ["text", "comment", "boolean", "dropdown", "radiogroup", "checkbox", "tagbox", "panel", "html", "image", "expression"],
  });
  creator.locale = getLanguage();
  buildToolbox(creator, options.variables, catalogue.codeLists);

  creator.onPropertyGetReadOnly.add((_, o) => {
    if (variableOf(o.element, catalogue) && FROM_VARIABLE.has(o.property.name)) o.readOnly = true;
    // The items of a bound question's choices (their values and texts) come from the code list too.
    if (
      o.parentProperty?.name === "choices" &&
      variableOf(o.parentElement, catalogue) &&
      o.property.name !== "visibleIf" &&
      o.property.name !== "enableIf"
    )
      o.readOnly = true;
  });
  creator.onPropertyShowing.add((_, o) => {
    if (REFUSED.has(o.property.name)) o.show = false;
  });
  creator.onElementAllowOperations.add((_, o) => {
    if (!variableOf(o.element, catalogue)) return;
    o.allowChangeType = false;
    o.allowChangeInputType = false;
    // A copy would be renamed, hence unbound: drag the variable from the toolbox instead.
    o.allowCopy = false;
  });
  creator.onCollectionItemAllowOperations.add((_, o) => {
    if (o.propertyName !== "choices" || !variableOf(o.element, catalogue)) return;
    o.allowAdd = false;
    o.allowDelete = false;
    o.allowEdit = false;
  });
  // onDragDropAllow fires at every mouse move: say why a drop is refused once per drag.
  let warned = "";
  creator.onDragEnd.add(() => (warned = ""));
  creator.onDragDropAllow.add((_, o) => {
    const dragged = o.draggedElement as unknown as Base;
    // Over the roster's empty template, Creator names the roster itself as the target, with no neighbour.
    const intoRoster = isRoster(o.toElement as unknown as Base) && !o.insertBefore && !o.insertAfter;
    const inRoster = intoRoster || insideRoster(o.parent as unknown as Base);
    if (isRoster(dragged) && inRoster) o.allow = false;
    const variable = variableOf(dragged, catalogue);
    if (!variable) return;
    if ((variable.level === "individual") !== inRoster) {
      o.allow = false;
      if (warned === variable.code) return;
      warned = variable.code;
      creator.notify(
        t(variable.level === "individual" ? "individualOutsideRoster" : "householdInsideRoster", { code: variable.code }),
        "error",
      );
    }
  });
  creator.onSurveyInstanceCreated.add((_, o) => {
    // On the design surface, a bound question offers no ghost "new choice", "other" or "none" item: its
    // choices are its code list's.
    if (o.area === "designer-tab") {
      o.survey.onShowingChoiceItem.add((_, c) => {
        if (variableOf(c.question, catalogue) && !(c.question as unknown as { choices: unknown[] }).choices.includes(c.item))
          c.visible = false;
      });
    }
    // The preview shows the draft as the runtime does (rsu-form-entry): the runtime's locale, no title.
    if (o.area === "preview-tab") {
      o.survey.locale = getLanguage();
      o.survey.showTitle = false;
    }
  });
  creator.onModified.add(() => {
    disableUsedItems(creator);
    options.onModified();
  });

  const marks = new ProblemMarks(creator);
  creator.JSON = toCreatorJson(options.mask);
  disableUsedItems(creator);
  renderSurveyCreator(creator, host);

  return {
    mask: () => toMaskJson(creator.JSON as Record<string, unknown>),
    showProblems: (check) => marks.show(check, pick),
    reveal: (pointer, question) => marks.reveal(pointer, question),
    setLanguage: (language) => (creator.locale = language),
    dispose: () => unmountComponentAtNode(host),
  };
}
