import { each, type Table } from "./property-support";

/** Properties of the survey, its pages and panels, choices, validators and triggers (mask-properties.ts). */

export const CONTAINER: Table = {
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

export const PAGE: Table = {
  ...CONTAINER,
  timeLimit: "refused", // the page may end before its questions are checked
  ...each("ignored", ["showNavigationButtons", "navigationTitle", "navigationDescription"]),
};

export const SURVEY: Table = {
  // `mode: "display"` and `readOnly` make every question read-only (mask-walker.ts).
  ...each("compiled", ["pages", "elements", "triggers", "calculatedValues", "readOnly", "mode", "maxTextLength", "maxCommentLength"]),
  storeOthersAsComment: (v) => v === false, // the other text would replace the answer
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

export const CHOICE: Table = {
  ...each("compiled", ["value", "visibleIf"]),
  ...each("refused", ["showCommentArea", "isCommentRequired", "elements"]), // a comment or questions under the choice
  ...each("ignored", ["text", "enableIf", "commentPlaceholder", "randomize", "randomizeCategory"]),
};

/** Validators; which ones apply to which variable type is mask-checks.ts's business. */
export const VALIDATOR: Table = {
  type: "compiled",
  text: "ignored",
  notificationType: (v) => v !== undefined && v !== "error", // a warning does not block the survey
};

export const VALIDATORS: Record<string, Table> = {
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

export const TRIGGERS: Record<string, Table> = {
  setvaluetrigger: { ...TRIGGER, isVariable: "compiled", setValue: "ignored" },
  copyvaluetrigger: { ...TRIGGER, ...each("ignored", ["fromName", "copyDisplayValue"]) },
  runexpressiontrigger: { ...TRIGGER, runExpression: "ignored" },
};
