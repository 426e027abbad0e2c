import { CHOICE, CONTAINER, PAGE, SURVEY, TRIGGERS, VALIDATOR, VALIDATORS } from "./properties-survey";
import {
  ITEM_VALUE,
  MATRIX,
  MATRIX_COLUMN,
  MATRIX_DROPDOWN,
  MATRIX_DYNAMIC,
  MATRIX_DYNAMIC_COLUMN,
  MULTIPLE_TEXT,
  MULTIPLE_TEXT_ITEM,
} from "./properties-composite";
import {
  BOOLEAN,
  CHECKBOX,
  COMMENT,
  DISPLAY,
  DROPDOWN,
  EXPRESSION,
  FILE,
  IMAGE,
  QUESTION,
  ROSTER,
  SELECT,
  SIGNATUREPAD,
  TAGBOX,
  TEXT,
} from "./properties-questions";
import { each, type Table } from "./property-support";

export type { Support, Table } from "./property-support";

/**
 * What rsu does with each SurveyJS property of the elements it compiles (issue #20), in one place:
 * compiled, ignored or refused (property-support.ts), one table per kind of element, the tables
 * themselves in properties-questions.ts, properties-composite.ts and properties-survey.ts.
 * property-checks.ts applies it; test/unit/mask-properties.test.ts walks SurveyJS's own JSON schema and
 * survey-core's serializer and proves every property of every compiled element is in one category.
 */
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
  file: { ...QUESTION, ...FILE },
  signaturepad: { ...QUESTION, ...SIGNATUREPAD },
  multipletext: { ...QUESTION, ...MULTIPLE_TEXT },
  multipletextitem: MULTIPLE_TEXT_ITEM,
  matrix: { ...QUESTION, ...MATRIX },
  itemvalue: ITEM_VALUE,
  matrixdropdown: { ...QUESTION, ...MATRIX_DROPDOWN },
  matrixdropdowncolumn: MATRIX_COLUMN,
  matrixdynamic: { ...QUESTION, ...MATRIX_DYNAMIC },
  paneldynamic: { ...QUESTION, ...ROSTER },
  choiceitem: CHOICE,
  calculatedvalue: { name: "compiled", ...each("ignored", ["expression", "includeIntoResult"]) },
  ...Object.fromEntries(Object.entries(VALIDATORS).map(([name, own]) => [name, { ...VALIDATOR, ...own }])),
  ...TRIGGERS,
};

/** A dynamic matrix's columns: survey-core's class is a matrixdropdown's, their conditions are compiled (properties-composite.ts). */
export const DYNAMIC_COLUMN_PROPERTIES: Table = MATRIX_DYNAMIC_COLUMN;
