import { MAX_FILE_BYTES } from "../contracts/attachments";
import { acceptedFileTypes, signatureFileType } from "./file-types";
import { each, type Table } from "./property-support";

/** Properties of the question types rsu compiles (mask-properties.ts puts them together). */

/** Properties of every question that holds an answer. */
export const QUESTION: Table = {
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
  showCommentArea: "compiled", // a `<name>-Comment` key beside the answer (special-choices.ts)
  bindings: "refused", // a dynamic panel's count bound to another answer
  // "none" keeps hidden answers in the data sent, which the server refuses (DESIGN.md rule 4).
  clearIfInvisible: (v) => v === "none",
};

export const TEXT: Table = {
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

export const COMMENT: Table = {
  maxLength: "compiled",
  ...each("ignored", ["cols", "rows", "placeholder", "textUpdateMode", "autoGrow", "allowResize", "acceptCarriageReturn"]),
};

export const BOOLEAN: Table = {
  ...each("refused", ["valueTrue", "valueFalse"]), // stores other values than true and false
  ...each("ignored", ["label", "labelTrue", "labelFalse", "swapOrder", "displayMode", "useTitleAsLabel"]),
};

export const SELECT: Table = {
  // "other" and "none" are codes of the list; the other text is `<name>-Comment` (special-choices.ts).
  ...each("compiled", ["choices", "choicesVisibleIf", "showOtherItem", "showNoneItem"]),
  storeOthersAsComment: (v) => v === false, // the other text would replace the answer
  ...each("refused", [
    "choicesFromQuestion", // choices the compiler cannot see
    "choicesFromQuestionMode",
    "choiceValuesFromQuestion",
    "choiceTextsFromQuestion",
    "choicesByUrl",
    "hideIfChoicesEmpty", // visibility from the choices: not modelled
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
    "colCount",
    "itemComponent",
  ]),
};

const LIST_LOOKS = ["placeholder", "allowClear", "searchEnabled", "searchMode", "textWrapEnabled", "createCustomChoiceText"];
const LIST_REFUSED = ["allowCustomChoices", "choicesLazyLoadEnabled"]; // answers outside the choices, choices loaded at run time

export const DROPDOWN: Table = {
  ...each("refused", [...LIST_REFUSED, "choicesMin", "choicesMax", "choicesStep"]), // numbers generated as choices
  ...each("ignored", [...LIST_LOOKS, "autocomplete", "choicesLazyLoadPageSize", "inputFieldComponent"]),
};

export const CHECKBOX: Table = {
  ...each("compiled", ["maxSelectedChoices", "minSelectedChoices"]),
  valuePropertyName: "refused", // objects instead of codes
  // Selecting all stores the list of the choices, like selecting each.
  ...each("ignored", ["showSelectAllItem", "selectAllText"]),
};

export const TAGBOX: Table = {
  ...each("refused", LIST_REFUSED),
  ...each("ignored", [...LIST_LOOKS, "choicesLazyLoadPageSize", "hideSelectedItems", "closeOnSelect"]),
};

/** html and image: survey-core gives them no value, no requiredness, no validation (checked in Node). */
export const DISPLAY: Table = {
  ...each("ignored", Object.keys(QUESTION)),
  // A required page or panel counts a shown one as a question never answered.
  ...each("compiled", ["type", "visible", "visibleIf"]),
};

export const IMAGE: Table = each("ignored", ["imageLink", "altText", "contentMode", "imageFit", "imageHeight", "imageWidth"]);

/** Expression elements: their value is computed again by survey-core and dropped by the server (survey-logic.ts). */
export const EXPRESSION: Table = {
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

/** A repeat of the household (mask-walker.ts): the members roster, or the records of another unit (plots, livestock). */
export const ROSTER: Table = {
  ...each("compiled", ["templateElements", "minPanelCount", "maxPanelCount", "keyName"]),
  templateVisibleIf: "refused", // hidden records
  showCommentArea: "refused", // a comment on the whole repeat: no record holds it
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

/**
 * Files and photos (issue #20): kept in the submission as data URLs (`storeDataAsText`), so that they travel
 * through the offline outbox; an upload handler would need a network the field often lacks.
 */
export const FILE: Table = {
  allowMultiple: "compiled",
  // Types rsu cannot recognise from the bytes (video, documents), and sizes over its limit, are refused.
  acceptedTypes: (v) => acceptedFileTypes(v).unknown.length > 0,
  maxSize: (v) => typeof v === "number" && v > MAX_FILE_BYTES,
  storeDataAsText: (v) => v === false,
  // Properties of later SurveyJS versions survey-core 2.3.0 does not apply: they would limit nothing in the browser.
  ...each("refused", ["acceptedCategories", "maxFiles"]),
  ...each("ignored", [
    "showPreview",
    "allowImagesPreview",
    "imageHeight",
    "imageWidth",
    "waitForUpload",
    "needConfirmRemoveFile",
    "confirmDelete",
    "sourceType", // a photo from the camera is a file like any other
    "allowCameraAccess",
    "fileOrPhotoPlaceholder",
    "photoPlaceholder",
    "filePlaceholder",
  ]),
};

/** Signatures: a PNG or JPEG drawing; SVG is refused, since a drawing served back could carry a script. */
export const SIGNATUREPAD: Table = {
  dataFormat: (v) => signatureFileType(v) === undefined,
  storeDataAsText: (v) => v === false,
  ...each("ignored", [
    "signatureWidth",
    "signatureHeight",
    "signatureAutoScaleEnabled",
    "penMinWidth",
    "penMaxWidth",
    "height",
    "allowClear",
    "showPlaceholder",
    "placeholder",
    "placeholderReadOnly",
    "backgroundImage",
    "penColor",
    "backgroundColor",
    "waitForUpload",
  ]),
};
