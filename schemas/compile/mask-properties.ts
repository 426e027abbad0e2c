import type { MaskElement } from "./mask-walker";

/**
 * What rsu does with each SurveyJS property of the elements it compiles (issue #20), in one place:
 * - `compiled`: its meaning is in the compiled schema, and the server checks it as survey-core does;
 * - `ignored`: it cannot change which data is valid (texts, layout, navigation, values written in the
 *   browser then checked as any other answer);
 * - `refused`: a mask using it (a value other than survey-core's default) is refused at publish, naming
 *   the element and the property; a function says when a value counts as used.
 * property-checks.ts applies it; test/unit/mask-properties.test.ts walks SurveyJS's own JSON schema and
 * survey-core's serializer and proves every property of every compiled element is in one category.
 */
export type Support = "compiled" | "ignored" | "refused" | ((value: unknown, element: MaskElement) => boolean);
type Table = Record<string, Support>;

const each = (support: Support, names: string[]): Table => Object.fromEntries(names.map((n) => [n, support]));

/** Properties of every question that holds an answer. */
const QUESTION: Table = {
  ...each("compiled", ["type", "name", "visible", "visibleIf", "enableIf", "readOnly", "isRequired", "requiredIf", "validators"]),
  // survey-core fills defaults when a form opens; the data sent is judged as sent (setting `data` replaces them).
  // setValueIf/resetValueIf run on changes in the browser, never on loaded data: what they wrote is checked as any answer.
  ...each("ignored", [
    "defaultValue",
    "defaultValueExpression",
    "setValueIf",
    "setValueExpression",
    "resetValueIf",
    "correctAnswer",
    "defaultDisplayValue",
    "useDisplayValuesInDynamicTexts",
    "state",
    "width",
    "minWidth",
    "maxWidth",
    "colSpan",
    "effectiveColSpan",
    "startWithNewLine",
    "indent",
    "page",
    "title",
    "titleLocation",
    "showTitle",
    "description",
    "descriptionLocation",
    "showNumber",
    "hideNumber",
    "requiredErrorText",
    "errorLocation",
    // Our runtime registers no custom renderer: an unknown one falls back to the standard control.
    "renderAs",
    "commentText",
    "commentPlaceholder",
    "randomize",
    "randomizeCategory",
  ]),
  valueName: "refused", // stores the answer under another key
  showCommentArea: "refused", // adds a `<name>-Comment` key
  bindings: "refused", // a dynamic panel's count bound to another answer
  // "none" keeps hidden answers in the data sent, which the server refuses (DESIGN.md rule 4).
  clearIfInvisible: (v) => v === "none",
};

const TEXT: Table = {
  ...each("compiled", ["inputType", "maxLength"]),
  // Limits of numbers are compiled; date limits are not.
  min: (v, q) => v !== undefined && v !== null && v !== "" && q.inputType !== "number",
  max: (v, q) => v !== undefined && v !== null && v !== "" && q.inputType !== "number",
  ...each("refused", ["minValueExpression", "maxValueExpression", "maskType"]), // masks may store numbers or masked text
  // survey-core does not check `step`; mask settings mean nothing without a mask type.
  ...each("ignored", [
    "step",
    "maskSettings",
    "inputSize",
    "textUpdateMode",
    "autocomplete",
    "minErrorText",
    "maxErrorText",
    "stepErrorText",
    "inputTextAlignment",
    "placeholder",
    "dataList",
  ]),
};

const COMMENT: Table = {
  maxLength: "compiled",
  ...each("ignored", ["cols", "rows", "placeholder", "textUpdateMode", "autoGrow", "allowResize", "acceptCarriageReturn"]),
};

const BOOLEAN: Table = {
  ...each("refused", ["valueTrue", "valueFalse"]), // stores other values than true and false
  ...each("ignored", ["label", "labelTrue", "labelFalse", "swapOrder", "displayMode", "useTitleAsLabel"]),
};

const SELECT: Table = {
  ...each("compiled", ["choices", "choicesVisibleIf"]),
  ...each("refused", [
    "choicesFromQuestion", // choices the compiler cannot see
    "choicesFromQuestionMode",
    "choiceValuesFromQuestion",
    "choiceTextsFromQuestion",
    "choicesByUrl",
    "hideIfChoicesEmpty", // visibility from the choices: not modelled
    "showOtherItem", // stores free text or "other", outside the code list
    "showNoneItem",
    "showRefuseItem",
    "showDontKnowItem",
  ]),
  // survey-core accepts a choice disabled after it was chosen.
  ...each("ignored", [
    "choicesEnableIf",
    "choicesOrder",
    "separateSpecialChoices",
    "otherPlaceholder",
    "noneText",
    "refuseText",
    "dontKnowText",
    "otherText",
    "otherErrorText",
    "storeOthersAsComment",
    "colCount",
    "itemComponent",
  ]),
};

const LIST_LOOKS = ["placeholder", "allowClear", "searchEnabled", "searchMode", "textWrapEnabled", "createCustomChoiceText"];
const LIST_REFUSED = ["allowCustomChoices", "choicesLazyLoadEnabled"]; // answers outside the choices, choices loaded at run time

const DROPDOWN: Table = {
  ...each("refused", [...LIST_REFUSED, "choicesMin", "choicesMax", "choicesStep"]), // numbers generated as choices
  ...each("ignored", [...LIST_LOOKS, "autocomplete", "choicesLazyLoadPageSize", "inputFieldComponent"]),
};

const CHECKBOX: Table = {
  ...each("compiled", ["maxSelectedChoices", "minSelectedChoices"]),
  valuePropertyName: "refused", // objects instead of codes
  // Selecting all stores the list of the choices, like selecting each.
  ...each("ignored", ["showSelectAllItem", "selectAllText"]),
};

const TAGBOX: Table = {
  ...each("refused", LIST_REFUSED),
  ...each("ignored", [...LIST_LOOKS, "choicesLazyLoadPageSize", "hideSelectedItems", "closeOnSelect"]),
};

/** html and image: survey-core gives them no value, no requiredness, no validation (checked in Node). */
const DISPLAY: Table = {
  ...each("ignored", Object.keys(QUESTION)),
  // A required page or panel counts a shown one as a question never answered.
  ...each("compiled", ["type", "visible", "visibleIf"]),
};

const IMAGE: Table = each("ignored", ["imageLink", "altText", "contentMode", "imageFit", "imageHeight", "imageWidth"]);

/** Expression elements: their value is computed again by survey-core and dropped by the server (survey-logic.ts). */
const EXPRESSION: Table = {
  ...each("ignored", Object.keys(QUESTION)),
  ...each("compiled", ["type", "name"]),
  ...each("refused", ["valueName", "validators"]), // survey-core runs validators on the computed value
  ...each("ignored", [
    "expression",
    "format",
    "displayStyle",
    "currency",
    "maximumFractionDigits",
    "minimumFractionDigits",
    "useGrouping",
    "precision",
  ]),
};

/** Only as the members roster: mask-walker.ts. */
const ROSTER: Table = {
  ...each("compiled", ["templateElements", "minPanelCount", "maxPanelCount", "keyName"]),
  templateVisibleIf: "refused", // hidden members
  // The panels' count follows the data sent; defaults for new panels are answers checked as any other.
  ...each("ignored", [
    "panelCount",
    "defaultPanelValue",
    "copyDefaultValueFromLastEntry",
    "templateTitle",
    "templateTabTitle",
    "tabTitlePlaceholder",
    "templateDescription",
    "noEntriesText",
    "allowAddPanel",
    "allowRemovePanel",
    "newPanelPosition",
    "panelsState",
    "keyDuplicationError",
    "confirmDelete",
    "confirmDeleteText",
    "addPanelText",
    "removePanelText",
    "prevPanelText",
    "nextPanelText",
    "showQuestionNumbers",
    "questionStartIndex",
    "renderMode",
    "displayMode",
    "showProgressBar",
    "progressBarLocation",
    "tabAlign",
    "templateQuestionTitleLocation",
    "templateQuestionTitleWidth",
    "templateErrorLocation",
    "removePanelButtonLocation",
  ]),
};

const CONTAINER: Table = {
  // required-groups.ts: one answer among the shown questions, while shown and required.
  ...each("compiled", ["type", "elements", "visible", "visibleIf", "enableIf", "readOnly", "isRequired", "requiredIf"]),
  ...each("ignored", [
    "name",
    "title",
    "description",
    "state",
    "requiredErrorText",
    "questionTitleWidth",
    "questionTitleLocation",
    "questionErrorLocation",
    "questionOrder",
    "gridLayoutColumns",
    "startWithNewLine",
    "width",
    "minWidth",
    "maxWidth",
    "colSpan",
    "effectiveColSpan",
    "innerIndent",
    "indent",
    "page",
    "showNumber",
    "showQuestionNumbers",
    "questionStartIndex",
    "allowAdaptiveActions",
  ]),
};

const PAGE: Table = {
  ...CONTAINER,
  timeLimit: "refused", // the page may end before its questions are checked
  ...each("ignored", ["showNavigationButtons", "navigationTitle", "navigationDescription"]),
};

const SURVEY: Table = {
  // `mode: "display"` and `readOnly` make every question read-only (mask-walker.ts).
  ...each("compiled", ["pages", "elements", "triggers", "calculatedValues", "readOnly", "mode", "maxTextLength"]),
  clearInvisibleValues: (v) => v === "none",
  // The SurveyJS service's copy of the survey, a start page survey-core does not check, time limits.
  ...each("refused", ["surveyId", "surveyPostId", "firstPageIsStartPage", "timeLimit", "timeLimitPerPage"]),
  ...each("ignored", [
    "locale",
    "title",
    "description",
    "logo",
    "logoWidth",
    "logoHeight",
    "logoFit",
    "logoPosition",
    "autoFocusFirstQuestion",
    "autoFocusFirstError",
    "completedHtml",
    "completedBeforeHtml",
    "completedHtmlOnCondition",
    "loadingHtml",
    "sjsVersion",
    "$schema",
    "surveyShowDataSaving",
    "cookieName",
    "partialSendEnabled",
    "showNavigationButtons",
    "navigationButtonsLocation",
    "showPrevButton",
    "showTitle",
    "showPageTitles",
    "showCompletePage",
    "navigateToUrl",
    "navigateToUrlOnCondition",
    "questionOrder",
    "matrixDragHandleArea",
    "showPageNumbers",
    "showQuestionNumbers",
    "questionTitleLocation",
    "questionDescriptionLocation",
    "questionErrorLocation",
    "showProgressBar",
    "progressBarLocation",
    "progressBarType",
    "progressBarShowNavigationText",
    "progressBarShowPageTitles",
    "progressBarShowPageNumbers",
    "progressBarNavigationTextLocation",
    "progressBarInheritWidthFrom",
    "showTOC",
    "tocLocation",
    "tocItemComponent",
    "storeOthersAsComment",
    "maxCommentLength", // comment areas, which are refused
    // survey-core checks every page when the survey completes, whatever the mode and the moment.
    "autoAdvanceEnabled",
    "autoAdvanceAllowComplete",
    "checkErrorsMode",
    "validateVisitedEmptyFields",
    "isSinglePage",
    "questionsOnPageMode",
    "showPreviewBeforeComplete",
    "previewMode",
    "textUpdateMode",
    "autoGrowComment",
    "allowResizeComment",
    "commentAreaRows",
    "startSurveyText",
    "pagePrevText",
    "pageNextText",
    "completeText",
    "previewText",
    "editText",
    "requiredMark",
    "questionStartIndex",
    "questionTitlePattern",
    "questionTitleTemplate",
    "showTimer",
    "timerLocation",
    "timerInfoMode",
    "showTimerPanel",
    "widthMode",
    "gridLayoutEnabled",
    "width",
    "fitToContainer",
    "headerView",
    "backgroundImage",
    "backgroundImageFit",
    "backgroundImageAttachment",
    "backgroundOpacity",
    "showBrandInfo",
  ]),
};

const CHOICE: Table = {
  ...each("compiled", ["value", "visibleIf"]),
  ...each("refused", ["showCommentArea", "isCommentRequired", "elements"]), // a comment or questions under the choice
  ...each("ignored", ["text", "enableIf", "commentPlaceholder", "randomize", "randomizeCategory"]),
};

/** Validators; which ones apply to which variable type is mask-checks.ts's business. */
const VALIDATOR: Table = {
  type: "compiled",
  text: "ignored",
  notificationType: (v) => v !== undefined && v !== "error", // a warning does not block the survey
};

const VALIDATORS: Record<string, Table> = {
  numericvalidator: each("compiled", ["minValue", "maxValue"]),
  textvalidator: each("compiled", ["minLength", "maxLength", "allowDigits"]),
  answercountvalidator: each("compiled", ["minCount", "maxCount"]),
  regexvalidator: { regex: "compiled", caseInsensitive: "refused" },
  emailvalidator: {},
  expressionvalidator: { expression: "compiled" },
};

/** Triggers that write answers (survey-logic.ts): only their target matters; the others are refused whole. */
const TRIGGER: Table = {
  ...each("compiled", ["type", "setToName"]),
  ...each("ignored", ["name", "operator", "value", "expression"]),
};

const TRIGGERS: Record<string, Table> = {
  setvaluetrigger: { ...TRIGGER, isVariable: "compiled", setValue: "ignored" },
  copyvaluetrigger: { ...TRIGGER, ...each("ignored", ["fromName", "copyDisplayValue"]) },
  runexpressiontrigger: { ...TRIGGER, runExpression: "ignored" },
};

const SELECTS = { ...QUESTION, ...SELECT };

/**
 * Every kind of element rsu compiles, by survey-core's class name: the survey, pages, panels, the
 * question types, the roster (`paneldynamic`), display elements, choices, validators, calculated
 * values and the triggers it accepts. Elements of other types are refused whole (mask-checks.ts).
 */
export const PROPERTIES: Record<string, Table> = {
  survey: SURVEY,
  page: PAGE,
  panel: CONTAINER,
  text: { ...QUESTION, ...TEXT },
  comment: { ...QUESTION, ...COMMENT },
  boolean: { ...QUESTION, ...BOOLEAN },
  dropdown: { ...SELECTS, ...DROPDOWN },
  radiogroup: { ...SELECTS, allowClear: "ignored" },
  checkbox: { ...SELECTS, ...CHECKBOX },
  tagbox: { ...SELECTS, ...CHECKBOX, ...TAGBOX },
  html: { ...DISPLAY, html: "ignored" },
  image: { ...DISPLAY, ...IMAGE },
  expression: EXPRESSION,
  paneldynamic: { ...QUESTION, ...ROSTER },
  choiceitem: CHOICE,
  calculatedvalue: { name: "compiled", ...each("ignored", ["expression", "includeIntoResult"]) },
  ...Object.fromEntries(Object.entries(VALIDATORS).map(([name, own]) => [name, { ...VALIDATOR, ...own }])),
  ...TRIGGERS,
};
