// Idempotency-Key for GraphQL mutations. WCU case systems retry over unreliable links, so a
// mutation sent twice with the same key must run once: the retry gets the first answer
// (same status, byte-identical body) instead of writing again. Keys belong to the caller's
// organisation, so two organisations can never see or block each other's answers.
//
// The steps, each against the IdempotencyRecord row (organisationId, key):
//   1. claim the key (INSERT ... ON CONFLICT DO NOTHING of a row with status null);
//   2. whoever claimed it runs the request and stores status and body (or, after a server
//      error, deletes the claim so a retry can run);
//   3. everyone else compares payload hashes: another payload is a 422, a stored answer is
//      replayed, a running claim is waited for (then 409 with Retry-After).
// Stored bodies can hold victim data: they are never logged (identifiers and hashes only).
import type { Logger } from "@hub/config";
import { describeError } from "@hub/config";
import { PURPOSE_HEADER } from "@hub/core";
import type { Database } from "@hub/db";
import type { Actor } from "@hub/policy";
import { getOperationAST, Kind, OperationTypeNode, parse } from "graphql";
import { DEFAULT_MAX_BODY_BYTES } from "./body-limit.js";
import { errorResponse } from "./responses.js";
import { createTrustedDocumentStore, sha256Hex } from "./trusted-documents.js";

export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";
/** How long an answer is kept (and a key stays bound to its payload). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Mutations whose answer carries a secret shown once: never stored, so never run under a key. */
const SHOWN_ONCE = new Set(["createProvisioningClient"]);

/** 1 to 200 printable ASCII characters. */
const KEY = /^[\x20-\x7e]{1,200}$/;

export interface IdempotencyOptions {
  db: Database;
  logger: Logger;
  /** The same limit Yoga's body parser applies (default 1 MiB). */
  maxBodyBytes?: number;
  /** How long a duplicate waits for the first request to finish. Default 10 s. */
  waitMs?: number;
  /** How often a waiting duplicate looks again. Default 50 ms. */
  pollMs?: number;
  /** A claim still running after this long is abandoned (its process died). Default 5 minutes. */
  abandonedAfterMs?: number;
}

export interface IdempotentHandlers {
  /** Runs the request for real (Yoga, then the audit flush). Gets a copy of the request, body included. */
  execute(request: Request): Promise<Response>;
  /** A stored answer is about to be sent again; keyHash is the sha256 of the key, for the audit log. */
  replay(stored: Response, keyHash: string): Promise<Response>;
}

export interface Idempotency {
  run(request: Request, actor: Actor, handlers: IdempotentHandlers): Promise<Response>;
}

export function createIdempotency(options: IdempotencyOptions): Idempotency {
  const { db, logger } = options;
  const { maxBodyBytes = DEFAULT_MAX_BODY_BYTES, waitMs = 10_000, pollMs = 50, abandonedAfterMs = 5 * 60_000 } = options;
  const prisma = db.prisma;
  // Persisted operations arrive without their text; it is needed to tell a mutation apart.
  const trustedDocuments = createTrustedDocumentStore(db);

  return {
    async run(request, actor, handlers) {
      const key = request.headers.get(IDEMPOTENCY_KEY_HEADER);
      // No key, or a GET (Yoga refuses mutations over GET): the body is left untouched.
      if (key === null || request.method !== "POST") return handlers.execute(request);

      // A body can be read once. Read it here, under the parser's own limit, and give Yoga a
      // copy: an over-limit body is handed on as read so far and Yoga answers its usual 413.
      const bytes = await readCapped(request, maxBodyBytes);
      const forYoga = withBody(request, bytes);
      if (bytes.byteLength > maxBodyBytes) return handlers.execute(forYoga);
      const operation = await readOperation(bytes, trustedDocuments);
      // Queries (and bodies Yoga will refuse anyway) ignore the header.
      if (!operation?.mutation) return handlers.execute(forYoga);

      if (!KEY.test(key)) return errorResponse(400, "The Idempotency-Key header must be 1 to 200 printable ASCII characters.", "IDEMPOTENCY_KEY_INVALID");
      // An answer that shows a secret once (a provisioning token) must never be kept to replay.
      if (operation.fields.some((f) => SHOWN_ONCE.has(f))) {
        return errorResponse(400, "This request shows a secret once, so it cannot be repeated safely: send it without an Idempotency-Key.", "IDEMPOTENCY_KEY_NOT_ALLOWED");
      }
      const contentType = jsonMediaTypeFor(request);
      if (!contentType) return errorResponse(406, "Requests with an Idempotency-Key are answered as JSON: accept application/json.", "NOT_ACCEPTABLE");

      // The payload: what the request asks for, and why (the purpose changes what it may do).
      const requestHash = sha256Hex(
        canonicalJson({ query: operation.text, operationName: operation.operationName, variables: operation.variables, purpose: request.headers.get(PURPOSE_HEADER) }),
      );
      const organisationId = actor.organisationId;
      const keyHash = sha256Hex(key);
      const ids = { organisationId, keyHash };

      const deadline = Date.now() + waitMs;
      for (;;) {
        const claimedAt = await claim(organisationId, key, requestHash);
        if (claimedAt) return executeAndStore(forYoga, { organisationId, key, claimedAt }, ids, handlers);
        const row = await prisma.idempotencyRecord.findUnique({
          where: { organisationId_key: { organisationId, key } },
          select: { requestHash: true, status: true, responseBody: true },
        });
        if (row && row.requestHash !== requestHash) {
          logger.info(ids, "Idempotency-Key reused for a different request; refused");
          return errorResponse(422, "This Idempotency-Key was already used for a different request. Use a new key for a new request.", "IDEMPOTENCY_KEY_REUSED");
        }
        if (row && row.status !== null) {
          logger.info(ids, "idempotent replay of a stored answer");
          return handlers.replay(
            new Response(row.responseBody, { status: row.status, headers: { "Content-Type": contentType, "Idempotent-Replayed": "true" } }),
            keyHash,
          );
        }
        // No row: released after a server error (or purged) since our claim failed. Claim again.
        if (!row) continue;
        // Still running elsewhere: wait for its answer, up to waitMs.
        if (Date.now() >= deadline) {
          logger.warn(ids, "idempotent request still running after the wait; answered 409");
          return errorResponse(409, "A request with this Idempotency-Key is still being processed. Try again shortly with the same key.", "IDEMPOTENCY_KEY_IN_PROGRESS", {
            "Retry-After": "2",
          });
        }
        await sleep(pollMs);
      }
    },
  };

  /**
   * When this request now owns the key (a fresh claim, or the takeover of a dead one), the
   * claim's time, which identifies it: a late finisher never touches a takeover's claim.
   */
  async function claim(organisationId: string, key: string, requestHash: string): Promise<string | null> {
    const now = Date.now();
    const claimedAt = new Date(now).toISOString();
    const inserted = await prisma.$executeRaw`
      INSERT INTO "IdempotencyRecord" ("organisationId", key, "requestHash", "createdAt")
      VALUES (${organisationId}::uuid, ${key}, ${requestHash}, ${claimedAt}::timestamptz)
      ON CONFLICT DO NOTHING`;
    if (inserted === 1) return claimedAt;
    // One statement, so only one of several racing requests can win the takeover. A claim
    // still running after abandonedAfterMs belongs to a process that died: the same request
    // may run again. A record past its retention is gone for any request, purged or not.
    const taken = await prisma.$executeRaw`
      UPDATE "IdempotencyRecord"
      SET "requestHash" = ${requestHash}, status = NULL, "responseBody" = NULL, "completedAt" = NULL, "createdAt" = ${claimedAt}::timestamptz
      WHERE "organisationId" = ${organisationId}::uuid AND key = ${key}
        AND ((status IS NULL AND "requestHash" = ${requestHash} AND "createdAt" < ${new Date(now - abandonedAfterMs).toISOString()}::timestamptz)
          OR "createdAt" < ${new Date(now - IDEMPOTENCY_RETENTION_MS).toISOString()}::timestamptz)`;
    if (taken !== 1) return null;
    logger.warn({ organisationId, keyHash: sha256Hex(key) }, "took over an abandoned or expired Idempotency-Key");
    return claimedAt;
  }

  async function executeAndStore(
    forYoga: Request,
    { organisationId, key, claimedAt }: { organisationId: string; key: string; claimedAt: string },
    ids: { organisationId: string; keyHash: string },
    handlers: IdempotentHandlers,
  ): Promise<Response> {
    // Only our own claim (its time, still running) is released or completed, never a takeover's.
    const release = () =>
      prisma.$executeRaw`
        DELETE FROM "IdempotencyRecord"
        WHERE "organisationId" = ${organisationId}::uuid AND key = ${key} AND "createdAt" = ${claimedAt}::timestamptz AND status IS NULL`.catch((error) => {
        // The claim then looks abandoned after abandonedAfterMs and can be taken over.
        logger.error({ ...ids, error: describeError(error) }, "could not release an idempotency claim");
      });
    let response: Response;
    try {
      response = await handlers.execute(forYoga);
    } catch (error) {
      await release();
      throw error;
    }
    const body = await response.text();
    const answer = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    // A server failure changed nothing worth keeping: let the retry run for real.
    if (isServerFailure(response.status, body)) {
      logger.info({ ...ids, status: response.status }, "idempotent request failed on our side; key released for a retry");
      await release();
      return answer;
    }
    try {
      await prisma.$executeRaw`
        UPDATE "IdempotencyRecord" SET status = ${response.status}, "responseBody" = ${body}, "completedAt" = ${new Date().toISOString()}::timestamptz
        WHERE "organisationId" = ${organisationId}::uuid AND key = ${key} AND "createdAt" = ${claimedAt}::timestamptz AND status IS NULL`;
    } catch (error) {
      // The request has run: the caller still gets its answer. Duplicates wait, then get 409
      // until the claim counts as abandoned.
      logger.error({ ...ids, error: describeError(error) }, "could not store an idempotent answer");
    }
    return answer;
  }
}

/** Deletes records past their 24 hours (the jobs runner schedules it). Returns how many went. */
export async function purgeExpiredIdempotencyRecords(db: Pick<Database, "prisma">, now: Date = new Date()): Promise<number> {
  const { count } = await db.prisma.idempotencyRecord.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS) } } });
  return count;
}

/**
 * A 5xx, or a GraphQL answer carrying the hub's masked unexpected error ("Nothing was changed.
 * Please try again", sent with status 200): replaying either would keep a retry failing.
 */
function isServerFailure(status: number, body: string): boolean {
  if (status >= 500) return true;
  if (!body.includes('"INTERNAL_SERVER_ERROR"')) return false;
  try {
    const errors = (JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] }).errors;
    return Array.isArray(errors) && errors.some((e) => e?.extensions?.code === "INTERNAL_SERVER_ERROR");
  } catch {
    return false;
  }
}

interface Operation {
  mutation: boolean;
  /** The root fields it selects (e.g. openCase). */
  fields: string[];
  text: string;
  operationName: unknown;
  variables: unknown;
}

/** The operation a JSON body asks for, the way Yoga will see it; null when Yoga will refuse the body. */
async function readOperation(bytes: Uint8Array, trustedDocuments: { get(hash: string): Promise<string | null> }): Promise<Operation | null> {
  let params: Record<string, unknown>;
  try {
    params = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (params === null || typeof params !== "object" || Array.isArray(params)) return null;
  // As the persisted-operations plugin does: text when sent, else the registered document.
  let text = typeof params.query === "string" && params.query ? params.query : null;
  if (text === null) {
    const id = persistedOperationId(params);
    text = id ? await trustedDocuments.get(id) : null;
  }
  if (text === null) return null;
  const operationName = params.operationName ?? null;
  let mutation = false;
  let fields: string[] = [];
  try {
    const operation = getOperationAST(parse(text), typeof operationName === "string" ? operationName : undefined);
    mutation = operation?.operation === OperationTypeNode.MUTATION;
    fields = (operation?.selectionSet.selections ?? []).flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
  } catch {
    return null; // a syntax error: Yoga answers it
  }
  return { mutation, fields, text, operationName, variables: params.variables ?? null };
}

/** The Apollo APQ hash or a GraphQL-over-HTTP documentId (trusted-documents.ts reads the same). */
function persistedOperationId(params: Record<string, unknown>): string | null {
  const persisted = (params.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined)?.persistedQuery;
  if (persisted?.version === 1 && typeof persisted.sha256Hash === "string") return persisted.sha256Hash.toLowerCase();
  return typeof params.documentId === "string" ? params.documentId.replace(/^sha256:/, "").toLowerCase() : null;
}

/**
 * The JSON media type Yoga answers this request with (the first acceptable one listed;
 * a wildcard gets application/json), so a replay is labelled as the original was. Null when
 * the client accepts no JSON at all (a stream cannot be replayed).
 */
function jsonMediaTypeFor(request: Request): string | null {
  const accepted = (request.headers.get("accept") || "*/*").replace(/\s/g, "").toLowerCase().split(",");
  for (const entry of accepted) {
    const [type = "", ...params] = entry.split(";");
    if (params.some((p) => p.startsWith("charset=") && p !== "charset=utf-8")) continue;
    if (type === "application/graphql-response+json") return "application/graphql-response+json; charset=utf-8";
    if (type === "application/json" || type === "application/*" || type === "*/*") return "application/json; charset=utf-8";
  }
  return null;
}

/** Sorted keys at every level, so {"a":1,"b":2} and {"b":2,"a":1} are the same payload. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Reads at most maxBytes + 1 bytes: enough to know the body is over the limit. */
async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      break;
    }
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** The same request with its body already read; the length is the copy's own. */
function withBody(request: Request, bytes: Uint8Array<ArrayBuffer>): Request {
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  return new Request(request.url, { method: request.method, headers, body: bytes, signal: request.signal });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
