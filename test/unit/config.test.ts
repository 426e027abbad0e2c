import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../api/config";

describe("loadConfig", () => {
  it("gives working defaults for a developer's machine, frozen", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: "postgres://postgres@127.0.0.1:5432/rsu",
      redisUrl: "redis://127.0.0.1:6379/0",
      host: "127.0.0.1",
      port: 3000,
      logLevel: "info",
      timeZone: "Indian/Comoro",
      integrationBatchSize: 50,
      metricsToken: null,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("honours the environment", () => {
    const config = loadConfig({
      DATABASE_URL: "postgresql://u:p@db:5433/other",
      REDIS_URL: "redis://cache:6380/3",
      HOST: "0.0.0.0",
      PORT: "8080",
      SURVEYJS_LICENSE_KEY: "key",
      TIME_ZONE: "Africa/Dakar",
    });
    expect(config).toMatchObject({
      databaseUrl: "postgresql://u:p@db:5433/other",
      redisUrl: "redis://cache:6380/3",
      host: "0.0.0.0",
      port: 8080,
      surveyJsLicenseKey: "key",
      timeZone: "Africa/Dakar",
    });
  });

  it.each([
    [{ PORT: "eighty" }, /PORT must be a whole number/],
    [{ PORT: "70000" }, /PORT must be a whole number from 0 to 65535/],
    [{ DATABASE_URL: "not a url" }, /DATABASE_URL is not a valid URL/],
    [{ DATABASE_URL: "mysql://h/db" }, /DATABASE_URL must start with postgres:/],
    [{ REDIS_URL: "http://h" }, /REDIS_URL must start with redis:/],
    [{ LOG_LEVEL: "verbose" }, /LOG_LEVEL must be one of/],
    [{ TIME_ZONE: "Moroni" }, /TIME_ZONE must be an IANA time zone/],
    [{ INTEGRATION_BATCH_SIZE: "0" }, /INTEGRATION_BATCH_SIZE must be a whole number from 1 to 500/],
    [{ METRICS_TOKEN: "short" }, /METRICS_TOKEN must be at least 32 characters/],
    [{ NODE_ENV: "production" }, /SESSION_SECRET must be set/],
    [{ NODE_ENV: "production", SESSION_SECRET: "short" }, /SESSION_SECRET must be set to at least 32/],
    [{ NODE_ENV: "production", SESSION_SECRET: "s".repeat(32) }, /AUDIT_ANCHOR_KEY must be set/],
    [{ NODE_ENV: "production", SESSION_SECRET: "s".repeat(32), AUDIT_ANCHOR_KEY: "short" }, /AUDIT_ANCHOR_KEY must be set to at least 32/],
  ])("stops on %j with one clear line", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
