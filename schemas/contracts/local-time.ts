/**
 * The registry's local time (TIME_ZONE, an IANA zone such as `Indian/Comoro`): a report's month begins at
 * local midnight, not at UTC's, or three hours of the first evening of each month in Moroni count in the
 * month before. Pure: Intl only, no clock.
 */

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes `zone` is ahead of UTC at `instant` (Moroni: 180). */
function offsetMinutes(zone: string, instant: number): number {
  const name = new Intl.DateTimeFormat("en", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(instant)
    .find((part) => part.type === "timeZoneName")!.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** The UTC instant of local midnight on the first of `month` (0-based, may overflow into the next year) in `zone`. */
export function monthStart(year: number, month: number, zone: string): Date {
  const wall = Date.UTC(year, month, 1);
  // The offset at the guess, then at the corrected instant: right across a daylight-saving change too.
  const guess = wall - offsetMinutes(zone, wall) * 60_000;
  return new Date(wall - offsetMinutes(zone, guess) * 60_000);
}

/** `YYYY-MM-DD`: the local date of `instant` in `zone`. */
export function localDay(instant: Date | string | number, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(instant));
}

/** `YYYY-MM-DD HH:MM`: the local date and time of `instant` in `zone`. */
export function localMinute(instant: Date | string | number, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}
