// The real hub over real HTTP on a fresh database seeded with the demo partnership, with
// tokens signed by a throwaway issuer. Tests speak to it exactly as an integration would.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createHub, createTokenVerifier, type HubOptions } from "@hub/api";
import { createLogger, type Logger } from "@hub/config";
import { DEMO_USERS, seedDemoPartnership } from "@hub/db/seed";
import { createTestDatabase, createTestIssuer, type TestDatabase, type TestIssuer } from "@hub/test-utils";
import { createServerAdapter } from "@whatwg-node/server";
import { Writable } from "node:stream";

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface TestHub extends ServedHub {
  /** Runs an operation as a demo user (email) or with a raw token, stating a purpose (default: the user's everyday one). */
  gql<T = Record<string, any>>(as: string | null, query: string, variables?: Record<string, unknown>, purpose?: string | null): Promise<GraphQLResponse<T>>;
}

export const portalDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../apps/portal/dist");

/** A logger that keeps its lines, so tests can prove what never reaches the logs. */
export function capturingLogger(lines: string[]): Logger {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return createLogger("debug", sink);
}

export interface ServedHub {
  db: TestDatabase;
  url: string;
  issuer: TestIssuer;
  logs: string[];
  tokenFor(email: string): Promise<string>;
  close(): Promise<void>;
}

/** A fresh database (demo partnership seeded unless told not to), a throwaway issuer, the hub on a loopback port. */
export async function serveHub(
  options: { seed?: boolean; production?: boolean; protection?: HubOptions["protection"]; readiness?: HubOptions["readiness"]; trustedProxies?: HubOptions["trustedProxies"] } = {},
): Promise<ServedHub> {
  const db = await createTestDatabase();
  if (options.seed !== false) await seedDemoPartnership(db.prisma);
  const issuer = await createTestIssuer();
  const logs: string[] = [];
  const hub = createHub({
    db,
    logger: capturingLogger(logs),
    production: options.production ?? false,
    portalDist,
    verifyToken: createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, algorithms: ["ES256"], keys: { kind: "local", jwks: issuer.jwks } }),
    protection: options.protection,
    readiness: options.readiness,
    trustedProxies: options.trustedProxies,
  });
  const server = createServer(createServerAdapter(hub.fetch));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    db,
    url,
    issuer,
    logs,
    async tokenFor(email: string) {
      const demo = DEMO_USERS.find((u) => u.email === email);
      const user = demo ? { oidcSubject: demo.oidcSubject } : await db.prisma.user.findUniqueOrThrow({ where: { email } });
      return issuer.tokenFor(user.oidcSubject);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

export async function startTestHub(options: { seed?: boolean } = {}): Promise<TestHub> {
  const served = await serveHub(options);
  const { url, tokenFor } = served;
  return {
    ...served,
    async gql(as, query, variables, purpose) {
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (as) headers.Authorization = `Bearer ${as.includes("@") ? await tokenFor(as) : as}`;
      const stated = purpose === undefined && as?.includes("@") ? everydayPurpose(as) : purpose;
      if (stated) headers["X-Access-Purpose"] = stated;
      const response = await fetch(`${url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: any; errors?: any[] };
      return { status: response.status, headers: response.headers, data: body.data, errors: body.errors };
    },
  };
}

const STATUTORY = ["ns-police", "ns-wcu", "ns-cps"];

/** The purpose a demo user usually works under: Victims' Code duties, or support. */
export function everydayPurpose(email: string): string | null {
  const org = DEMO_USERS.find((u) => u.email === email)?.organisation;
  if (!org) return null;
  if (org === "ns-partnership" || org === "ss-partnership") return "AUDIT";
  return STATUTORY.includes(org) ? (org === "ns-police" ? "LAW_ENFORCEMENT" : "KEEPING_VICTIM_INFORMED") : "SUPPORT_AND_ADVOCACY";
}

export const ISVA = "isva@northshire-rapecrisis.example.org";
export const IDVA = "idva@safesteps-northshire.example.org";
export const WCU = "wcu.officer@northshire-police.example.org";
export const CPS_VLO = "vlo@cps-northshire.example.org";
export const SOUTHSHIRE_ISVA = "isva@southshire-isva.example.org";
export const AUDITOR = "auditor@northshire-partnership.example.org";

/**
 * Audit rows name fields as the data catalogue does: every "Model.field" of a victim-data
 * model is a catalogued field (or "Model.*", all of them); other models are not hers. Answers
 * the names that break the rule, so a test can expect none.
 */
export async function uncataloguedAuditFields(db: TestDatabase): Promise<string[]> {
  const { VICTIM_DATA, NOT_VICTIM_DATA, classOf } = await import("@hub/policy");
  const rows = await db.prisma.auditEvent.findMany({ select: { fields: true } });
  const names = new Set(rows.flatMap((r) => r.fields));
  return [...names].filter((name) => {
    const [model, field, ...rest] = name.split(".");
    if (!model || !field || rest.length) return true;
    if (model in VICTIM_DATA) return field !== "*" && !classOf(model, field);
    return !(model in NOT_VICTIM_DATA);
  });
}
