import { getLanguage } from "../i18n";

/** 45 s, 12 min, 5 h, 3 j: the largest unit that keeps the number readable, in the reader's language. */
export function formatAge(seconds: number): string {
  const [value, unit] =
    seconds < 90
      ? [seconds, "second"]
      : seconds < 90 * 60
        ? [seconds / 60, "minute"]
        : seconds < 48 * 3600
          ? [seconds / 3600, "hour"]
          : [seconds / 86_400, "day"];
  return new Intl.NumberFormat(getLanguage(), { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 0 }).format(value);
}

/** 512 B, 38 kB, 1.2 GB, in the reader's language. */
export function formatBytes(bytes: number): string {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(getLanguage(), { style: "unit", unit: units[unit], unitDisplay: "short", maximumFractionDigits: 1 }).format(
    value,
  );
}
