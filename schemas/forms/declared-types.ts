import { Serializer } from "survey-core";
import type { Message } from "../contracts/api";

/**
 * Custom question types a form's own application registered (a « yesno » switch, an « infotext » block…)
 * are unknown to survey-core and to rsu (issue #20). Whoever imports the form may declare what each one is
 * in standard SurveyJS terms (`yesno:boolean,infotext:html`): the import then rewrites those questions'
 * type, and a type left undeclared is still refused at publish, naming it.
 */
export type TypeMapping = ReadonlyMap<string, string>;

/** What a custom type may become: a type rsu compiles or shows. */
const TARGETS = new Set(["text", "comment", "boolean", "dropdown", "radiogroup", "checkbox", "tagbox", "html", "image", "expression"]);
const TYPE_NAME = /^[a-z][a-z0-9_-]{0,63}$/;
/** More than this many declarations is no form's set of components. */
const MAX_DECLARATIONS = 50;

/** Reads `custom:standard,…`; returns the mapping, or the reason the declaration is refused. */
export function readTypeMapping(text: string): { mapping: TypeMapping } | { refused: Message } {
  const mapping = new Map<string, string>();
  const pairs = text.split(",").filter((p) => p.trim() !== "");
  if (pairs.length > MAX_DECLARATIONS) {
    return { refused: { fr: `Au plus ${MAX_DECLARATIONS} types déclarés.`, en: `At most ${MAX_DECLARATIONS} declared types.` } };
  }
  for (const pair of pairs) {
    const [from = "", to = "", ...rest] = pair.split(":").map((s) => s.trim().toLowerCase());
    if (rest.length > 0 || !TYPE_NAME.test(from) || !TYPE_NAME.test(to)) {
      return {
        refused: {
          fr: `« ${pair.trim()} » : une déclaration s'écrit type_personnalisé:type_standard (par exemple yesno:boolean).`,
          en: `"${pair.trim()}": a declaration reads custom_type:standard_type (for example yesno:boolean).`,
        },
      };
    }
    if (Serializer.findClass(from)) {
      return {
        refused: {
          fr: `« ${from} » est déjà un type SurveyJS : seul un type personnalisé peut être déclaré.`,
          en: `"${from}" is already a SurveyJS type: only a custom type can be declared.`,
        },
      };
    }
    if (!TARGETS.has(to)) {
      return {
        refused: {
          fr: `« ${from} » ne peut devenir « ${to} » : types possibles ${[...TARGETS].join(", ")}.`,
          en: `"${from}" cannot become "${to}": possible types ${[...TARGETS].join(", ")}.`,
        },
      };
    }
    mapping.set(from, to);
  }
  return { mapping };
}

/** One question whose declared type was rewritten, with its former type. */
export interface DeclaredTypeUse {
  name: string;
  from: string;
  to: string;
}

/** The mask with every question of a declared custom type rewritten to its standard type, and the list. */
export function applyTypeMapping(mask: unknown, mapping: TypeMapping): { mask: unknown; uses: DeclaredTypeUse[] } {
  const uses: DeclaredTypeUse[] = [];
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== "object") return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) copy[key] = walk(value);
    const type = typeof copy.type === "string" ? copy.type.toLowerCase() : undefined;
    const to = type === undefined ? undefined : mapping.get(type);
    if (to && "name" in copy) {
      copy.type = to;
      uses.push({ name: String(copy.name), from: type!, to });
    }
    return copy;
  };
  return { mask: walk(mask), uses };
}
