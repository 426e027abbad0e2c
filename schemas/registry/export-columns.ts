import type { Catalogue, CodeList, Labels, Variable, VariableLevel } from "../catalogue/types";
import { FILE_EXTENSIONS, isAttachmentRef, type KnownFileType } from "../contracts/attachments";
import { HOUSEHOLD_KEY_VARIABLES, INDIVIDUAL_KEY_VARIABLES, MEMBERS_ROSTER } from "../contracts/registry";

/**
 * The columns of a registry export (issue #17), one list per level, from the catalogue: a column per
 * variable of that level, in catalogue order, after the keys that join the files: households, individuals,
 * then a file per unit of records the households hold (plots, livestock: issue #20).
 */
export type ColumnKind = "text" | "number" | "date" | "code" | "codes" | "boolean" | "file";

export interface ExportColumn {
  name: string;
  label: string;
  kind: ColumnKind;
  /** The catalogue variable whose sensitivity decides who reads it; none for keys and provenance. */
  variable?: string;
  /** Read only where first and last names both may be (the head's name). */
  needsNames?: boolean;
  /** Value labels, in the export's language. */
  categories?: { code: string; label: string }[];
  /** Every code of the list is a whole number: Stata and SPSS store it as a labelled number. */
  numericCodes?: boolean;
  /** The answer key the value is read from, when it is not the column's name (an "other" text: `<code>-Comment`). */
  source?: string;
}

export interface ExportLevel {
  level: VariableLevel;
  /** The file's name without extension: `households`, `individuals`, or a unit's code. */
  file: string;
  /** A unit's records kept in other records (unit-places.ts): the enclosing lists, outermost first (`plots`, `members`). */
  within?: string[];
  columns: ExportColumn[];
}

const KEY_LABELS = {
  household_id: { fr: "Identifiant du ménage", en: "Household identifier" },
  version: { fr: "Version du ménage", en: "Household version" },
  changed_at: { fr: "Date de la dernière modification", en: "Date of the last change" },
  form_id: { fr: "Questionnaire de la dernière modification", en: "Form of the last change" },
  form_version: { fr: "Version du questionnaire", en: "Form version" },
  head_name: { fr: "Nom du chef de ménage", en: "Name of the head of household" },
  individual_id: { fr: "Identifiant du membre", en: "Member identifier" },
  person_id: { fr: "Identifiant de la personne", en: "Person identifier" },
  line_number: { fr: "Numéro de ligne dans le ménage", en: "Line number in the household" },
  record: {
    fr: "Numéro de l'enregistrement : sa position dans la liste du ménage, à partir de 1",
    en: "Record number: its position in the household's list, from 1",
  },
  nested_record: {
    fr: "Numéro de l'enregistrement : sa position dans la liste de l'enregistrement qui le contient, à partir de 1",
    en: "Record number: its position in the list of the record holding it, from 1",
  },
  member_record: {
    fr: "Numéro de l'enregistrement : sa position dans la liste du membre, à partir de 1",
    en: "Record number: its position in the member's list, from 1",
  },
} as const satisfies Record<string, Labels>;

/** The key naming the enclosing record of unit `unit`: its `record` in the file of that unit. */
export const enclosingKey = (unit: string) => `${unit}_record`;

const BOOLEAN_LABELS = { fr: ["Non", "Oui"], en: ["No", "Yes"] } as const;

export function labelIn(labels: Labels | undefined, language: string): string {
  return labels?.[language] ?? labels?.fr ?? "";
}

/** A unit whose code is one of these gets its file under another name, not over theirs. */
const TAKEN_FILES = new Set(["households", "individuals", "codebook"]);

/**
 * Every level's columns, labelled in `language` (French where a label lacks it): households, individuals,
 * then each unit of records in the order the catalogue first names it, one row per record of a household.
 */
export function exportLevels(
  catalogue: Catalogue,
  language: string,
  places: ReadonlyMap<string, string[]> = new Map(),
): [ExportLevel, ExportLevel, ...ExportLevel[]] {
  const key = (name: keyof typeof KEY_LABELS, kind: ColumnKind): ExportColumn => ({
    name,
    label: labelIn(KEY_LABELS[name], language),
    kind,
  });
  const lists = new Map(catalogue.codeLists.map((list) => [list.code, list]));
  const codes = new Set(catalogue.variables.map((v) => v.code));
  const of = (level: VariableLevel) =>
    catalogue.variables
      .filter((v) => v.level === level && v.status !== "draft")
      .flatMap((v) => [variableColumn(v, lists, language), ...otherColumn(v, lists, codes, language)]);
  return [
    {
      level: "household",
      file: "households",
      columns: [
        key("household_id", "text"),
        key("version", "number"),
        key("changed_at", "text"),
        key("form_id", "text"),
        key("form_version", "number"),
        { ...key("head_name", "text"), needsNames: true },
        ...of("household"),
      ],
    },
    {
      level: "individual",
      file: "individuals",
      columns: [
        key("individual_id", "text"),
        key("household_id", "text"),
        key("person_id", "text"),
        key("line_number", "number"),
        ...of("individual"),
      ],
    },
    ...recordUnits(catalogue).map((unit) => {
      const within = places.get(unit) ?? [];
      return {
        level: unit,
        file: fileOf(unit),
        ...(within.length ? { within } : {}),
        columns: [key("household_id", "text"), key("version", "number"), ...recordKeys(within, language), ...of(unit)],
      };
    }),
  ];
}

const fileOf = (unit: string) => (TAKEN_FILES.has(unit) ? `${unit}_records` : unit);

/**
 * The keys joining a unit's record to what holds it, after household_id and version: the member's
 * individual_id, each enclosing record's number named after its unit (`plots_record`, the `record` of
 * plots' file), then the record's own number in the list that holds it.
 */
function recordKeys(within: readonly string[], language: string): ExportColumn[] {
  const keys: ExportColumn[] = within.map((unit) =>
    unit === MEMBERS_ROSTER
      ? { name: "individual_id", label: labelIn(KEY_LABELS.individual_id, language), kind: "text" }
      : {
          name: enclosingKey(unit),
          label: labelIn(
            {
              fr: `Numéro de l'enregistrement « ${unit} » qui le contient (colonne record du fichier ${fileOf(unit)})`,
              en: `Number of the ${unit} record holding it (column record of file ${fileOf(unit)})`,
            },
            language,
          ),
          kind: "number",
        },
  );
  const last = within.at(-1);
  const own = last === undefined ? KEY_LABELS.record : last === MEMBERS_ROSTER ? KEY_LABELS.member_record : KEY_LABELS.nested_record;
  return [...keys, { name: "record", label: labelIn(own, language), kind: "number" }];
}

/** A record of a unit, with the keys that join it to its household, member and enclosing records. */
export interface KeyedRecord {
  keys: Record<string, unknown>;
  record: unknown;
}

/**
 * A household state's records of a unit, where `within` says they stand: a list that is not one holds
 * none, and a record that is not an object holds no list but still counts in the numbering (as the CSV
 * path reads them: csv-select.ts).
 */
export function unitRecords(
  state: { attributes?: Record<string, unknown>; members?: readonly { id?: unknown; attributes?: Record<string, unknown> }[] },
  unit: string,
  within: readonly string[] = [],
): KeyedRecord[] {
  const listOf = (holder: unknown, name: string): unknown[] => {
    const list = holder && typeof holder === "object" && !Array.isArray(holder) ? (holder as Record<string, unknown>)[name] : undefined;
    return Array.isArray(list) ? list : [];
  };
  let holders: KeyedRecord[] = [{ keys: {}, record: state.attributes }];
  for (const [at, list] of [...within, unit].entries()) {
    const own = at === within.length;
    holders = holders.flatMap(({ keys, record }) =>
      list === MEMBERS_ROSTER && at === 0
        ? (state.members ?? []).map((member) => ({ keys: { ...keys, individual_id: member.id }, record: member.attributes }))
        : listOf(record, list).map((inner, n) => ({ keys: { ...keys, [own ? "record" : enclosingKey(list)]: n + 1 }, record: inner })),
    );
  }
  return holders;
}

/** The units of records the catalogue's variables are asked of, besides households and individuals. */
export function recordUnits(catalogue: Catalogue): string[] {
  const units = catalogue.variables.filter((v) => v.status !== "draft").map((v) => v.level);
  return [...new Set(units)].filter((unit) => unit !== "household" && unit !== "individual");
}

function variableColumn(variable: Variable, lists: Map<string, CodeList>, language: string): ExportColumn {
  const column: ExportColumn = {
    name: variable.code,
    label: labelIn(variable.label, language),
    kind: kindOf(variable),
    variable: variable.code,
  };
  if (variable.type === "boolean") {
    const [no, yes] = BOOLEAN_LABELS[language as keyof typeof BOOLEAN_LABELS] ?? BOOLEAN_LABELS.fr;
    column.categories = [
      { code: "0", label: no },
      { code: "1", label: yes },
    ];
    column.numericCodes = true;
  }
  const list = variable.codeList ? lists.get(variable.codeList) : undefined;
  if (list) {
    column.categories = list.items.map((item) => ({ code: item.code, label: labelIn(item.label, language) }));
    column.numericCodes = list.items.every((item) => /^\d{1,15}$/.test(item.code));
  }
  return column;
}

const OTHER_LABEL: Labels = { fr: "précisez", en: "specify" };

/** The text of the "other" item (survey-core's `<code>-Comment`), right after a variable whose list has the code `other`. */
function otherColumn(variable: Variable, lists: Map<string, CodeList>, codes: Set<string>, language: string): ExportColumn[] {
  const list = variable.codeList ? lists.get(variable.codeList) : undefined;
  const name = `${variable.code}_other`;
  if (!list?.items.some((item) => item.code === "other") || codes.has(name)) return [];
  const label = `${labelIn(variable.label, language)} (${labelIn(list.items.find((i) => i.code === "other")!.label, language)}, ${labelIn(OTHER_LABEL, language)})`;
  return [{ name, label, kind: "text", variable: variable.code, source: `${variable.code}-Comment` }];
}

function kindOf(variable: Variable): ColumnKind {
  switch (variable.type) {
    case "integer":
    case "decimal":
      return "number";
    case "date":
      return "date";
    case "boolean":
      return "boolean";
    case "single_choice":
      return "code";
    case "multiple_choice":
      return "codes";
    case "file":
      return "file";
    default:
      return "text";
  }
}

/** Where a household-level variable's value lives in a state: key columns, or the answers. */
const HOUSEHOLD_COLUMNS: Record<string, string> = Object.fromEntries(
  Object.entries(HOUSEHOLD_KEY_VARIABLES).map(([field, code]) => [code, field]),
);
const MEMBER_COLUMNS: Record<string, string> = Object.fromEntries(
  Object.entries(INDIVIDUAL_KEY_VARIABLES).map(([field, code]) => [code, field]),
);

/**
 * Where a column's value lives in a household's or a member's state: one of its fields (the key variables),
 * or an answer. Keys (ids, provenance) are given by the caller and come first.
 */
export function stateSource(column: ExportColumn, level: VariableLevel): { field: string } | { answer: string } {
  const fields: Record<string, string> = level === "household" ? HOUSEHOLD_COLUMNS : level === "individual" ? MEMBER_COLUMNS : {};
  const field = fields[column.name];
  return field ? { field } : { answer: column.source ?? column.name };
}

function stateValue(
  column: ExportColumn,
  level: VariableLevel,
  state: { attributes?: Record<string, unknown> } & Record<string, unknown>,
  keys: Record<string, unknown>,
): unknown {
  if (column.name in keys) return keys[column.name];
  const source = stateSource(column, level);
  return "field" in source ? state[source.field] : state.attributes?.[source.answer];
}

/** A household state's value for a column; `keys` holds the values that are not answers (ids, provenance). */
export function householdValue(
  column: ExportColumn,
  state: { attributes?: Record<string, unknown> } & Record<string, unknown>,
  keys: Record<string, unknown>,
): unknown {
  return stateValue(column, "household", state, keys);
}

/** A unit record's value for a column: a record holds answers only. */
export function recordValue(column: ExportColumn, record: unknown, keys: Record<string, unknown>): unknown {
  if (column.name in keys) return keys[column.name];
  return record && typeof record === "object" && !Array.isArray(record)
    ? (record as Record<string, unknown>)[column.source ?? column.name]
    : undefined;
}

export function memberValue(
  column: ExportColumn,
  member: { attributes?: Record<string, unknown> } & Record<string, unknown>,
  keys: Record<string, unknown>,
): unknown {
  return stateValue(column, "individual", member, keys);
}

/**
 * A value as an export cell: numbers stay numbers, booleans are 1/0 (labelled), several codes are one
 * space-separated text, anything else is text; missing is null.
 */
export function cell(column: ExportColumn, value: unknown, householdId = ""): string | number | null {
  if (value === null || value === undefined || value === "") return null;
  switch (column.kind) {
    case "file":
      return attachmentPaths(householdId, column.name, value).join(" ") || null;
    case "number":
      return typeof value === "number" ? value : Number.isFinite(Number(value)) ? Number(value) : null;
    case "boolean":
      return value === true ? 1 : value === false ? 0 : null;
    case "codes":
      return Array.isArray(value) ? value.join(" ") : String(value);
    default:
      return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

/**
 * Where the export's zip holds each file of an answer (issue #20), in the answer's order: one folder per
 * household, the file named by its variable and its attachment's id, so that a path is the same in every
 * export and names the file whatever record or member it was answered for. The cell lists them, space-separated.
 */
export function attachmentPaths(householdId: string, variable: string, value: unknown): string[] {
  const refs = Array.isArray(value) ? value : [value];
  return refs.filter(isAttachmentRef).map((ref) => attachmentPath(householdId, variable, ref.attachment, ref.type));
}

export function attachmentPath(householdId: string, variable: string, attachment: string, type: string): string {
  return `attachments/${householdId}/${variable}-${attachment}.${FILE_EXTENSIONS[type as KnownFileType] ?? "bin"}`;
}

/** One line of the codebook that goes with every export. */
export interface CodebookLine {
  file: string;
  name: string;
  label: string;
  type: ColumnKind;
  sensitivity: string;
  values: string;
  /** Set when the variable's type or codes differ between the published versions the data came from. */
  changed: string;
}

export function codebook(levels: readonly ExportLevel[], catalogue: Catalogue, changes: ReadonlyMap<string, string>): CodebookLine[] {
  const sensitivity = new Map(catalogue.variables.map((v) => [v.code, v.sensitivity ?? "internal"]));
  return levels.flatMap(({ file, columns }) =>
    columns.map((column) => ({
      file,
      name: column.name,
      label: column.label,
      type: column.kind,
      sensitivity: column.variable ? sensitivity.get(column.variable)! : column.needsNames ? "personal" : "internal",
      values: (column.categories ?? []).map((c) => `${c.code}=${c.label}`).join(" | "),
      changed: changes.get(column.variable ?? "") ?? "",
    })),
  );
}

/**
 * Variables whose meaning changed between published versions: another type, or other codes in their
 * list. Returns the variable's code → which versions disagree (e.g. "menage v1 ≠ menage v2").
 */
export function meaningChanges(snapshots: readonly { formId: string; version: number; catalogue: Catalogue }[]): Map<string, string> {
  const seen = new Map<string, { where: string; shape: string }[]>();
  for (const { formId, version, catalogue } of snapshots) {
    const lists = new Map(catalogue.codeLists.map((list) => [list.code, list]));
    for (const variable of catalogue.variables) {
      const codes = variable.codeList ? (lists.get(variable.codeList)?.items.map((item) => item.code) ?? []) : [];
      const shape = JSON.stringify([variable.type, codes]);
      const shapes = seen.get(variable.code) ?? [];
      if (!shapes.some((s) => s.shape === shape)) shapes.push({ where: `${formId} v${version}`, shape });
      seen.set(variable.code, shapes);
    }
  }
  return new Map(
    [...seen].filter(([, shapes]) => shapes.length > 1).map(([code, shapes]) => [code, shapes.map((s) => s.where).join(" ≠ ")]),
  );
}
