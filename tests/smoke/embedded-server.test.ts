// The README's first command, as a new user runs it: the real server process on embedded
// PGlite in a fresh data folder, a demo token from the CLI, a GraphQL query over HTTP.
import { statSync } from "node:fs";
import path from "node:path";
import { DEMO_ORGANISATIONS } from "@hub/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedServer, type ServerProcess } from "./server-process.js";

describe("embedded mode, real server process", () => {
  let hub: ServerProcess;

  const graphql = async (token: string, query: string) => {
    const res = await fetch(`${hub.base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    hub = await embeddedServer();
    await hub.start();
  });

  afterAll(async () => {
    await hub.dispose();
  });

  it("answers viewer for a demo token printed by `npm run hub -- token`", async () => {
    const res = await graphql(await hub.cli("token", "isva@northshire-rapecrisis.example.org"), "{ viewer { name organisation { name } } }");
    expect(res).toEqual({ status: 200, body: { data: { viewer: { name: "Amira Khan", organisation: { name: "Northshire Rape Crisis" } } } } });
  });

  it("keeps its signing key private to its owner and publishes only the public key", async () => {
    expect(statSync(path.join(hub.dataDir, "keys", "signing-key.json")).mode & 0o077).toBe(0);
    const jwks = (await (await fetch(`${hub.base}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty("d");
  });

  it("serves the portal at /", async () => {
    const res = await fetch(`${hub.base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("<title>Victims' Partnership Hub</title>");
  });

  it("keeps its data and keys across a restart, without seeding twice", async () => {
    const before = await hub.cli("token", "wcu.officer@northshire-police.example.org");
    await hub.stop();
    await hub.start();
    expect((await graphql(before, "{ viewer { name } }")).status).toBe(200);
    expect(hub.output()).not.toContain("demo partnership seeded");
    expect((await graphql(before, "{ organisations { id } }")).body.data.organisations).toHaveLength(DEMO_ORGANISATIONS.length);
  });

  it("never writes victim data or tokens to its log", () => {
    expect(hub.output()).not.toMatch(/Alex Morgan|12 Elm Row|07700 9001|eyJ[A-Za-z0-9_-]{20,}/);
  });
});
