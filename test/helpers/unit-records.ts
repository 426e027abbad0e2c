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
export async function publishPlots(ctx: TestContext): Promise<number> {
  for (const variable of PLOT_VARIABLES) {
    const created = await ctx.post("/api/variables", { ...variable, status: "active" });
    if (created.status !== 201) throw new Error(`variable ${variable.code}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const v1 = await ctx.get("/api/forms/menage/versions/1");
  const mask = structuredClone(v1.body.mask) as { pages: unknown[] };
  mask.pages.push({
    name: "parcelles",
    elements: [
      {
        type: "matrixdynamic",
        name: "plots",
        title: { fr: "Parcelles du ménage", en: "The household's plots" },
        rowCount: 0,
        columns: [
          { name: "plot_area", cellType: "text", inputType: "number" },
          { name: "plot_irrigated", cellType: "boolean" },
          { name: "plot_owner", cellType: "text" },
        ],
      },
    ],
  });
  const saved = await ctx.put("/api/forms/menage/draft", mask);
  if (!saved.body.check?.publishable) throw new Error(`menage with plots: ${JSON.stringify(saved.body)}`);
  const published = await ctx.post("/api/forms/menage/publish", { reason: "Parcelles" });
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
