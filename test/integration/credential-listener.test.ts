import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheGeneration, cachedActor, rememberActor } from "../../api/auth/credential-cache";
import { listenForCredentialChanges, type CredentialListener } from "../../api/auth/credential-changes";
import { createLogger } from "../../api/log";
import { asOwner } from "../helpers/audit-log";
import { tcpProxy, type TcpProxy } from "../helpers/tcp-proxy";
import { createTestContext, type TestContext } from "../helpers/test-context";
import { waitFor } from "../helpers/wait-for";

/**
 * Issue #22: an instance's credential cache keeps entries for 30 s because its listener hears every change.
 * A listening connection only receives, so when the network forgets it (a NAT or firewall dropping an idle
 * flow) nothing ever fails on it: without a heartbeat, the instance would keep 30-s entries and miss every
 * revocation from then on. Here this process's listener reaches PostgreSQL through a proxy that severs it
 * (neither end told), and PostgreSQL's end of it is then terminated, as its own keepalive would do: the
 * notification of a revocation reaches no one, and the cache must still forget the credential within a few
 * seconds, then listen again on a new connection.
 */
let ctx: TestContext;
let proxy: TcpProxy;
let listener: CredentialListener;
const logged: string[] = [];
beforeAll(async () => {
  ctx = await createTestContext("credential_listener");
  proxy = await tcpProxy(ctx.config.databaseUrl);
  const logger = createLogger("warn", "test:credential_listener", { write: (line: string) => void logged.push(line) });
  const url = new URL(proxy.through(ctx.config.databaseUrl));
  url.searchParams.set("application_name", "rsu-listener");
  listener = listenForCredentialChanges(url.toString(), logger);
  await waitFor(async () => ((await listenerBackends()).length === 1 ? true : undefined), { what: "the LISTEN" });
});
afterAll(async () => {
  await proxy?.close();
  await Promise.race([listener?.close(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
  await ctx?.close();
});

const listenerBackends = () =>
  asOwner(ctx.config, async (db) =>
    (
      await db.query(
        `select pid from pg_stat_activity where datname = current_database() and application_name = 'rsu-listener' and query = 'listen rsu_credentials'`,
      )
    ).rows.map((row) => row.pid as number),
  );
const actor = {
  userId: "00000000-0000-4000-8000-000000000001",
  username: "x",
  displayName: "X",
  roles: [],
  areas: [],
  grants: [],
  via: "token" as const,
};

describe("the credential listener", () => {
  it("a listener heard of nothing (its connection forgotten by the network) drops the cache within three seconds and listens again", async () => {
    rememberActor("severed-credential", actor, cacheGeneration());
    expect(cachedActor("severed-credential")).toEqual(actor);
    const [before] = await listenerBackends();

    proxy.sever();
    await asOwner(ctx.config, (db) => db.query("select pg_terminate_backend($1)", [before]));
    // Announced to every listener: none hears it, this one's backend is gone.
    await asOwner(ctx.config, (db) => db.query(`select pg_notify('rsu_credentials', '{"credential":"severed-credential"}')`));
    const severedAt = Date.now();

    await waitFor(async () => (cachedActor("severed-credential") === null ? true : undefined), {
      timeoutMs: 10_000,
      intervalMs: 20,
      what: "the entry forgotten",
    });
    expect(Date.now() - severedAt).toBeLessThan(3_000);
    expect(logged.some((line) => line.includes("credential_listener_lost"))).toBe(true);
    // A new connection (the network lets new ones pass) listens again.
    const after = await waitFor(
      async () => {
        const [pid] = await listenerBackends();
        return pid && pid !== before ? pid : undefined;
      },
      { what: "a new LISTEN" },
    );
    expect(after).not.toBe(before);
  });
});
