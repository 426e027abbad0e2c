import { INDIVIDUAL_KEY_VARIABLES } from "../../../schemas/contracts/registry";
import { type ExportColumn, type ExportLevel, stateSource } from "../../../schemas/registry/export-columns";
import type { RoleScope } from "../../auth/actor";
import { sqlArray } from "../../db/plain-sql";
import type { RedactorOf } from "../../services/redaction";
import { AS_OF, conditions, type HouseholdsFilter } from "./households-as-of";

/** Quotes a value as a SQL literal: COPY takes no parameters. */
export type Literal = (value: string) => string;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The SELECT of one export file for `COPY (…) TO` (issue #17): the same columns, values and redaction as
 * the row-by-row path (export-columns' `cell`, run-export's masks), computed by PostgreSQL so that Node
 * only moves bytes. `v` is a household's version as of the date, `s` its state (or the member's), `a` the
 * answers: each unpacked once per row by jsonb_to_record, not looked up again for every column.
 */
export function levelSelect(level: ExportLevel, filter: HouseholdsFilter, redactorOf: RedactorOf, literal: Literal): string {
  const household = level.level === "household";
  const fields = new Set<string>(household ? ["headName", "attributes"] : ["id", "personId", "lineNumber", "attributes"]);
  const answers = new Set<string>();
  const items = level.columns.map((column) => {
    const value = household ? householdKey(column.name) : memberKey(column.name);
    const reach = readers(column, filter.scopes, redactorOf, literal);
    const sql = value ?? cellSql(column, sourceOf(column, household, fields, answers));
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
  const record = (of: string, alias: string, keys: Set<string>) =>
    keys.size ? ` cross join lateral jsonb_to_record(${of}) as ${alias}(${[...keys].map((k) => `${ident(k)} jsonb`).join(", ")})` : "";
  const from = household
    ? `(${versions}) v${record("v.state", "s", fields)}`
    : `(${versions}) v cross join lateral jsonb_array_elements(v.state->'members') m(member)${record("m.member", "s", fields)}`;
  return `select ${items.join(", ")} from ${from}${record('s."attributes"', "a", answers)}`;
}

/** The household's keys that are not answers, as the row-by-row path writes them. */
function householdKey(name: string): string | undefined {
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
      return textSql('s."headName"');
  }
}

function memberKey(name: string): string | undefined {
  switch (name) {
    case "individual_id":
      return textSql('s."id"');
    case "household_id":
      return "v.household_id::text";
    case "person_id":
      return textSql('s."personId"');
    case "line_number":
      return numberSql('s."lineNumber"');
  }
}

/** The jsonb a column reads (a field of the state or an answer), noting which keys jsonb_to_record unpacks. */
function sourceOf(column: ExportColumn, household: boolean, fields: Set<string>, answers: Set<string>): string {
  const source = stateSource(column, household ? "household" : "individual");
  if ("field" in source) {
    fields.add(source.field);
    return `s.${ident(source.field)}`;
  }
  answers.add(source.answer);
  return `a.${ident(source.answer)}`;
}

/** export-columns' `cell` in SQL: the same text for the same value (numbers as JavaScript prints them). */
function cellSql(column: ExportColumn, x: string): string {
  switch (column.kind) {
    case "number":
      return numberSql(x);
    case "boolean":
      return `case ${x} when 'true'::jsonb then '1' when 'false'::jsonb then '0' end`;
    case "codes":
      return `nullif(case jsonb_typeof(${x}) when 'array' then (select string_agg(coalesce(${textSql("e")}, ''), ' ') from jsonb_array_elements(${x}) e) else ${textSql(x)} end, '')`;
    default:
      return textSql(x);
  }
}

/** float8's shortest text is JavaScript's for the numbers a form holds (`1.50` → `1.5`). */
function textSql(x: string): string {
  return `nullif(case jsonb_typeof(${x}) when 'string' then ${x} #>> '{}' when 'number' then ${x}::float8::text when 'null' then null else ${x}::text end, '')`;
}

/** A number, or a text that is one (Number("12") in JavaScript); anything else is blank. */
function numberSql(x: string): string {
  return `case jsonb_typeof(${x}) when 'number' then ${x}::float8::text
    when 'string' then case when ${x} #>> '{}' ~ '^\\s*[+-]?(\\d{1,15}\\.?\\d{0,15}|\\.\\d{1,15})([eE][+-]?\\d{1,2})?\\s*$' then (${x} #>> '{}')::float8::text end end`;
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
