import type { Catalogue, CodeList, Variable } from "../catalogue/types";
import type { FieldError, Message } from "../contracts/api";
import { MEMBERS_ROSTER } from "../contracts/registry";
import type { ImportProfileBody } from "./import-profile";
import { convertCell } from "./source-values";

export type SourceFileRole = "households" | "individuals";

/** A staged source row: which file, its line there, its cells by column. */
export interface StagedRow {
  file: SourceFileRole;
  line: number;
  values: Record<string, string>;
}

/** One household of the source: its key, its row in the households file (two files), its member rows. */
export interface SourceHousehold {
  key: string;
  households: StagedRow[];
  members: StagedRow[];
}

/** Why a row cannot be imported, where a person finds it in the partner's file. */
export interface RowError {
  file: SourceFileRole;
  line: number;
  column: string | null;
  value: string | null;
  code: string;
  message: Message;
}

type Answers = Record<string, unknown>;

/** What a profile needs of the catalogue: its variables and lists by code. */
export class ProfileCatalogue {
  readonly variables: Map<string, Variable>;
  readonly lists: Map<string, CodeList>;
  constructor(snapshot: Catalogue) {
    this.variables = new Map(snapshot.variables.map((v) => [v.code, v]));
    this.lists = new Map(snapshot.codeLists.map((l) => [l.code, l]));
  }
  listOf(variable: Variable): CodeList | undefined {
    return variable.codeList === undefined ? undefined : this.lists.get(variable.codeList);
  }
}

/**
 * A source household as a submission's answers (its household's answers and the `members` roster), with
 * the cells that could not be converted. One file: every row is a member and carries the household's
 * columns too, which must then agree. Two files: one households row, the individuals rows as members.
 */
export function householdAnswers(
  profile: ImportProfileBody,
  catalogue: ProfileCatalogue,
  source: SourceHousehold,
): { data: Answers; errors: RowError[] } {
  const errors: RowError[] = [];
  const householdRows = profile.layout === "one_file" ? source.members : source.households;
  if (profile.layout === "two_files") {
    for (const extra of source.households.slice(1)) errors.push(duplicateKey(extra, profile.householdKey, source.key));
    if (!source.households.length)
      for (const member of source.members)
        errors.push(missingHousehold(member, profile.memberHouseholdKey ?? profile.householdKey, source.key));
  }
  const data: Answers = {};
  for (const mapping of profile.columns) {
    const variable = catalogue.variables.get(mapping.variable);
    if (variable?.level !== "household") continue;
    let first: { row: StagedRow; value: unknown } | null = null;
    for (const row of householdRows) {
      const converted = convert(row, mapping.column, variable, catalogue, mapping, errors);
      if (converted === undefined) continue;
      if (!first) {
        first = { row, value: converted };
        data[variable.code] = converted;
      } else if (JSON.stringify(first.value) !== JSON.stringify(converted)) {
        errors.push(differs(row, mapping.column, first.row.line));
      }
    }
  }
  const memberConstants = Object.entries(profile.constants ?? {}).filter(([code]) => catalogue.variables.get(code)?.level === "individual");
  for (const [code, value] of Object.entries(profile.constants ?? {})) {
    if (catalogue.variables.get(code)?.level === "household") data[code] = value;
  }
  const seenMembers = new Map<string, number>();
  data[MEMBERS_ROSTER] = source.members.map((row) => {
    if (profile.memberKey) {
      const id = row.values[profile.memberKey];
      const earlier = id ? seenMembers.get(id) : undefined;
      if (earlier !== undefined) errors.push(duplicateMember(row, profile.memberKey, earlier));
      else if (id) seenMembers.set(id, row.line);
    }
    const panel: Answers = {};
    for (const mapping of profile.columns) {
      const variable = catalogue.variables.get(mapping.variable);
      if (variable?.level !== "individual") continue;
      const converted = convert(row, mapping.column, variable, catalogue, mapping, errors);
      if (converted !== undefined) panel[variable.code] = converted;
    }
    for (const [code, value] of memberConstants) panel[code] = value;
    return panel;
  });
  return { data, errors };
}

function convert(
  row: StagedRow,
  column: string,
  variable: Variable,
  catalogue: ProfileCatalogue,
  mapping: Parameters<typeof convertCell>[3],
  errors: RowError[],
): unknown {
  const cell = row.values[column]?.trim();
  if (!cell) return undefined;
  const converted = convertCell(cell, variable, catalogue.listOf(variable), mapping);
  if ("value" in converted) return converted.value;
  errors.push({ file: row.file, line: row.line, column, value: cell, code: converted.code, message: converted.message });
  return undefined;
}

/**
 * The mask's own verdict on the answers (the same schema and codes as a clerk's submission), each error
 * placed on the row and column it came from: /members/2/birth_date is the third member's row.
 */
export function placeFieldErrors(profile: ImportProfileBody, source: SourceHousehold, fieldErrors: FieldError[]): RowError[] {
  const columnOf = new Map(profile.columns.map((c) => [c.variable, c.column]));
  const householdRow = (profile.layout === "one_file" ? source.members[0] : source.households[0]) ?? source.members[0]!;
  return fieldErrors.map(({ pointer, code, message }) => {
    const [first, index, variable] = pointer.split("/").slice(1);
    const member = first === MEMBERS_ROSTER && index !== undefined ? source.members[Number(index)] : undefined;
    const row = member ?? householdRow;
    const code_ = member ? variable : first === MEMBERS_ROSTER ? undefined : first;
    const column = code_ === undefined ? null : (columnOf.get(code_) ?? null);
    return {
      file: row.file,
      line: row.line,
      column,
      value: column === null ? null : (row.values[column] ?? null),
      code,
      message: withVariable(message, code_),
    };
  });
}

/** A missing answer names its variable, since the partner's file may have no column for it. */
function withVariable(message: Message, variable: string | undefined): Message {
  return variable ? { fr: `${message.fr} (${variable})`, en: `${message.en} (${variable})` } : message;
}

function duplicateKey(row: StagedRow, column: string, key: string): RowError {
  return {
    file: row.file,
    line: row.line,
    column,
    value: key,
    code: "duplicate_source_key",
    message: {
      fr: "Ce ménage figure plusieurs fois dans le fichier des ménages.",
      en: "This household appears more than once in the households file.",
    },
  };
}

function missingHousehold(row: StagedRow, column: string, key: string): RowError {
  return {
    file: row.file,
    line: row.line,
    column,
    value: key,
    code: "missing_household",
    message: { fr: "Aucun ménage de ce numéro dans le fichier des ménages.", en: "No household with this key in the households file." },
  };
}

function duplicateMember(row: StagedRow, column: string, earlierLine: number): RowError {
  return {
    file: row.file,
    line: row.line,
    column,
    value: row.values[column] ?? null,
    code: "duplicate_source_key",
    message: { fr: `Même identifiant d'individu qu'à la ligne ${earlierLine}.`, en: `Same individual id as on line ${earlierLine}.` },
  };
}

function differs(row: StagedRow, column: string, firstLine: number): RowError {
  return {
    file: row.file,
    line: row.line,
    column,
    value: row.values[column] ?? null,
    code: "household_value_differs",
    message: {
      fr: `Les membres d'un même ménage donnent des valeurs différentes (ligne ${firstLine}).`,
      en: `Members of one household give different values (line ${firstLine}).`,
    },
  };
}
