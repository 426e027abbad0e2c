import { describe, expect, it } from "vitest";
import { backupFileName, backupTakenAt } from "../../api/backup/backup-names";
import { backupsToKeep } from "../../api/backup/retention";

const at = (iso: string) => new Date(iso);
const kept = (dates: string[], keep: { daily: number; weekly: number; monthly: number }) =>
  [...backupsToKeep(dates.map(at), keep)].map((t) => new Date(t).toISOString().slice(0, 16)).sort();

/** One backup a day at 02:30 UTC from `from` for `days` days. */
function daily(from: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => new Date(Date.parse(`${from}T02:30:00Z`) + i * 86_400_000).toISOString());
}

describe("backup retention (issue #16)", () => {
  it("keeps the newest of each of the last 7 days, 4 ISO weeks and 12 months", () => {
    // 2026-01-01 (a Thursday) to 2026-12-06 (a Sunday): 340 daily backups.
    const dates = daily("2026-01-01", 340);
    expect(kept(dates, { daily: 7, weekly: 4, monthly: 12 })).toEqual([
      // Monthly: the last day of each month from January to November (December's newest is the 6th).
      "2026-01-31T02:30",
      "2026-02-28T02:30",
      "2026-03-31T02:30",
      "2026-04-30T02:30",
      "2026-05-31T02:30",
      "2026-06-30T02:30",
      "2026-07-31T02:30",
      "2026-08-31T02:30",
      "2026-09-30T02:30",
      "2026-10-31T02:30",
      // Weekly: the Sundays ending ISO weeks 46, 47 and 48 (week 49's newest is the 6th).
      "2026-11-15T02:30",
      "2026-11-22T02:30",
      "2026-11-29T02:30",
      // November's newest.
      "2026-11-30T02:30",
      // Daily: the last 7 days.
      "2026-12-01T02:30",
      "2026-12-02T02:30",
      "2026-12-03T02:30",
      "2026-12-04T02:30",
      "2026-12-05T02:30",
      "2026-12-06T02:30",
    ]);
  });

  it("keeps only the newest of several backups of one day, and counts days that have a backup", () => {
    const dates = ["2026-12-06T02:30:00Z", "2026-12-06T14:00:00Z", "2026-12-01T02:30:00Z", "2026-11-20T02:30:00Z"];
    expect(kept(dates, { daily: 2, weekly: 0, monthly: 0 })).toEqual(["2026-12-01T02:30", "2026-12-06T14:00"]);
  });

  it("names a backup by its UTC time and reads the time back; other names are not backups", () => {
    const name = backupFileName("rsu", at("2026-12-07T02:30:05.123Z"));
    expect(name).toBe("rsu-rsu-20261207T023005Z.rsubackup");
    expect(backupTakenAt(name)).toEqual(at("2026-12-07T02:30:05Z"));
    expect(backupTakenAt(`${name}.failed`)).toBeNull();
    expect(backupTakenAt(`${name}.partial`)).toBeNull();
  });
});
