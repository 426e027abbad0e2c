import { Hono } from "hono";
import type { AppEnv } from "../../api/app-env";
import { describe, expect, it } from "vitest";
import { handleError } from "../../api/errors";
import type { Logger } from "../../api/log";
import { sameOrigin } from "../../api/middleware/same-origin";

/** The cross-site check on a real Hono app, with and without a trusted proxy in front (#15, finding 7). */
function appBehind(trustProxy: boolean) {
  const silent = { debug() {}, info() {}, warn() {}, error() {} } as Logger;
  const app = new Hono<AppEnv>().use(sameOrigin({ trustProxy })).post("/api/auth/login", (c) => c.text("signed in"));
  app.onError(handleError(silent));
  return app;
}

const login = (app: Hono<AppEnv>, headers: Record<string, string>) =>
  app.request("http://10.0.0.5:3000/api/auth/login", { method: "POST", headers });
const forged = { origin: "http://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" };

describe("sameOrigin", () => {
  it("without a trusted proxy, ignores X-Forwarded-Host and -Proto: a forged origin is refused", async () => {
    const res = await login(appBehind(false), forged);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "cross_site_refused" } });
  });

  it("without a trusted proxy, accepts the request's own origin", async () => {
    expect((await login(appBehind(false), { origin: "http://10.0.0.5:3000" })).status).toBe(200);
  });

  it("behind a trusted proxy, accepts the origin the proxy forwards and still refuses another", async () => {
    const proxied = { "x-forwarded-host": "rsu.example", "x-forwarded-proto": "https" };
    expect((await login(appBehind(true), { origin: "https://rsu.example", ...proxied })).status).toBe(200);
    expect((await login(appBehind(true), { origin: "https://evil.example", ...proxied })).status).toBe(403);
  });
});
