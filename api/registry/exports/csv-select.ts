import { FILE_EXTENSIONS } from "../../../schemas/contracts/attachments";
import { INDIVIDUAL_KEY_VARIABLES, MEMBERS_ROSTER } from "../../../schemas/contracts/registry";
import { enclosingKey, type ExportColumn, type ExportLevel, stateSource } from "../../../schemas/registry/export-columns";
import type { RoleScope } from "../../auth/actor";
import { sqlArray } from "../../db/plain-sql";
import type { RedactorOf } from "../../services/redaction";
import { AS_OF, conditions, type HouseholdsFilter } from "./households-as-of";

/** Quotes a value as a SQL literal: COPY takes no parameters. */
export type Literal = (value: string) => string;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The SELECT of one export file for `COPY (…) TO` (issue #17): the same columns, values and redaction as
 * the row-by-row path (export-columns' `cell`, row-files' masks), computed by PostgreSQL so that Node only
 * moves bytes. `v` is a household's version as of the date, `s` its state (or the member's), `a` the
 * answers: each unpacked once per row by jsonb_to_record, not looked up again for every column, and as
 * text where the cell is text (the cheapest: no test per cell).
 */
export function levelSelect(level: ExportLevel, filter: HouseholdsFilter, redactorOf: RedactorOf, literal: Literal): string {
  const household = level.level === "household";
  const member = level.level === "individual";
  const state = new Unpacked("s");
  const answers = new Unpacked("a");
  // A unit's record holds its answers itself, with no fields or attributes around them.
  const attributes = household || member ? state.ref("attributes", "jsonb") : "";
  const unit = household || member ? undefined : unitFrom(level, literal);
  const items = level.columns.map((column) => {
    const value = household ? householdKey(column.name, state) : member ? memberKey(column.name, state) : unit!.keys.get(column.name);
    const reach = readers(column, filter.scopes, redactorOf, literal);
    const source = stateSource(column, level.level);
    const sql =
      value ??
      ("field" in source
        ? cellSql(column, state, source.field, literal)
        : cellSql(column, household || member ? answers : state, source.answer, literal));
    return `${reach ? `case when ${reach} then ${sql} end` : sql} as ${ident(column.name)}`;
  });
  const where = conditions(filter);
  // No role that reaches any household: no rows, the header still written.
  const bindings = [filter.at, filter.at, ...(where?.bindings ?? [])];
  const versions = inline(
    `select b.household_id, b.version, b.created_at, b.form_id, b.form_version, b.state, h.island, h.prefecture, h.commune
      ${AS_OF} and ${where?.sql ?? "false"}`,
    bindings,
    literal,
  );
  if (unit) {
    // A record that is not an object still counts in the numbering, with no answers.
    const record = `case jsonb_typeof(r.record) when 'object' then r.record else '{}'::jsonb end`;
    return `select ${items.join(", ")} from (${versions}) v${unit.from}${state.joins(record)}`;
  }
  const from = household
    ? `(${versions}) v${state.joins("v.state")}`
    : `(${versions}) v cross join lateral jsonb_array_elements(v.state->'members') m(member)${state.joins("m.member")}`;
  return `select ${items.join(", ")} from ${from}${answers.joins(attributes)}`;
}

/**
 * The keys of an object that jsonb_to_record unpacks, each as text or as jsonb, in one call (alias `s`):
 * a household's state is read from disk once per row, not once per type. A key wanted both ways (not
 * the case in a catalogue so far) is unpacked a second time (alias `s2`).
 */
class Unpacked {
  private readonly keys = [new Map<string, string>(), new Map<string, string>()] as const;
  constructor(private readonly alias: string) {}

  ref(key: string, type: "text" | "jsonb"): string {
    const at = this.keys.findIndex((keys) => (keys.get(key) ?? type) === type);
    this.keys[at]!.set(key, type);
    return `${this.alias}${at ? at + 1 : ""}.${ident(key)}`;
  }

  joins(of: string): string {
    return this.keys
      .filter((keys) => keys.size)
      .map((keys, at) => {
        const columns = [...keys].map(([key, type]) => `${ident(key)} ${type}`).join(", ");
        return ` cross join lateral jsonb_to_record(${of}) as ${this.alias}${at ? at + 1 : ""}(${columns})`;
      })
      .join("");
  }
}

/** The household's keys that are not answers, as the row-by-row path writes them. */
function householdKey(name: string, state: Unpacked): string | undefined {
  switch (name) {
    case "household_id":
      return "v.household_id::text";
    case "version":
      return "v.version::text";
    case "changed_at":
      // JavaScript's toISOString: milliseconds, UTC, "Z".
      return `to_char(v.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case "form_id":
      return "nullif(v.form_id, '')";
    case "form_version":
      return "v.form_version::text";
    case "head_name":
      return `nullif(${state.ref("headName", "text")}, '')`;
  }
}

function memberKey(name: string, state: Unpacked): string | undefined {
  switch (name) {
    case "individual_id":
      return `nullif(${state.ref("id", "text")}, '')`;
    case "household_id":
      return "v.household_id::text";
    case "person_id":
      return `nullif(${state.ref("personId", "text")}, '')`;
    case "line_number":
      return numberSql(state.ref("lineNumber", "text"));
  }
}

/**
 * A unit's records (`r`) as joins from the household's version `v`, through the members and the enclosing
 * records `within` names (export-columns' unitRecords), with their keys: the household's, the member's id,
 * each enclosing record's number and the record's own. A list that is not one (a record, or an old state)
 * holds no records, as the row-by-row path reads it.
 */
function unitFrom(level: ExportLevel, literal: Literal): { from: string; keys: Map<string, string> } {
  const keys = new Map([
    ["household_id", "v.household_id::text"],
    ["version", "v.version::text"],
  ]);
  const list = (holder: string, name: string) => {
    const x = `${holder}->${literal(name)}`;
    return `case jsonb_typeof(${x}) when 'array' then ${x} else '[]'::jsonb end`;
  };
  let holder = "v.state->'attributes'";
  let from = "";
  const within = level.within ?? [];
  for (const [at, name] of within.entries()) {
    if (name === MEMBERS_ROSTER && at === 0) {
      from += " cross join lateral jsonb_array_elements(v.state->'members') m(member)";
      keys.set("individual_id", "nullif(m.member->>'id', '')");
      holder = "m.member->'attributes'";
      continue;
    }
    from += ` cross join lateral jsonb_array_elements(${list(holder, name)}) with ordinality r${at}(record, n)`;
    keys.set(enclosingKey(name), `r${at}.n::text`);
    holder = `r${at}.record`;
  }
  from += ` cross join lateral jsonb_array_elements(${list(holder, level.level)}) with ordinality r(record, n)`;
  keys.set("record", "r.n::text");
  return { from, keys };
}

/**
 * export-columns' `cell` in SQL. A text cell is the value as jsonb_to_record gives it: strings unquoted,
 * numbers as the JSON stored them (written by JavaScript, so as JavaScript prints them), booleans
 * `true`/`false`; only objects differ (jsonb puts a space after `:` and `,`), and no form answers one.
 */
function cellSql(column: ExportColumn, from: Unpacked, key: string, literal: Literal): string {
  switch (column.kind) {
    case "file":
      return filePathsSql(column, from.ref(key, "jsonb"), literal);
    case "number":
      return numberSql(from.ref(key, "text"));
    case "boolean":
      return `case ${from.ref(key, "jsonb")} when 'true'::jsonb then '1' when 'false'::jsonb then '0' end`;
    case "codes": {
      const x = from.ref(key, "jsonb");
      return `nullif(case jsonb_typeof(${x}) when 'array' then (select string_agg(coalesce(${jsonText("e")}, ''), ' ') from jsonb_array_elements(${x}) e) else ${jsonText(x)} end, '')`;
    }
    default:
      return `nullif(${from.ref(key, "text")}, '')`;
  }
}

/** export-columns' `attachmentPaths` in SQL: each reference of the answer (one, or a list) as its path in the zip. */
function filePathsSql(column: ExportColumn, x: string, literal: Literal): string {
  const extension = `case e->>'type' ${Object.entries(FILE_EXTENSIONS)
    .map(([type, ext]) => `when ${literal(type)} then ${literal(ext)}`)
    .join(" ")} else 'bin' end`;
  const path = `'attachments/' || v.household_id || '/' || ${literal(column.name)} || '-' || (e->>'attachment') || '.' || ${extension}`;
  const refs = `case jsonb_typeof(${x}) when 'array' then ${x} when 'object' then jsonb_build_array(${x}) else '[]'::jsonb end`;
  // The same test as isAttachmentRef's on the id: a path names nothing else than a stored file.
  return `(select string_agg(${path}, ' ' order by f.n) from jsonb_array_elements(${refs}) with ordinality f(e, n)
    where jsonb_typeof(e) = 'object' and e->>'attachment' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')`;
}

/**
 * The paths of the files a level's rows name (issue #20), one a row: the same cells as the level's file, so
 * the same redaction. Null when the level has no file column.
 */
export function attachmentPathsSelect(
  level: ExportLevel,
  filter: HouseholdsFilter,
  redactorOf: RedactorOf,
  literal: Literal,
): string | null {
  const files = level.columns.filter((column) => column.kind === "file");
  if (!files.length) return null;
  const select = levelSelect({ ...level, columns: files }, filter, redactorOf, literal);
  const cells = files.map((column) => `t.${ident(column.name)}`).join(", ");
  return `select p from (${select}) t cross join lateral unnest(string_to_array(concat_ws(' ', ${cells}), ' ')) p`;
}

/** A jsonb scalar as JavaScript's String() prints it (float8's shortest text is JavaScript's). */
function jsonText(x: string): string {
  return `case jsonb_typeof(${x}) when 'string' then ${x} #>> '{}' when 'number' then ${x}::float8::text when 'null' then null else ${x}::text end`;
}

/**
 * A number as JavaScript's Number() reads it: a number's JSON text as it is (tested first, the usual
 * case), a text that is a number ("12", " 1.50 ") through float8; anything else is blank.
 */
function numberSql(t: string): string {
  // Bracket expressions, not backslashes: the pattern reads the same in TypeScript and in SQL.
  return `case when ${t} ~ '^-?(0|[1-9][0-9]{0,14})([.][0-9]{0,14}[1-9])?$' then ${t}
    when ${t} ~ '^[[:space:]]*[+-]?([0-9]{1,15}[.]?[0-9]{0,15}|[.][0-9]{1,15})([eE][+-]?[0-9]{1,2})?[[:space:]]*$' then ${t}::float8::text end`;
}

/**
 * Who may read a column, as SQL on the household's place today: null when every role the export was asked
 * with may (no test per row), else the roles that may and reach the household (run-export's masks: a value
 * only some of the requester's roles may read is blank where none of those roles reaches).
 */
function readers(column: ExportColumn, scopes: readonly RoleScope[], redactorOf: RedactorOf, literal: Literal): string | null {
  // The head's name needs both names, as mayReadHeadName says.
  const names = [INDIVIDUAL_KEY_VARIABLES.firstName, INDIVIDUAL_KEY_VARIABLES.lastName];
  const codes = column.needsNames ? names : column.variable ? [column.variable] : [];
  const tests = codes.map((code) => {
    const may = scopes.filter((scope) => redactorOf([scope]).may(code));
    if (may.length === scopes.length) return null;
    return may.length ? `(${may.map((scope) => covers(scope, literal)).join(" or ")})` : "false";
  });
  const needed = tests.filter((test) => test !== null);
  return needed.length ? needed.join(" and ") : null;
}

function covers(scope: RoleScope, literal: Literal): string {
  if (scope.areas === null) return "true";
  const areas = `${literal(sqlArray(scope.areas))}::text[]`;
  return `(v.island = any(${areas}) or v.prefecture = any(${areas}) or v.commune = any(${areas}))`;
}

/** Puts the `?` bindings into the SQL as literals. */
function inline(sql: string, bindings: readonly unknown[], literal: Literal): string {
  let next = 0;
  return sql.replaceAll("?", () => {
    const value = bindings[next++];
    return literal(value instanceof Date ? value.toISOString() : String(value));
  });
}
