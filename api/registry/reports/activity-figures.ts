import type { EntityManager } from "@mikro-orm/postgresql";
import type { Message } from "../../../schemas/contracts/api";
import type { ActivityReport, ReportPeriod, SubmissionCounts } from "../../../schemas/contracts/reports";
import { queryRows } from "../../db/plain-sql";

/** Key variables whose absence the report counts, per unit (columns of the registry's tables). */
const KEY_VARIABLES = {
  household: ["island", "commune", "village"],
  individual: ["sex", "birth_date", "relation_to_head", "nin"],
} as const;

/** Most frequent validation errors listed. */
const TOP_ERRORS = 30;

const COUNTS = `count(*)::int as received,
  count(*) filter (where s.status in ('valid', 'integrated', 'needs_review'))::int as valid,
  count(*) filter (where s.status in ('invalid', 'refused'))::int as invalid,
  count(*) filter (where s.status = 'rejected')::int as rejected,
  count(*) filter (where s.status = 'received')::int as waiting`;
/**
 * Every submission sent in the period, once per id: those stored (by their stage) and those the API
 * refused for their answers and that were never sent again corrected (stage "refused"). Four bindings.
 */
const SENT = `with s as (
  select id, received_at as at, submitted_by, data->>'island' as island, commune, status from submissions
   where received_at >= ?::timestamptz and received_at < ?::timestamptz
  union all
  select r.submission_id, r.refused_at, r.submitted_by, r.island, r.commune, 'refused' from submission_refusals r
   where r.refused_at >= ?::timestamptz and r.refused_at < ?::timestamptz
     and not exists (select 1 from submissions x where x.id = r.submission_id))`;

/**
 * The figures of the administrator's report for one period (issue #23), each one SQL aggregate, so the
 * HTML, the XLSX and the back-office page say the same. Aggregates only: codes, counts, ages and staff
 * user names; no household's name, NIN or answer leaves this module. The audit check is passed in (it
 * needs its own connection as the application role), null when the caller cannot run it.
 */
export async function activityFigures(
  em: EntityManager,
  period: ReportPeriod,
  auditCheck: () => Promise<AuditCheck | null>,
): Promise<ActivityReport> {
  const range = [period.from, period.to];
  const q = <T>(sql: string, bindings: unknown[] = range) => queryRows<T>(em, sql, bindings);
  const sent = <T>(sql: string) => q<T>(`${SENT} ${sql}`, [...range, ...range]);
  const submissions = <K extends string>(alias: K) =>
    sent<SubmissionCounts & Record<K, string | null>>(`select s.${alias} as "${alias}", ${COUNTS} from s group by 1 order by 1 nulls last`);
  const [[total], byIsland, byCommune, byClerk, byDay, [lag], found, merged, undone, backlog, errors, missing, regIsland, regCommune] =
    await Promise.all([
      sent<SubmissionCounts>(`select ${COUNTS} from s`),
      submissions("island"),
      submissions("commune"),
      sent<SubmissionCounts & { username: string | null; displayName: string | null }>(
        `select u.username, u.display_name as "displayName", ${COUNTS} from s left join users u on u.id = s.submitted_by
          group by 1, 2 order by received desc, 1 nulls last`,
      ),
      q<{ day: string; received: number; invalid: number }>(
        `${SENT} select to_char(s.at at time zone ?, 'YYYY-MM-DD') as day, count(*)::int as received,
                count(*) filter (where s.status in ('invalid', 'refused'))::int as invalid
           from s group by 1 order by 1`,
        [...range, ...range, period.timeZone],
      ),
      q<{ count: number; p: number[] | null; max: number | null }>(
        `select count(*)::int as count, max(lag) as max,
                percentile_cont(array[0.5, 0.9, 0.95, 0.99]) within group (order by lag) as p
           from (select extract(epoch from integrated_at - received_at)::float8 as lag from submissions
                  where integrated_at >= ?::timestamptz and integrated_at < ?::timestamptz) l`,
      ),
      q<{ kind: string; n: number }>(
        `select kind, count(*)::int as n from review_items
          where kind in ('duplicate_person', 'duplicate_household', 'person_move') and created_at >= ?::timestamptz and created_at < ?::timestamptz
          group by kind order by kind`,
      ),
      q<{ kind: string; n: number }>(
        `select r.kind, count(*)::int as n from merges m join review_items r on r.id = m.review_item_id
          where m.created_at >= ?::timestamptz and m.created_at < ?::timestamptz group by 1 order by 1`,
      ),
      q<{ kind: string; n: number }>(
        `select r.kind, count(*)::int as n from merges m join review_items r on r.id = m.review_item_id
          where m.undone_at >= ?::timestamptz and m.undone_at < ?::timestamptz group by 1 order by 1`,
      ),
      reviewBacklog(em, period),
      validationErrors(em, range),
      missingKeyVariables(em),
      registrySize(em, period, "island"),
      registrySize(em, period, "commune"),
    ]);
  const [users, incidents, backups, auditRows, places, audit] = await Promise.all([
    userActivity(em, range),
    q<ActivityReport["incidents"][number]>(
      `select number, severity, title, alarm, status, opened_at as "openedAt", closed_at as "closedAt",
              root_cause as "rootCause", preventive_measure as "preventiveMeasure"
         from incidents where opened_at < ?::timestamptz and (closed_at is null or closed_at >= ?::timestamptz) order by number`,
      [period.to, period.from],
    ),
    backupFigures(em, range),
    q<{ n: number }>(`select count(*)::int as n from audit_log where at >= ?::timestamptz and at < ?::timestamptz`),
    placeLabels(em),
    auditCheck(),
  ]);
  const [p50, p90, p95, p99] = lag!.p ?? [null, null, null, null];
  return {
    period,
    generatedAt: new Date().toISOString(),
    submissions: { total: total!, byIsland, byCommune, byClerk, byDay },
    integrationLag: { count: lag!.count, p50: p50 ?? null, p90: p90 ?? null, p95: p95 ?? null, p99: p99 ?? null, max: lag!.max },
    duplicates: { found, merged, undone },
    reviewBacklog: backlog,
    quality: { errors, missing },
    registry: { byIsland: regIsland, byCommune: regCommune } as ActivityReport["registry"],
    users,
    incidents: incidents.map((i) => ({ ...i, openedAt: iso(i.openedAt)!, closedAt: iso(i.closedAt) })),
    backups,
    audit: {
      rows: auditRows[0]!.n,
      intact: audit?.intact ?? null,
      checkedRows: audit?.checkedRows ?? 0,
      findings: audit?.findings ?? 0,
      anchor: audit?.anchor ?? null,
    },
    places,
  };
}

export interface AuditCheck {
  intact: boolean;
  checkedRows: number;
  findings: number;
  anchor: ActivityReport["audit"]["anchor"];
}

function iso(value: string | Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/**
 * Validation errors per variable and code: of submissions refused by the API and of stored ones found
 * invalid by the workers (their pointers reduced as errorVariable does, schemas/contracts/reports.ts).
 */
function validationErrors(em: EntityManager, range: string[]) {
  return queryRows<{ variable: string; code: string; n: number }>(
    em,
    `select variable, code, count(*)::int as n from (
       select e->>'variable' as variable, e->>'code' as code
         from submission_refusals r cross join lateral jsonb_array_elements(r.errors) e
        where r.refused_at >= ?::timestamptz and r.refused_at < ?::timestamptz
       union all
       select coalesce(nullif(regexp_replace(regexp_replace(e->>'pointer', '/[0-9]+(/|$)', '\\1', 'g'), '^.*/', ''), ''), '(racine)'), e->>'code'
         from submissions s cross join lateral jsonb_array_elements(s.errors) e
        where s.status = 'invalid' and jsonb_typeof(s.errors) = 'array'
          and s.received_at >= ?::timestamptz and s.received_at < ?::timestamptz) errors
     group by 1, 2 order by n desc, 1, 2 limit ${TOP_ERRORS}`,
    [...range, ...range],
  );
}

/** Items open or postponed at the period's end (now, if it is not over), aged at that moment. */
function reviewBacklog(em: EntityManager, period: ReportPeriod) {
  return queryRows<ActivityReport["reviewBacklog"][number]>(
    em,
    `with backlog as (
       select kind, extract(epoch from least(?::timestamptz, now()) - created_at) / 86400 as days from review_items
        where created_at < ?::timestamptz and (status <> 'decided' or decided_at >= ?::timestamptz))
     select kind, count(*)::int as n,
            count(*) filter (where days < 1)::int as "under1d",
            count(*) filter (where days >= 1 and days < 7)::int as "under7d",
            count(*) filter (where days >= 7 and days < 30)::int as "under30d",
            count(*) filter (where days >= 30)::int as "over30d",
            round(max(days)::numeric, 1)::float8 as "oldestDays"
       from backlog group by kind order by kind`,
    [period.to, period.to, period.to],
  );
}

async function missingKeyVariables(em: EntityManager): Promise<ActivityReport["quality"]["missing"]> {
  const count = async (unit: "household" | "individual", table: string, columns: readonly string[]) => {
    const [row] = await queryRows<Record<string, number>>(
      em,
      `select count(*)::int as total, ${columns.map((c) => `count(*) filter (where ${c} is null)::int as "${c}"`).join(", ")} from ${table}`,
      [],
    );
    return columns.map((variable) => ({ variable, unit, missing: row![variable]!, total: row!.total! }));
  };
  return [
    ...(await count("household", "households", KEY_VARIABLES.household)),
    ...(await count("individual", "individuals", KEY_VARIABLES.individual)),
  ];
}

/**
 * The registry at the period's end (now, if it is not over), by place, with the households created in the
 * period: each household's last version recorded before the end (household_versions keeps every state,
 * issue #6), so a report made later says what the registry held then, as an export as of that date does.
 */
function registrySize(em: EntityManager, period: ReportPeriod, place: "island" | "commune") {
  return queryRows<{ households: number; individuals: number; newHouseholds: number } & Record<typeof place, string | null>>(
    em,
    `select v.state->>'${place}' as "${place}", count(*)::int as households,
            coalesce(sum(jsonb_array_length(v.state->'members')), 0)::int as individuals,
            count(*) filter (where h.created_at >= ?::timestamptz)::int as "newHouseholds"
       from households h
       cross join lateral (select state, action from household_versions x where x.household_id = h.id and x.created_at < ?::timestamptz
                            order by x.version desc limit 1) v
      where v.action <> 'withdraw'
      group by 1 order by 1 nulls last`,
    [period.from, period.to],
  );
}

function userActivity(em: EntityManager, range: string[]) {
  return queryRows<ActivityReport["users"][number]>(
    em,
    // Decisions from the audit log: an undone merge reopens its item, but the decision was made.
    `with a as (select actor_id, count(*)::int as actions, count(*) filter (where action = 'auth.login')::int as sign_ins,
                       count(*) filter (where action = 'review.decide')::int as decisions
                  from audit_log where at >= ?::timestamptz and at < ?::timestamptz and actor_id is not null group by 1),
          s as (select submitted_by, count(*)::int as n from submissions
                 where received_at >= ?::timestamptz and received_at < ?::timestamptz group by 1)
     select u.username, u.display_name as "displayName", u.roles, coalesce(a.sign_ins, 0) as "signIns",
            coalesce(s.n, 0) as submissions, coalesce(a.decisions, 0) as decisions, coalesce(a.actions, 0) as actions
       from users u left join a on a.actor_id = u.id left join s on s.submitted_by = u.id
      where u.active or a.actions > 0
      order by actions desc, u.username`,
    [...range, ...range],
  );
}

async function backupFigures(em: EntityManager, range: string[]): Promise<ActivityReport["backups"]> {
  const [[totals], errors] = await Promise.all([
    queryRows<{ made: number; verified: number; failed: number; bytes: number; last: string | null }>(
      em,
      `select count(*) filter (where outcome <> 'failed')::int as made, count(*) filter (where outcome = 'verified')::int as verified,
              count(*) filter (where outcome = 'failed')::int as failed, coalesce(sum(bytes), 0)::float8 as bytes,
              (select max(verified_at) from backup_runs where verified_at < ?::timestamptz) as last
         from backup_runs where started_at >= ?::timestamptz and started_at < ?::timestamptz`,
      [range[1], ...range],
    ),
    queryRows<{ code: string; n: number }>(
      em,
      `select error_code as code, count(*)::int as n from backup_runs
        where outcome = 'failed' and started_at >= ?::timestamptz and started_at < ?::timestamptz group by 1 order by n desc, 1`,
      range,
    ),
  ]);
  const { last, ...counts } = totals!;
  return { ...counts, lastVerifiedAt: iso(last), errors };
}

/** Island and commune labels from the catalogue's code lists (a report names places, not only codes). */
async function placeLabels(em: EntityManager): Promise<Record<string, Message>> {
  const rows = await queryRows<{ items: { code: string; label: Message }[] }>(
    em,
    `select definition->'items' as items from code_lists where code in ('island', 'commune')`,
    [],
  );
  return Object.fromEntries(rows.flatMap((r) => (r.items ?? []).map((i) => [i.code, i.label])));
}
