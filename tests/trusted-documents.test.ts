// The portal's operations as trusted documents: the manifest its build writes
// (apps/portal/dist/trusted-documents.json) covers every operation in its source, the hub
// registers it idempotently at start in production, runs those operations by hash and
// nothing else; and GET /portal-config.json tells the portal where to sign in.
import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readConfig } from "@hub/config";
import { DEMO_USERS } from "@hub/db/seed";
import { createTestDatabase, createTestIssuer, testEngine, type TestDatabase } from "@hub/test-utils";
import { Kind, parse, print, visit, type DocumentNode, type OperationDefinitionNode } from "graphql";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHub, type RunningHub } from "@hub/api";
import { ViewerDocument } from "../apps/portal/src/generated/graphql/graphql.js";
import { connectSourcesOf, portalConfigFor } from "../apps/api/src/http/portal-config.js";
import { PORTAL_MANIFEST, registerPortalManifest, sha256Hex } from "../apps/api/src/http/trusted-documents.js";
import { PORTAL_CLIENT_ID } from "../apps/api/src/identity/oidc-provider.js";
import { startProtectedHub, type ProtectedHub, type RawResponse } from "./support/protected-hub.js";
import { everydayPurpose, ISVA, portalDist, WCU } from "./support/test-hub.js";

const portalSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../apps/portal/src");
const manifestFile = path.join(portalDist, PORTAL_MANIFEST);

interface ManifestOperation {
  id: string;
  name: string;
  type: string;
  body: string;
}

function builtManifest(): { operations: ManifestOperation[] } {
  if (!existsSync(manifestFile)) throw new Error(`Build the portal first (npx turbo run build --filter=@hub/portal): ${manifestFile} is missing.`);
  return JSON.parse(readFileSync(manifestFile, "utf8"));
}

const codes = (res: RawResponse): string[] => (res.body?.errors ?? []).map((e: any) => e.extensions?.code);
const byHash = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

const OPERATION = /^\s*(query|mutation|subscription)\s+\w+\s*[({]/;

/**
 * Every operation written anywhere in the portal's source, found without the build's tools:
 * any string or template literal (gql``, graphql(``), a plain string...) that starts like a
 * named operation. Interpolations (fragments) are left out; the operation itself is compared.
 */
function operationsInPortalSource(): { file: string; operation: OperationDefinitionNode }[] {
  const found: { file: string; operation: OperationDefinitionNode }[] = [];
  for (const file of sourceFiles(portalSrc)) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const visitNode = (node: ts.Node): void => {
      let text: string | null = null;
      if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node)) text = node.text;
      else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join("\n");
      if (text !== null && OPERATION.test(text)) {
        for (const d of parse(text).definitions) if (d.kind === Kind.OPERATION_DEFINITION) found.push({ file: path.relative(portalSrc, file), operation: d });
      }
      ts.forEachChild(node, visitNode);
    };
    visitNode(source);
  }
  return found;
}

/** An operation as written, whatever Apollo adds (__typename) or reorders (definitions). */
const withoutTypename = (node: OperationDefinitionNode) =>
  print(visit(node, { Field: (field) => (field.name.value === "__typename" && !field.alias ? null : undefined) }));
const operationOf = (document: DocumentNode) => document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;

describe("the portal's trusted documents manifest", () => {
  it("has every operation in the portal's source, as written there, under the sha256 of its text", () => {
    const manifest = builtManifest();
    const inSource = operationsInPortalSource();
    expect(inSource.length).toBeGreaterThanOrEqual(8); // the scan itself works: the portal has at least these
    expect(inSource.map((o) => o.operation.name!.value)).toContain("Viewer"); // written with graphql() (typed)
    expect(inSource.map((o) => o.operation.name!.value)).toContain("Caseload"); // written with gql
    const byName = new Map(manifest.operations.map((op) => [op.name, op]));
    const missing: string[] = [];
    for (const { file, operation } of inSource) {
      const listed = byName.get(operation.name!.value);
      if (!listed || withoutTypename(operationOf(parse(listed.body))) !== withoutTypename(operation)) missing.push(`${operation.name!.value} (${file})`);
    }
    // Rebuild the portal (npx turbo run build --filter=@hub/portal) if this lists an operation.
    expect(missing).toEqual([]);
    for (const op of manifest.operations) expect(op.id).toBe(sha256Hex(op.body));
    expect(new Set(manifest.operations.map((op) => op.name)).size).toBe(manifest.operations.length);
  });
});

describe("a production hub with the portal's manifest registered", () => {
  let hub: ProtectedHub;
  let manifest: { operations: ManifestOperation[] };
  beforeAll(async () => {
    manifest = builtManifest();
    hub = await startProtectedHub({ production: true });
    await registerPortalManifest(hub.db, portalDist);
  });
  afterAll(async () => {
    await hub.close();
  });

  it("runs every operation in the manifest by its hash alone", async () => {
    for (const op of manifest.operations) {
      const res = await hub.post(WCU, byHash(op.id), { "X-Access-Purpose": everydayPurpose(WCU)! });
      // Found and run: any error is about the (missing) variables or the data, never the document.
      expect(codes(res).filter((c) => c?.startsWith("PERSISTED_QUERY")), op.name).toEqual([]);
    }
    const viewer = manifest.operations.find((op) => op.name === "Viewer")!;
    const res = await hub.post(ISVA, byHash(viewer.id), { "X-Access-Purpose": everydayPurpose(ISVA)! });
    expect(res.body.data.viewer).toMatchObject({ name: "Amira Khan", organisation: { name: "Northshire Rape Crisis", __typename: "Organisation" } });
  });

  it("refuses any query text, even the manifest's own, and any hash not in it", async () => {
    const viewer = manifest.operations.find((op) => op.name === "Viewer")!;
    for (const query of ["query Mine { viewer { email roles } }", viewer.body]) {
      const res = await hub.post(ISVA, { query });
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(codes(res)).toEqual(["PERSISTED_QUERY_REQUIRED"]);
    }
    const unknown = await hub.post(ISVA, byHash(sha256Hex("query Mine { viewer { email roles } }")));
    expect(codes(unknown)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
  });

  it("registers again on every start without duplicating anything", async () => {
    const before = await hub.db.prisma.trustedDocument.count();
    const again = await registerPortalManifest(hub.db, portalDist);
    expect(again!.map((r) => r.created)).toEqual(manifest.operations.map(() => false));
    expect(again!.map((r) => r.hash)).toEqual(manifest.operations.map((op) => op.id));
    expect(await hub.db.prisma.trustedDocument.count()).toBe(before);
  });

  describe("refuses a manifest or a database that was tampered with, registering nothing", () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), "hub-manifest-"));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const write = (operations: ManifestOperation[]) =>
      writeFileSync(path.join(dir, PORTAL_MANIFEST), JSON.stringify({ format: "apollo-persisted-query-manifest", version: 1, operations }));

    it("an operation edited after it was hashed", async () => {
      const body = "query Widened {\n  viewer {\n    name\n    __typename\n  }\n}";
      const before = await hub.db.prisma.trustedDocument.count();
      write([
        { id: sha256Hex(body), name: "Widened", type: "query", body },
        { id: sha256Hex(body), name: "Widened2", type: "query", body: body.replace("name", "name email roles") },
      ]);
      await expect(registerPortalManifest(hub.db, dir)).rejects.toThrow(/"Widened2" .* was changed after it was hashed/);
      expect(await hub.db.prisma.trustedDocument.count()).toBe(before);
    });

    it("a stored document whose text no longer matches its hash", async () => {
      const body = "query Stored {\n  viewer {\n    id\n    __typename\n  }\n}";
      write([{ id: sha256Hex(body), name: "Stored", type: "query", body }]);
      await registerPortalManifest(hub.db, dir);
      await hub.db.prisma.trustedDocument.update({ where: { hash: sha256Hex(body) }, data: { document: "query Stored { viewer { email } }" } });
      await expect(registerPortalManifest(hub.db, dir)).rejects.toThrow(/does not match its hash/);
    });

    it("a built portal without its manifest; no portal at all is fine (an API-only hub)", async () => {
      rmSync(path.join(dir, PORTAL_MANIFEST));
      expect(await registerPortalManifest(hub.db, dir)).toBeNull();
      writeFileSync(path.join(dir, "index.html"), "<!doctype html>");
      await expect(registerPortalManifest(hub.db, dir)).rejects.toThrow(/built without trusted-documents.json/);
    });
  });
});

describe("what the portal is told at start (GET /portal-config.json)", () => {
  it("names the hub's embedded provider in the demo, with the client it registers", () => {
    const config = portalConfigFor(readConfig({ PUBLIC_URL: "http://localhost:4000" }));
    expect(config).toEqual({
      oidc: { issuer: "http://localhost:4000", discoveryUrl: "/.well-known/openid-configuration", clientId: PORTAL_CLIENT_ID, scope: "openid profile email" },
      trustedDocuments: false,
    });
    expect(connectSourcesOf(config)).toEqual([]);
  });

  it("names the partnership's provider from the same settings that verify its tokens", () => {
    const config = portalConfigFor(
      readConfig({
        OIDC_ISSUER: "https://login.partnership.example.org/realms/hub/",
        OIDC_JWKS_URL: "https://login.partnership.example.org/realms/hub/certs",
        OIDC_PORTAL_CLIENT_ID: "victims-hub-portal",
        OIDC_PORTAL_SCOPE: "openid  profile victims-hub",
      }),
    );
    expect(config.oidc).toEqual({
      issuer: "https://login.partnership.example.org/realms/hub/",
      discoveryUrl: "https://login.partnership.example.org/realms/hub/.well-known/openid-configuration",
      clientId: "victims-hub-portal",
      scope: "openid profile victims-hub",
    });
    expect(connectSourcesOf(config)).toEqual(["https://login.partnership.example.org"]);
  });

  // Production needs PostgreSQL (HUB_ENV=production requires DATABASE_URL).
  describe.skipIf(testEngine() === "pglite")("from a production hub started as in a deployment", () => {
    const SECRET = "s3cret-db-password";
    let db: TestDatabase;
    let jwksServer: Server;
    let running: RunningHub | undefined;
    let env: Record<string, string>;
    const issuer = createTestIssuer("https://login.partnership.example.org/realms/hub");

    beforeAll(async () => {
      db = await createTestDatabase();
      const { jwks } = await issuer;
      jwksServer = createServer((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(jwks)));
      await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
      const url = new URL(db.url!);
      url.password = SECRET; // local connections are trusted: the password is only a canary here
      env = {
        HUB_ENV: "production",
        DATABASE_URL: url.href,
        PUBLIC_URL: "https://hub.partnership.example.org",
        PORT: "0",
        OIDC_ISSUER: (await issuer).issuer,
        OIDC_JWKS_URL: `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/certs`,
        OIDC_PORTAL_CLIENT_ID: "victims-hub-portal",
        HUB_SEED_DEMO: "yes",
        LOG_LEVEL: "silent",
        PORTAL_DIST: portalDist,
      };
    });
    afterAll(async () => {
      await running?.close();
      jwksServer.closeAllConnections();
      await new Promise((resolve) => jwksServer.close(resolve));
      await db.close();
    });

    const start = async () => {
      await running?.close();
      running = await startHub(readConfig(env), undefined, { jobIntervalSeconds: 3600 });
      return running;
    };

    it("registers the portal's manifest at every start, once, and runs it by hash", async () => {
      const manifest = builtManifest();
      await start();
      const count = await db.prisma.trustedDocument.count();
      expect(count).toBe(manifest.operations.length);
      const hub = await start(); // a restart or a re-deploy of the same portal
      expect(await db.prisma.trustedDocument.count()).toBe(count);

      const token = await (await issuer).tokenFor(DEMO_USERS.find((u) => u.email === ISVA)!.oidcSubject);
      const post = (body: unknown) =>
        fetch(`${hub.url}/graphql`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "X-Access-Purpose": everydayPurpose(ISVA)! },
          body: JSON.stringify(body),
        }).then((r) => r.json() as Promise<any>);
      const viewer = manifest.operations.find((op) => op.name === "Viewer")!;
      expect((await post(byHash(viewer.id))).data.viewer.name).toBe("Amira Khan");
      expect((await post({ query: "query Mine { viewer { email } }" })).errors[0].extensions.code).toBe("PERSISTED_QUERY_REQUIRED");
    });

    it("the portal's own Apollo client sends every operation in its source by hash alone, and the hub runs them", async () => {
      const hub = running ?? (await start());
      const ids = new Map(builtManifest().operations.map((op) => [op.name, op.id]));
      const sent: Record<string, any>[] = [];
      const realFetch = globalThis.fetch;
      // The portal fetches same-origin paths (/portal-config.json, /trusted-documents.json, /graphql).
      globalThis.fetch = (input, init) => {
        const url = new URL(String(input), hub.url);
        if (url.pathname === "/graphql") sent.push(JSON.parse(String(init?.body)));
        return realFetch(url, init);
      };
      try {
        const portal = await import("../apps/portal/src/app/apollo.js");
        portal.setAccessToken(await (await issuer).tokenFor(DEMO_USERS.find((u) => u.email === ISVA)!.oidcSubject));
        portal.setAccessPurpose("SUPPORT_AND_ADVOCACY");
        for (const { operation } of operationsInPortalSource()) {
          const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation] };
          const result =
            operation.operation === "mutation"
              ? await portal.client.mutate({ mutation: document, errorPolicy: "all" })
              : await portal.client.query({ query: document, errorPolicy: "all", fetchPolicy: "no-cache" });
          const request = sent.at(-1)!;
          expect(request.query, operation.name!.value).toBeUndefined();
          expect(request.extensions.persistedQuery.sha256Hash).toBe(ids.get(operation.name!.value));
          const problems = (result.error as { errors?: { extensions?: { code?: string } }[] } | undefined)?.errors ?? [];
          expect(problems.map((e) => e.extensions?.code).filter((c) => c?.startsWith("PERSISTED_QUERY"))).toEqual([]);
        }
        const viewer = await portal.client.query({ query: ViewerDocument, fetchPolicy: "no-cache" });
        expect(viewer.data?.viewer.name).toBe("Amira Khan");
      } finally {
        globalThis.fetch = realFetch;
      }
    });

    it("advertises the partnership's provider and trusted documents, and no secret", async () => {
      const hub = running ?? (await start());
      const res = await fetch(`${hub.url}/portal-config.json`);
      expect(res.headers.get("content-type")).toContain("application/json");
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        oidc: {
          issuer: "https://login.partnership.example.org/realms/hub",
          discoveryUrl: "https://login.partnership.example.org/realms/hub/.well-known/openid-configuration",
          clientId: "victims-hub-portal",
          scope: "openid profile email",
        },
        trustedDocuments: true,
      });
      for (const secret of [SECRET, env.DATABASE_URL!, env.OIDC_JWKS_URL!, "127.0.0.1"]) expect(text).not.toContain(secret);
      // The portal's page may fetch discovery and tokens from the provider, and nothing else.
      const page = await fetch(`${hub.url}/`);
      expect(page.headers.get("content-security-policy")).toContain("connect-src 'self' https://login.partnership.example.org");
    });
  });
});
