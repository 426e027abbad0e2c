import { Migration } from "@mikro-orm/migrations";

/**
 * Partner sync read behind pg_snapshot_xmin, the whole server's oldest transaction: a long one in any other
 * database stalled every partner (issue #17). This horizon passes over a running transaction only when
 * pg_locks shows it holding a lock in another database (its virtual transaction id is never reused); one not
 * seen so is waited for, as skipping a row is the mistake to avoid. STABLE: it reads its caller's snapshot.
 */
export class Migration20261210400000OwnChangeHorizon extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function "households_change_horizon"() returns xid8 language sql stable as $$
        select least(pg_snapshot_xmax(s), (
          select min(x) from pg_snapshot_xip(s) x
           where not exists (
             select 1 from pg_locks held join pg_locks elsewhere on elsewhere.virtualtransaction = held.virtualtransaction
              where held.locktype = 'transactionid' and held.transactionid = x::xid
                and elsewhere.database not in (0, (select oid from pg_database where datname = current_database())))))
        from pg_current_snapshot() s
      $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function "households_change_horizon"();`);
  }
}
