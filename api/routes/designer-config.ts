import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../app-env";
import { allow } from "../middleware/authorize";
import { describeRoute } from "../openapi/describe";

/**
 * What the mask designer needs from the deployment: the SurveyJS Creator licence key (STACK.md trap 4).
 * The key is the deployer's, never committed: it travels from the configuration to the designer's page
 * only, for the roles that open the designer; Creator shows its licence banner when there is none.
 */
export function designerConfigRoutes({ config }: AppDeps) {
  return new Hono<AppEnv>().get(
    "/designer",
    allow("forms:design"),
    describeRoute("La configuration du concepteur de masques (clé SurveyJS).", "The mask designer's configuration (SurveyJS key)."),
    (c) => {
      c.header("Cache-Control", "no-store");
      return c.json({ surveyJsLicenseKey: config.surveyJsLicenseKey });
    },
  );
}
