import { t, tCode } from "../i18n";

/** The themes the demo catalogue groups variables by, which have a name in the messages (`theme_*`, kept with the mask designer's texts). */
export const KNOWN_THEMES = ["identification", "dwelling", "assets", "livelihood", "members"] as const;

/** A theme's name in the reader's language; a theme without a name shows its code. */
export const themeName = (code: string | undefined) => (code ? tCode("theme_", code) : t("none"));

/** "identification (Identification), dwelling (Logement), …": the hint of a theme field. */
export const knownThemesHint = () => t("themeHint", { themes: KNOWN_THEMES.map((code) => `${code} (${themeName(code)})`).join(", ") });
