// The public open feed (/openreferral) is anonymous, so it is rate limited per client address:
// over the limit it answers 429 with Retry-After and a JSON error, still open to any web page
// (CORS *). Over the real HTTP server, with a low limit.
import { ConfigError, readConfig } from "@hub/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress as addressOf, trustedProxies } from "../apps/api/src/http/client-address.js";
import { type ServedHub, serveHub } from "./support/test-hub.js";

const feed = (hub: ServedHub, from: string | null, path = "/openreferral", method = "GET") =>
  fetch(`${hub.url}${path}`, { method, headers: from ? { "X-Forwarded-For": from } : {} });

describe("the open feed's rate limit", () => {
  let hub: ServedHub;
  beforeAll(async () => {
    hub = await serveHub({ protection: { openFeedRateLimit: { points: 3, durationSeconds: 60 } } });
  });
  afterAll(async () => {
    await hub.close();
  });

  it("answers 429 with Retry-After, a JSON error and CORS once an address is over the limit", async () => {
    for (const path of ["/openreferral", "/openreferral/services?per_page=1", "/openreferral/taxonomies"]) {
      const ok = await feed(hub, "203.0.113.7", path);
      expect(ok.status, path).toBe(200);
      await ok.body?.cancel();
    }
    const refused = await feed(hub, "203.0.113.7", "/openreferral/services");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    expect(refused.headers.get("content-type")).toMatch(/^application\/json/);
    const wait = Number(refused.headers.get("retry-after"));
    expect(Number.isInteger(wait) && wait >= 1 && wait <= 60).toBe(true);
    const body = await refused.json();
    expect(body).toEqual({ error: `Too many requests to the open feed from your address. Wait ${wait} second${wait === 1 ? "" : "s"}, then try again.` });
    // A preflight from the same page counts too, and is refused the same way.
    expect((await feed(hub, "203.0.113.7", "/openreferral/services", "OPTIONS")).status).toBe(429);
  });

  it("counts each address on its own, and leaves the rest of the hub alone", async () => {
    for (let i = 0; i < 3; i++) expect((await feed(hub, "203.0.113.8")).status).toBe(200);
    expect((await feed(hub, "203.0.113.8")).status).toBe(429);
    // The connection's own address (no proxy header) is another client.
    expect((await feed(hub, null)).status).toBe(200);
    expect((await feed(hub, "203.0.113.9")).status).toBe(200);
    expect((await feed(hub, "203.0.113.8", "/health/live")).status).toBe(200);
  });
});

describe("the open feed's default limit", () => {
  let hub: ServedHub;
  beforeAll(async () => {
    hub = await serveHub({ seed: false });
  });
  afterAll(async () => {
    await hub.close();
  });

  it("is 120 requests a minute per address", async () => {
    const statuses = await Promise.all(Array.from({ length: 120 }, async () => (await feed(hub, "198.51.100.20")).status));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect((await feed(hub, "198.51.100.20")).status).toBe(429);
  });

  it("is set by OPEN_FEED_RATE_LIMIT, a whole number of requests a minute", () => {
    expect(readConfig({}).openFeedRateLimit).toBe(120);
    expect(readConfig({ OPEN_FEED_RATE_LIMIT: "30" }).openFeedRateLimit).toBe(30);
    expect(() => readConfig({ OPEN_FEED_RATE_LIMIT: "0" })).toThrow(ConfigError);
    expect(() => readConfig({ OPEN_FEED_RATE_LIMIT: "lots" })).toThrow(/OPEN_FEED_RATE_LIMIT/);
  });
});

describe("the client's address", () => {
  const request = (forwarded?: string) => new Request("http://hub.invalid/openreferral", { headers: forwarded ? { "X-Forwarded-For": forwarded } : {} });
  // The proxies as a deployment behind several would name them (HUB_TRUSTED_PROXIES).
  const proxies = trustedProxies(["loopback", "private"]);
  const clientAddress = (req: Request, peer: string) => addressOf(req, peer, proxies);

  it("is the proxy's last X-Forwarded-For entry when the connection comes from a trusted proxy", () => {
    for (const proxy of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "10.1.2.3", "172.20.0.4", "192.168.1.9", "fd12:3456::1"]) {
      expect(clientAddress(request("198.51.100.1, 203.0.113.5"), proxy), proxy).toBe("203.0.113.5");
      expect(clientAddress(request(), proxy), proxy).toBe(proxy.replace(/^::ffff:/, ""));
    }
  });

  it("is the connection's own address from anywhere else, whatever header the client forges", () => {
    expect(clientAddress(request("203.0.113.5"), "198.51.100.77")).toBe("198.51.100.77");
    expect(clientAddress(request("203.0.113.5"), "172.32.0.1")).toBe("172.32.0.1");
    expect(clientAddress(request(), "2001:db8::7")).toBe("2001:db8::7");
  });
});
