import type { Variable } from "../../schemas/catalogue/types";
import { validHousehold } from "./demo-responses";
import type { TestContext } from "./test-context";

/**
 * Plots, a unit of records households hold (issue #20): three catalogue variables of level `plots`, one of
 * them personal, asked by a dynamic matrix of that name on a version 2 of the demo household form.
 */
export const PLOT_VARIABLES: Variable[] = [
  {
    code: "plot_area",
    level: "plots",
    type: "decimal",
    label: { fr: "Superficie de la parcelle (hectares)", en: "Plot area (hectares)" },
    constraints: { min: 0, max: 500 },
    sensitivity: "internal",
  },
  {
    code: "plot_irrigated",
    level: "plots",
    type: "boolean",
    label: { fr: "Parcelle irriguée", en: "Irrigated plot" },
    sensitivity: "public",
  },
  {
    code: "plot_owner",
    level: "plots",
    type: "text",
    label: { fr: "Propriétaire de la parcelle", en: "Owner of the plot" },
    sensitivity: "personal",
  },
];

export type Plot = { plot_area?: number; plot_irrigated?: boolean; plot_owner?: string };

/** Adds the plots' variables to the catalogue and publishes menage v2 with a dynamic matrix `plots`; returns the version. */
export function publishPlots(ctx: TestContext): Promise<number> {
  return publishPage(ctx, PLOT_VARIABLES, "Parcelles", {
    type: "matrixdynamic",
    name: "plots",
    title: { fr: "Parcelles du ménage", en: "The household's plots" },
    rowCount: 0,
    columns: [
      { name: "plot_area", cellType: "text", inputType: "number" },
      { name: "plot_irrigated", cellType: "boolean" },
      { name: "plot_owner", cellType: "text" },
    ],
  });
}

/** Adds `variables` to the catalogue and publishes menage v1 with a page holding `element`; returns the new version. */
export function publishPage(ctx: TestContext, variables: Variable[], reason: string, element: Record<string, unknown>): Promise<number> {
  return publishEdited(ctx, variables, reason, (mask) => (mask.pages as unknown[]).push({ name: "enregistrements", elements: [element] }));
}

/** Adds `variables` to the catalogue and publishes menage v1's mask as `edit` changes it; returns the new version. */
async function publishEdited(
  ctx: TestContext,
  variables: Variable[],
  reason: string,
  edit: (mask: Record<string, unknown>) => void,
): Promise<number> {
  for (const variable of variables) {
    const created = await ctx.post("/api/variables", { ...variable, status: "active" });
    if (created.status !== 201) throw new Error(`variable ${variable.code}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const mask = structuredClone((await ctx.get("/api/forms/menage/versions/1")).body.mask) as Record<string, unknown>;
  edit(mask);
  const saved = await ctx.put("/api/forms/menage/draft", mask);
  if (!saved.body.check?.publishable) throw new Error(`menage, ${reason}: ${JSON.stringify(saved.body)}`);
  const published = await ctx.post("/api/forms/menage/publish", { reason });
  if (published.status !== 201) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body.version as number;
}

/** A demo household with `count` plots, each answered from the seed. */
export function householdWithPlots(seed: number, count: number): Record<string, unknown> {
  const plots: Plot[] = Array.from({ length: count }, (_, at) => ({
    plot_area: Math.round((seed * 7 + at * 3) % 50) / 10 + 0.25,
    plot_irrigated: (seed + at) % 2 === 0,
    plot_owner: `Propriétaire ${seed}-${at + 1}`,
  }));
  return { ...validHousehold(seed), plots };
}

/** Harvests, a unit whose records each plot keeps as its own list (issue #20: plots → harvests); the buyer is personal. */
export const HARVEST_VARIABLES: Variable[] = [
  {
    code: "harvest_crop",
    level: "harvests",
    type: "text",
    label: { fr: "Culture récoltée", en: "Crop harvested" },
    sensitivity: "public",
  },
  {
    code: "harvest_tons",
    level: "harvests",
    type: "decimal",
    label: { fr: "Quantité récoltée (tonnes)", en: "Quantity harvested (tons)" },
    constraints: { min: 0, max: 1000 },
    sensitivity: "internal",
  },
  {
    code: "harvest_buyer",
    level: "harvests",
    type: "text",
    label: { fr: "Acheteur de la récolte", en: "Buyer of the harvest" },
    sensitivity: "personal",
  },
];

export type Harvest = { harvest_crop?: string; harvest_tons?: number; harvest_buyer?: string };

/** Publishes menage v2 with a dynamic panel `plots` whose panels each hold a dynamic panel `harvests`; returns the version. */
export function publishHarvests(ctx: TestContext): Promise<number> {
  return publishPage(ctx, [...PLOT_VARIABLES, ...HARVEST_VARIABLES], "Parcelles et récoltes", {
    type: "paneldynamic",
    name: "plots",
    title: { fr: "Parcelles du ménage", en: "The household's plots" },
    templateElements: [
      { type: "text", name: "plot_area", inputType: "number" },
      { type: "boolean", name: "plot_irrigated" },
      { type: "text", name: "plot_owner" },
      {
        type: "paneldynamic",
        name: "harvests",
        title: { fr: "Récoltes de la parcelle", en: "The plot's harvests" },
        templateElements: [
          { type: "text", name: "harvest_crop" },
          { type: "text", name: "harvest_tons", inputType: "number" },
          { type: "text", name: "harvest_buyer" },
        ],
      },
    ],
  });
}

/** `plots` plots each with `harvests` harvests, answered from the seed. */
export function plotsWithHarvests(seed: number, plots: number, harvests: number): (Plot & { harvests: Harvest[] })[] {
  return Array.from({ length: plots }, (_, p) => ({
    plot_area: p + 1.5,
    plot_irrigated: p % 2 === 0,
    plot_owner: `Propriétaire ${seed}-${p + 1}`,
    harvests: Array.from({ length: harvests }, (_, h) => ({
      harvest_crop: h % 2 ? "riz" : "manioc",
      harvest_tons: seed + p * 10 + h + 0.5,
      harvest_buyer: `Acheteur ${seed}-${p + 1}-${h + 1}`,
    })),
  }));
}

/** Jobs, a unit whose records each member keeps with their answers (issue #20); the employer is personal. */
export const JOB_VARIABLES: Variable[] = [
  { code: "job_title", level: "jobs", type: "text", label: { fr: "Emploi", en: "Job" }, sensitivity: "public" },
  {
    code: "job_income",
    level: "jobs",
    type: "decimal",
    label: { fr: "Revenu mensuel de l'emploi", en: "Monthly income of the job" },
    constraints: { min: 0 },
    sensitivity: "internal",
  },
  { code: "job_employer", level: "jobs", type: "text", label: { fr: "Employeur", en: "Employer" }, sensitivity: "personal" },
];

export type Job = { job_title?: string; job_income?: number; job_employer?: string };

/** Adds the jobs' variables and publishes menage v2 with a dynamic panel `jobs` in each member of the roster; returns the version. */
export function publishJobs(ctx: TestContext): Promise<number> {
  return publishEdited(ctx, JOB_VARIABLES, "Emplois des membres", (mask) => {
    const roster = findElement(mask, "members");
    if (!roster) throw new Error("menage v1 has no members roster");
    (roster.templateElements as unknown[]).push({
      type: "paneldynamic",
      name: "jobs",
      title: { fr: "Emplois du membre", en: "The member's jobs" },
      templateElements: [
        { type: "text", name: "job_title" },
        { type: "text", name: "job_income", inputType: "number" },
        { type: "text", name: "job_employer" },
      ],
    });
  });
}

/** The element of that name, at any depth of the mask's pages and panels. */
function findElement(container: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const children = ["pages", "elements", "templateElements"].flatMap(
    (key) => (container[key] as Record<string, unknown>[] | undefined) ?? [],
  );
  for (const child of children) {
    const found = child.name === name ? child : findElement(child, name);
    if (found) return found;
  }
  return undefined;
}
