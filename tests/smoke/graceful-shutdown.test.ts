// SIGTERM during a deploy (issue #13): the real server process, with a live case feed open,
// stops taking requests, ends the feed cleanly (the client sees its stream complete), lets the
// rest finish, stops its workers and exits 0, well within its grace period; never SIGKILL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedServer, type ServerProcess } from "./server-process.js";

const FEED = `subscription { caseUpdates { caseId } }`;

describe("stopping the hub", () => {
  let hub: ServerProcess;
  beforeAll(async () => {
    hub = await embeddedServer({ HUB_SEED_DEMO: "no", HUB_SHUTDOWN_GRACE_SECONDS: "20" });
    await hub.start();
  });
  afterAll(async () => {
    await hub.dispose();
  });

  it("ends open live feeds cleanly on SIGTERM and exits 0 at once", async () => {
    // The base partnership, so there is someone to sign in as (no working day: quicker).
    await hub.stop();
    await hub.cli("seed-demo");
    await hub.start();
    const token = await hub.cli("token", "wcu.officer@northshire-police.example.org");
    const response = await fetch(`${hub.base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream", Authorization: `Bearer ${token}`, "X-Access-Purpose": "KEEPING_VICTIM_INFORMED" },
      body: JSON.stringify({ query: FEED }),
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const streamEnded = (async () => {
      for (;;) if ((await reader.read()).done) return true;
    })().catch(() => false);

    const startedAt = Date.now();
    await hub.stop();
    const took = Date.now() - startedAt;
    expect(await streamEnded).toBe(true); // completed, not cut
    expect(took).toBeLessThan(10_000);
    expect(hub.lastExit()).toEqual({ code: 0, signal: null });
    expect(hub.output()).toContain('"msg":"stopping"');
    expect(hub.output()).not.toMatch(/still running after the grace period/);
  }, 120_000);
});
