// Trusted documents (persisted operations): in production the hub runs only operations
// registered in the TrustedDocument table, looked up by the sha256 of their text, so an
// attacker with a stolen token still cannot craft queries of their own.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "@hub/db";
import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import {
  Kind,
  parse,
  print,
  validate,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from "graphql";
import type { GraphQLParams, Plugin } from "graphql-yoga";
import { schema } from "../schema/index.js";
import { DEFAULT_MAX_DOCUMENT_LENGTH, tooLongMessage } from "./query-limits.js";

export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const HASH = /^[0-9a-f]{64}$/;

export interface TrustedDocumentInput {
  name: string;
  document: string;
}

export interface RegisteredDocument {
  name: string;
  hash: string;
  /** False when the same text was already registered (the hash is the same). */
  created: boolean;
}

export class TrustedDocumentError extends Error {
  override name = "TrustedDocumentError";
}

/**
 * Registers documents as trusted; the hash is the sha256 (hex) of each document's text as
 * given. Every document must be within the length limit the endpoint applies, and parse and
 * validate against the hub's schema, or nothing is saved.
 */
export async function registerTrustedDocuments(
  db: Database,
  input: { organisationId?: string | null; createdByUserId?: string | null; documents: TrustedDocumentInput[]; maxDocumentLength?: number },
): Promise<RegisteredDocument[]> {
  const maxLength = input.maxDocumentLength ?? DEFAULT_MAX_DOCUMENT_LENGTH;
  const rows = input.documents.map(({ name, document }) => {
    // Before parsing, as at the endpoint: a registered document is run without that check.
    if (document.length > maxLength) throw new TrustedDocumentError(`The operation "${name}" is not registered. ${tooLongMessage(document.length, maxLength)}`);
    let ast: DocumentNode;
    try {
      ast = parse(document);
    } catch (error) {
      throw new TrustedDocumentError(`The operation "${name}" is not valid GraphQL: ${(error as Error).message}`);
    }
    if (!ast.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)) {
      throw new TrustedDocumentError(`The document "${name}" has no operation in it.`);
    }
    const errors = validate(schema, ast);
    if (errors.length) {
      throw new TrustedDocumentError(`The operation "${name}" does not match the hub's schema: ${errors.map((e) => e.message).join(" ")}`);
    }
    return { hash: sha256Hex(document), name, document, organisationId: input.organisationId ?? null, createdByUserId: input.createdByUserId ?? null };
  });
  const hashes = rows.map((r) => r.hash);
  const stored = await db.prisma.trustedDocument.findMany({ where: { hash: { in: hashes } }, select: { hash: true, document: true } });
  // The hash is of the text, so a stored row with other text under it was changed behind the hub's back.
  const altered = stored.find((r) => r.document !== rows.find((row) => row.hash === r.hash)!.document);
  if (altered) throw new TrustedDocumentError(`The trusted document ${altered.hash} in the database does not match its hash; nothing was registered.`);
  const existing = new Set(stored.map((r) => r.hash));
  // One statement, so a run either registers all its new documents or none.
  await db.prisma.trustedDocument.createMany({ data: rows.filter((r) => !existing.has(r.hash)), skipDuplicates: true });
  return rows.map((r) => ({ name: r.name, hash: r.hash, created: !existing.has(r.hash) }));
}

function fragmentsUsedBy(node: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>, used = new Map<string, FragmentDefinitionNode>()) {
  visit(node, {
    FragmentSpread(spread) {
      const fragment = fragments.get(spread.name.value);
      if (!fragment) throw new TrustedDocumentError(`The fragment "${spread.name.value}" is used but not defined in the file.`);
      if (used.has(fragment.name.value)) return;
      used.set(fragment.name.value, fragment);
      fragmentsUsedBy(fragment, fragments, used);
    },
  });
  return used;
}

/** Splits a .graphql file into one document per named operation, each with the fragments it uses. */
export function operationsFromSource(source: string): TrustedDocumentInput[] {
  let ast: DocumentNode;
  try {
    ast = parse(source);
  } catch (error) {
    throw new TrustedDocumentError(`The file is not valid GraphQL: ${(error as Error).message}`);
  }
  const fragments = new Map(ast.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operations = ast.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operations.length) throw new TrustedDocumentError("The file has no operations in it.");
  const seen = new Set<string>();
  return operations.map((operation) => {
    const name = operation.name?.value;
    if (!name) throw new TrustedDocumentError("Give every operation in the file a name (for example: query CaseList { ... }).");
    if (seen.has(name)) throw new TrustedDocumentError(`Two operations in the file are called "${name}".`);
    seen.add(name);
    const used = [...fragmentsUsedBy(operation, fragments).values()];
    return { name, document: print({ kind: Kind.DOCUMENT, definitions: [operation, ...used] }) };
  });
}

export type TrustedDocumentStore = ReturnType<typeof createTrustedDocumentStore>;

/** Looks documents up by hash, remembering answers briefly so hot operations skip the database. */
export function createTrustedDocumentStore(db: Database, options: { ttlMs?: number; missTtlMs?: number; maxEntries?: number } = {}) {
  const { ttlMs = 60_000, missTtlMs = 5_000, maxEntries = 1000 } = options;
  const cache = new Map<string, { document: string | null; until: number }>();
  return {
    async get(hash: string): Promise<string | null> {
      if (!HASH.test(hash)) return null; // not a sha256: no database round trip
      const hit = cache.get(hash);
      if (hit) {
        cache.delete(hash);
        if (hit.until > Date.now()) {
          cache.set(hash, hit); // most recently used last
          return hit.document;
        }
      }
      const row = await db.prisma.trustedDocument.findUnique({ where: { hash }, select: { document: true } });
      const document = row?.document ?? null;
      while (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(hash, { document, until: Date.now() + (document ? ttlMs : missTtlMs) });
      return document;
    },
  };
}

/** The Apollo APQ shape (extensions.persistedQuery.sha256Hash) or a GraphQL-over-HTTP documentId. */
// Only from a POST's JSON body: GraphQL over GET is refused before Yoga runs (apps/api/src/yoga.ts).
function persistedOperationId(params: GraphQLParams): string | null {
  const persisted = (params.extensions as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | undefined)?.persistedQuery;
  if (persisted?.version === 1 && typeof persisted.sha256Hash === "string") return persisted.sha256Hash.toLowerCase();
  const documentId = (params as { documentId?: unknown }).documentId;
  return typeof documentId === "string" ? documentId.replace(/^sha256:/, "").toLowerCase() : null;
}

const HOW = "Send the sha256 hash of a registered operation as extensions.persistedQuery.sha256Hash, or as documentId.";

export function trustedDocumentsPlugin(store: { get(hash: string): Promise<string | null> }, required: boolean): Plugin {
  return usePersistedOperations({
    allowArbitraryOperations: !required,
    extractPersistedOperationId: persistedOperationId,
    getPersistedOperation: (hash) => store.get(hash),
    customErrors: {
      // The code Apollo's persisted-query link looks for, so it can fall back in development.
      notFound: {
        message: "This operation is not registered with the hub. Ask the hub's administrators to register it.",
        extensions: { code: "PERSISTED_QUERY_NOT_FOUND", http: { status: 400 } },
      },
      persistedQueryOnly: {
        message: `This hub runs only registered operations. ${HOW}`,
        extensions: { code: "PERSISTED_QUERY_REQUIRED", http: { status: 400 } },
      },
      keyNotFound: {
        message: required ? `No operation was sent. ${HOW}` : `No operation was sent. Send its text as "query". Or: ${HOW}`,
        extensions: { code: "PERSISTED_QUERY_ID_REQUIRED", http: { status: 400 } },
      },
    },
  }) as Plugin;
}

/** What `npm run hub -- register-operations` does: every operation in a .graphql file, for an organisation if named. */
export async function registerOperationsFile(db: Database, input: { source: string; organisationName?: string; maxDocumentLength?: number }): Promise<RegisteredDocument[]> {
  let organisationId: string | null = null;
  if (input.organisationName) {
    const organisation = await db.prisma.organisation.findUnique({ where: { name: input.organisationName }, select: { id: true } });
    if (!organisation) throw new TrustedDocumentError(`No organisation in the hub is called "${input.organisationName}".`);
    organisationId = organisation.id;
  }
  return registerTrustedDocuments(db, { organisationId, documents: operationsFromSource(input.source), maxDocumentLength: input.maxDocumentLength });
}

/** The portal's build writes this beside index.html: every operation it sends, as Apollo sends it. */
export const PORTAL_MANIFEST = "trusted-documents.json";

interface PersistedQueryManifest {
  format: "apollo-persisted-query-manifest";
  version: 1;
  operations: { id: string; name: string; type: string; body: string }[];
}

function readManifest(file: string): PersistedQueryManifest {
  let manifest: PersistedQueryManifest;
  try {
    manifest = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new TrustedDocumentError(`Cannot read the portal's trusted documents (${file}): ${(error as Error).message}`);
  }
  if (manifest?.format !== "apollo-persisted-query-manifest" || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new TrustedDocumentError(`${file} is not a persisted query manifest (format apollo-persisted-query-manifest, version 1).`);
  }
  for (const op of manifest.operations) {
    // The id is what the portal sends; the hub looks documents up by the sha256 of their text.
    if (typeof op?.body !== "string" || op.id !== sha256Hex(op.body)) {
      throw new TrustedDocumentError(`The operation "${op?.name}" in ${file} was changed after it was hashed; rebuild the portal.`);
    }
  }
  return manifest;
}

/**
 * Registers the operations of the built portal (portalDist/trusted-documents.json), so the
 * portal works on a hub that runs only trusted documents. Safe on every start: documents
 * already there are left alone. Null when no portal is built here (an API-only hub).
 */
export async function registerPortalManifest(db: Database, portalDist: string, maxDocumentLength?: number): Promise<RegisteredDocument[] | null> {
  const file = path.join(portalDist, PORTAL_MANIFEST);
  if (!existsSync(file)) {
    if (!existsSync(path.join(portalDist, "index.html"))) return null;
    throw new TrustedDocumentError(`The portal in ${portalDist} was built without ${PORTAL_MANIFEST}; rebuild it (npm run build).`);
  }
  const { operations } = readManifest(file);
  return registerTrustedDocuments(db, { documents: operations.map(({ name, body }) => ({ name, document: body })), maxDocumentLength });
}
