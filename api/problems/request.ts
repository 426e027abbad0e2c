import type { FieldError } from "../../schemas/contracts/api";
import { Problem } from "./problem";

/** Bad requests and the server's own state: malformed input, size and type limits, conflicts, outages. */
export const requestProblems = {
  malformedJson: () =>
    new Problem(400, "malformed_json", {
      fr: "Le corps de la requête n'est pas un JSON valide.",
      en: "The request body is not valid JSON.",
    }),
  malformedText: (where: "path" | "query" | "body", pointer?: string) =>
    new Problem(
      400,
      "malformed_text",
      {
        fr: "La requête contient un caractère interdit (octet nul) ou un texte Unicode mal formé.",
        en: "The request contains a forbidden character (NUL byte) or ill-formed Unicode text.",
      },
      { where, ...(pointer === undefined ? {} : { pointer }) },
    ),
  jsonTooComplex: (maxDepth: number, maxArrayLength: number) =>
    new Problem(
      400,
      "json_too_complex",
      {
        fr: `Le corps de la requête est trop imbriqué (plus de ${maxDepth} niveaux) ou une liste a plus de ${maxArrayLength} éléments.`,
        en: `The request body is nested too deeply (over ${maxDepth} levels) or a list has over ${maxArrayLength} items.`,
      },
      { maxDepth, maxArrayLength },
    ),
  /** A value the database refuses (out of range, not representable): bad input that slipped past validation. */
  valueRefused: () =>
    new Problem(400, "value_refused", {
      fr: "Une valeur de la requête est hors limites ou ne peut pas être enregistrée.",
      en: "A value in the request is out of range or cannot be stored.",
    }),
  invalidParameter: (details: FieldError[]) =>
    new Problem(
      400,
      "invalid_parameter",
      {
        fr: "Un paramètre de la requête est invalide.",
        en: "A request parameter is invalid.",
      },
      details,
    ),
  notFound: () => new Problem(404, "not_found", { fr: "Cette adresse n'existe pas.", en: "No such address." }),
  conflict: () =>
    new Problem(409, "conflict", {
      fr: "Cette opération entre en conflit avec une donnée existante.",
      en: "This operation conflicts with existing data.",
    }),
  payloadTooLarge: (limitBytes: number) =>
    new Problem(413, "payload_too_large", {
      fr: `Le corps de la requête dépasse ${Math.round(limitBytes / 1024)} Kio.`,
      en: `The request body exceeds ${Math.round(limitBytes / 1024)} KiB.`,
    }),
  unsupportedMediaType: () =>
    new Problem(415, "unsupported_media_type", {
      fr: "Le corps de la requête doit être envoyé en application/json.",
      en: "The request body must be sent as application/json.",
    }),
  serviceUnavailable: (details: unknown) =>
    new Problem(
      503,
      "service_unavailable",
      {
        fr: "Un service nécessaire ne répond pas.",
        en: "A required service is not answering.",
      },
      details,
    ),
  internal: () =>
    new Problem(500, "internal_error", {
      fr: "Erreur interne. L'incident a été journalisé.",
      en: "Internal error. The incident has been logged.",
    }),
} as const;
