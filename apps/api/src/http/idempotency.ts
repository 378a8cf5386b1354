// Idempotency-Key for GraphQL mutations. WCU case systems retry over unreliable links, so a
// mutation sent twice with the same key must run once: the retry gets the first answer
// (same status, byte-identical body) instead of writing again. Keys belong to one user in one
// organisation, so nobody can see or block anyone else's answers.
//
// One transaction does it all: it claims the key (an IdempotencyRecord row, not yet committed),
// runs the mutation inside it (the domain's own transactions become savepoints: see
// @hub/db clientWithin), writes its audit entries, stores the answer, and commits. So a key is
// either done, with its answer, or free: a hub that dies part-way leaves nothing, and the retry
// runs once; a retry after the commit replays. A duplicate arriving meanwhile waits on the
// claim's row lock, then replays the answer; another payload under the same key is a 422. A
// server failure (5xx, or the masked unexpected error) rolls everything back, key included.
//
// Answers can hold victim data, so none is readable at rest: the record keeps the key's
// SHA-256, never the key, and the answer sealed with AES-256-GCM under a key derived (HKDF)
// from the Idempotency-Key itself, which only the client holds; a copy of the database alone
// cannot open it. The record also names the cases and victims the request touched, taken from
// the audit entries it wrote in the same transaction. Before a replay the policy is asked
// again, under the caller's ability now: if they can no longer see one of those, the retry is
// answered as the hub answers any case they may not see (not found), and nothing is sent.
// Nothing here is ever logged but identifiers and hashes.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { Logger } from "@hub/config";
import { NotFoundError, observingAuditWrites, PURPOSE_HEADER } from "@hub/core";
import { clientWithin, type Database, type PrismaClient } from "@hub/db";
import type { Actor } from "@hub/policy";
import { getOperationAST, Kind, OperationTypeNode, parse } from "graphql";
import { DEFAULT_MAX_BODY_BYTES } from "./body-limit.js";
import { DEFAULT_QUERY_LIMITS } from "./query-limits.js";
import { MAX_NESTING } from "./request-guards.js";
import { errorResponse } from "./responses.js";
import { createTrustedDocumentStore, sha256Hex, type TrustedDocumentStore } from "./trusted-documents.js";

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
  /** The same document length limit Yoga applies: a longer query is not parsed here, and Yoga refuses it. */
  maxDocumentLength?: number;
  /** How long a duplicate may wait for the database to let it start (PGlite runs one transaction at a time). Default 10 s. */
  waitMs?: number;
  /** The longest a keyed mutation may run (a 5,000-update batch included). Default 120 s. */
  transactionTimeoutMs?: number;
  /** The hub's one store of trusted documents (shared, so a document read here is not read again inside the transaction). */
  trustedDocuments?: TrustedDocumentStore;
  /** Test hooks: a fault test stops the process at these moments. */
  faults?: { beforeCommit?: () => Promise<void>; afterCommit?: () => Promise<void> };
}

/** Where a keyed mutation runs: the open transaction, and what to do once it has committed. */
export interface RunWithin {
  prisma: PrismaClient;
  onCommit(hook: () => void): void;
}

/** What a stored answer is about: the cases, and the victims named without a case, its request touched. */
export interface AnswerConcerns {
  caseIds: string[];
  victimIds: string[];
}

export interface IdempotentHandlers {
  /** Runs the request for real (Yoga, then the audit flush), inside `within` when given. Gets a copy of the request, body included. */
  execute(request: Request, within?: RunWithin): Promise<Response>;
  /** Whether the caller, under their ability now, may still see every case and victim a stored answer concerns. */
  maySee(concerns: AnswerConcerns): Promise<boolean>;
  /** A stored answer is about to be sent again; keyHash is the sha256 of the key, for the audit log. */
  replay(stored: Response, keyHash: string, concerns: AnswerConcerns): Promise<Response>;
  /** A stored answer is withheld (the caller lost sight of what it concerns) and `refusal` sent instead. */
  withhold(refusal: Response, keyHash: string, concerns: AnswerConcerns): Promise<Response>;
}

export interface Idempotency {
  run(request: Request, actor: Actor, handlers: IdempotentHandlers): Promise<Response>;
}

interface Answer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

/** Thrown out of the transaction to undo everything (a server failure): the key stays free. */
class Undo extends Error {
  constructor(readonly answer: Answer) {
    super("undo");
  }
}

const toResponse = (a: Answer) => new Response(a.body, { status: a.status, statusText: a.statusText, headers: a.headers });

/** What the hub answers for a case the caller may not see: a withheld replay says no more. */
const notFound = (contentType: string) =>
  new Response(JSON.stringify({ errors: [{ message: new NotFoundError("case").message, extensions: { code: "NOT_FOUND" } }], data: null }), {
    status: 200,
    headers: { "Content-Type": contentType },
  });

export function createIdempotency(options: IdempotencyOptions): Idempotency {
  const { db, logger } = options;
  const { maxBodyBytes = DEFAULT_MAX_BODY_BYTES, maxDocumentLength = DEFAULT_QUERY_LIMITS.maxDocumentLength, waitMs = 10_000, transactionTimeoutMs = 120_000 } = options;
  const prisma = db.prisma;
  // Persisted operations arrive without their text; it is needed to tell a mutation apart.
  const trustedDocuments = options.trustedDocuments ?? createTrustedDocumentStore(db);

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
      const operation = await readOperation(bytes, trustedDocuments, maxDocumentLength);
      // Queries (and bodies Yoga will refuse anyway, nested past all reason among them) ignore the header.
      if (!operation?.mutation || nestedDeeperThan(operation.variables, MAX_NESTING)) return handlers.execute(forYoga);

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
      const { organisationId, userId } = actor;
      const keyHash = sha256Hex(key);
      const ids = { organisationId, userId, keyHash };
      const secret = answerKey(key, organisationId, userId);

      for (let attempt = 0; attempt < 3; attempt++) {
        const hooks: (() => void)[] = [];
        let outcome: { kind: "done"; answer: Answer } | { kind: "taken" };
        try {
          outcome = await prisma.$transaction(
            async (tx) => {
              // Past its retention a key is free again, whatever it was used for.
              await tx.$executeRaw`
                DELETE FROM "IdempotencyRecord"
                WHERE "organisationId" = ${organisationId}::uuid AND "userId" = ${userId}::uuid AND key = ${keyHash} AND "createdAt" < ${new Date(Date.now() - IDEMPOTENCY_RETENTION_MS).toISOString()}::timestamptz`;
              // Waits here (up to waitMs) while another request holds the same key, then finds its row.
              await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(waitMs))}`);
              const claimed = await tx.$executeRaw`
                INSERT INTO "IdempotencyRecord" ("organisationId", "userId", key, "requestHash", "createdAt")
                VALUES (${organisationId}::uuid, ${userId}::uuid, ${keyHash}, ${requestHash}, now())
                ON CONFLICT DO NOTHING`;
              if (claimed !== 1) return { kind: "taken" } as const;
              await tx.$executeRawUnsafe("SET LOCAL lock_timeout = 0");
              await tx.$executeRawUnsafe("SAVEPOINT hub_idempotent_request");
              // Every audit entry the request writes passes here: they say what it touched.
              const touched = { cases: new Set<string>(), victims: new Set<string>() };
              const observed = observingAuditWrites(tx, (entries) => {
                for (const e of entries) {
                  // A refusal discloses nothing of the case it names (its answer is "not found").
                  if (e.action === "DENIED") continue;
                  if (e.caseId) touched.cases.add(e.caseId);
                  else if (e.victimId) touched.victims.add(e.victimId);
                }
              });
              const response = await handlers.execute(forYoga, { prisma: clientWithin(observed), onCommit: (hook) => hooks.push(hook) });
              const answer: Answer = { status: response.status, statusText: response.statusText, headers: [...response.headers], body: await response.text() };
              // A server failure changed nothing worth keeping: undo it all and let the retry run for real.
              if (isServerFailure(answer.status, answer.body)) throw new Undo(answer);
              await settleRequest(tx);
              const concerns: AnswerConcerns = { caseIds: [...touched.cases].sort(), victimIds: [...touched.victims].sort() };
              const sealed = seal(secret, answer.body, sealedFor(ids, requestHash, answer.status, concerns));
              await tx.$executeRaw`
                UPDATE "IdempotencyRecord" SET status = ${answer.status}, "responseBody" = ${sealed}, "caseIds" = ${concerns.caseIds}::text[], "victimIds" = ${concerns.victimIds}::text[], "completedAt" = now()
                WHERE "organisationId" = ${organisationId}::uuid AND "userId" = ${userId}::uuid AND key = ${keyHash}`;
              await options.faults?.beforeCommit?.();
              return { kind: "done", answer } as const;
            },
            { maxWait: waitMs, timeout: transactionTimeoutMs },
          );
        } catch (error) {
          if (error instanceof Undo) {
            logger.info({ ...ids, status: error.answer.status }, "idempotent request failed on our side; nothing kept, the key is free for a retry");
            return toResponse(error.answer);
          }
          if (couldNotStart(error)) {
            logger.warn(ids, "idempotent request waited too long for the database; answered 409");
            return errorResponse(409, "A request with this Idempotency-Key is still being processed. Try again shortly with the same key.", "IDEMPOTENCY_KEY_IN_PROGRESS", { "Retry-After": "2" });
          }
          throw error;
        }
        if (outcome.kind === "done") {
          await options.faults?.afterCommit?.();
          for (const hook of hooks) hook();
          return toResponse(outcome.answer);
        }
        const row = await prisma.idempotencyRecord.findUnique({
          where: { organisationId_userId_key: { organisationId, userId, key: keyHash } },
          select: { requestHash: true, status: true, responseBody: true, caseIds: true, victimIds: true },
        });
        if (!row) continue; // gone past its retention since: claim it again
        if (row.status === null) {
          // Only an older hub (claim and answer in separate commits) leaves a claim without an
          // answer; nothing can be replayed from it. Free it and claim it.
          logger.warn(ids, "an Idempotency-Key claim without an answer, left by an older hub; freed");
          await prisma.idempotencyRecord.deleteMany({ where: { organisationId, userId, key: keyHash, status: null } });
          continue;
        }
        if (row.requestHash !== requestHash) {
          logger.info(ids, "Idempotency-Key reused for a different request; refused");
          return errorResponse(422, "This Idempotency-Key was already used for a different request. Use a new key for a new request.", "IDEMPOTENCY_KEY_REUSED");
        }
        // Asked again now: access ended, consent withdrawn or a role taken away since the first
        // request means the answer is not hers to have any more. The refusal is the hub's usual
        // "not found", so it tells nothing of the case or of the answer kept.
        const concerns: AnswerConcerns = { caseIds: row.caseIds ?? [], victimIds: row.victimIds ?? [] };
        if (!(await handlers.maySee(concerns))) {
          logger.info({ ...ids, cases: concerns.caseIds.length, victims: concerns.victimIds.length }, "idempotent replay withheld: the caller can no longer see what the answer concerns");
          return handlers.withhold(notFound(contentType), keyHash, concerns);
        }
        const body = row.responseBody === null ? null : unseal(secret, row.responseBody, sealedFor(ids, requestHash, row.status, concerns));
        if (body === null) {
          // Not sealed by this hub, or altered. Replaying bytes that fail their check is never
          // safe, and running again could write twice (the request did run): refuse, keep the
          // record (it goes with its 24 hours), and let the client look before sending anew.
          logger.warn(ids, "a stored idempotent answer failed its integrity check; refused, neither replayed nor run again");
          return errorResponse(409, "The answer to the request first sent with this Idempotency-Key cannot be sent again. Check whether the change was made before sending it with a new key.", "IDEMPOTENCY_ANSWER_UNREADABLE");
        }
        logger.info(ids, "idempotent replay of a stored answer");
        return handlers.replay(new Response(body, { status: row.status, headers: { "Content-Type": contentType, "Idempotent-Replayed": "true" } }), keyHash, concerns);
      }
      return errorResponse(409, "A request with this Idempotency-Key is still being processed. Try again shortly with the same key.", "IDEMPOTENCY_KEY_IN_PROGRESS", { "Retry-After": "2" });
    },
  };
}

const SEAL_INFO = "hub idempotency answer v1";
const SEALED_PREFIX = "v1.";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The answer's own key: HKDF-SHA256 of the Idempotency-Key, salted with whose key it is. The
 * hub keeps only the key's SHA-256, so the database alone cannot work this out (a client
 * should send random keys: a guessable key is a guessable seal).
 */
function answerKey(key: string, organisationId: string, userId: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(key, "utf8"), Buffer.from(`${organisationId}/${userId}`, "utf8"), SEAL_INFO, 32));
}

/** What the seal binds the answer to (GCM's additional data): its row, its status and what it concerns, so none can be swapped. */
function sealedFor(ids: { organisationId: string; userId: string; keyHash: string }, requestHash: string, status: number, concerns: AnswerConcerns): Buffer {
  return Buffer.from(JSON.stringify([ids.organisationId, ids.userId, ids.keyHash, requestHash, status, concerns.caseIds, concerns.victimIds]), "utf8");
}

/** "v1." then base64 of IV, tag and ciphertext (AES-256-GCM). */
function seal(secret: Buffer, plain: string, aad: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", secret, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64");
}

/** The answer, or null when it was not sealed so (an older hub's plain record) or fails its check. */
function unseal(secret: Buffer, sealed: string, aad: Buffer): string | null {
  if (!sealed.startsWith(SEALED_PREFIX)) return null;
  const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), "base64");
  if (bytes.byteLength < IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", secret, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    decipher.setAAD(aad);
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * Ends the request's savepoint. A refusal the domain made after a statement failed (a unique
 * index it turned into a typed error) leaves the transaction aborted: roll back to the
 * savepoint then, so the refusal (which wrote nothing) is stored and the key is done.
 */
async function settleRequest(tx: { $executeRawUnsafe(sql: string): Promise<number> }) {
  try {
    await tx.$executeRawUnsafe("RELEASE SAVEPOINT hub_idempotent_request");
  } catch {
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT hub_idempotent_request");
  }
}

/**
 * The request could not have the key in time: Prisma could not begin the transaction (P2028:
 * PGlite runs one at a time), or the claim waited past lock_timeout on a request still running
 * with the same key (PostgreSQL's lock_not_available, 55P03).
 */
function couldNotStart(error: unknown): boolean {
  const e = error as { code?: string; message?: string; meta?: { code?: string }; cause?: { code?: string } };
  if (e?.code === "P2028" && /unable to start a transaction/i.test(String(e.message))) return true;
  return [e?.meta?.code, e?.cause?.code, e?.code].includes("55P03") || /lock timeout|lock_not_available/i.test(String(e?.message));
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
async function readOperation(bytes: Uint8Array, trustedDocuments: { get(hash: string): Promise<string | null> }, maxDocumentLength: number): Promise<Operation | null> {
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
  if (text === null || text.length > maxDocumentLength) return null; // Yoga answers: too long, or unknown
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

/** True when lists or objects nest deeper than `limit` (checked without recursion, so any depth is safe). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth >= limit) return true;
    for (const inner of Array.isArray(item) ? item : Object.values(item)) stack.push([inner, depth + 1]);
  }
  return false;
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

