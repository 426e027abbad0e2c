import { Hono } from "hono";
import type { OperationsFigures } from "../../schemas/contracts/operations";
import type { AppEnv } from "../app-env";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";

/** The « Exploitation » page's figures (issue #23): the same reading /metrics gives Prometheus. */
export function operationsRoutes(readFigures: () => Promise<OperationsFigures>) {
  return new Hono<AppEnv>().get(
    "/figures",
    allow("operations:manage"),
    describeRoute("Les chiffres de l'exploitation : files, intégration, sauvegardes.", "Operations figures: queues, integration, backups."),
    async (c) => c.json(await readFigures()),
  );
}
