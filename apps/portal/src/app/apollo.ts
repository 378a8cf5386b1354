import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import type { FieldPolicy } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { Kind, type DocumentNode } from "graphql";
import { from, mergeMap } from "rxjs";
import { portalConfig } from "../features/session/portalConfig";
import generated from "../generated/possible-types";
import type { AccessPurpose } from "./purpose";

// The access token lives only in this module variable. It is never written to
// localStorage, sessionStorage, cookies or the URL, so it is gone when the tab
// closes and cannot be read back later from a shared computer.
let accessToken: string | null = null;

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

// One listener is enough: the App decides what happens when the server says
// the token is no longer accepted.
let sessionEndedListener: (() => void) | null = null;

export function whenSessionEnds(listener: () => void): () => void {
  sessionEndedListener = listener;
  return () => {
    if (sessionEndedListener === listener) sessionEndedListener = null;
  };
}

// Why this person is working on case data (see purpose.ts). Set once we know who signed
// in; an operation can state another purpose in its context, e.g. { purpose: "SUBJECT_ACCESS" }.
let accessPurpose: AccessPurpose | null = null;

export function setAccessPurpose(purpose: AccessPurpose | null): void {
  accessPurpose = purpose;
}

export const PURPOSE_HEADER = "X-Access-Purpose";

const authLink = new ApolloLink((operation, forward) => {
  const stated = (operation.getContext() as { purpose?: AccessPurpose }).purpose ?? accessPurpose;
  operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
    headers: {
      ...headers,
      ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      ...(stated ? { [PURPOSE_HEADER]: stated } : {}),
    },
  }));
  return forward(operation);
});

// HttpLink puts the fetch Response on the context. We look at the HTTP status
// rather than the error type because a 401 sent as
// application/graphql-response+json arrives as GraphQL errors, not a ServerError.
const sessionEndedLink = new ErrorLink(({ operation }) => {
  const response: unknown = operation.getContext().response;
  if (response instanceof Response && response.status === 401) {
    sessionEndedListener?.();
  }
});

// Trusted documents. A hub in production runs only operations registered from the manifest
// the portal's build writes (dist/trusted-documents.json: every operation in src, as Apollo
// sends it, under the sha256 of its text). There the portal sends only that hash, looked up
// by operation name, and never falls back to sending the text. Elsewhere it sends the text.
let trustedIds: Promise<Map<string, string>> | null = null;

function trustedDocumentIds(): Promise<Map<string, string>> {
  trustedIds ??= fetch("/trusted-documents.json", { headers: { Accept: "application/json" } })
    .then(async (res) => {
      if (!res.ok) throw new Error(`The portal's trusted documents could not be loaded (${res.status}).`);
      const manifest = (await res.json()) as { operations: { id: string; name: string }[] };
      return new Map(manifest.operations.map(({ name, id }) => [name, id]));
    })
    .catch((error: unknown) => {
      trustedIds = null; // try again next time
      throw error;
    });
  return trustedIds;
}

export async function trustedDocumentId(document: DocumentNode): Promise<string> {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const name = operation?.name?.value;
  const id = name ? (await trustedDocumentIds()).get(name) : undefined;
  if (!id) throw new Error(`The operation ${name ?? "(unnamed)"} is not in the portal's trusted documents. Rebuild the portal.`);
  return id;
}

const byHash = new PersistedQueryLink({ generateHash: trustedDocumentId, disable: () => false, retry: () => false });

const trustedDocumentsLink = new ApolloLink((operation, forward) =>
  from(portalConfig()).pipe(mergeMap(({ trustedDocuments }) => (trustedDocuments ? byHash.request(operation, forward) : forward(operation)))),
);

type Connection = { edges: unknown[] };

// A paged list (`cases`, `viewer.notifications`) is one list however many pages we have
// fetched: "Show more" appends the next page, while a fresh first page (first load, Retry,
// polling) replaces it. Lists that differ only in `keyArgs` (e.g. unread only) are kept apart.
function connectionPagination(keyArgs: string[] | false): FieldPolicy<Connection> {
  return {
    keyArgs,
    merge(existing, incoming, { args }) {
      if (!existing || !args?.after) return incoming;
      return { ...incoming, edges: [...existing.edges, ...incoming.edges] };
    },
  };
}

export const client = new ApolloClient({
  link: ApolloLink.from([sessionEndedLink, authLink, trustedDocumentsLink, new HttpLink({ uri: "/graphql" })]),
  cache: new InMemoryCache({
    // Generated from the schema at `generate` time (see codegen.ts): without it the cache
    // cannot tell that a ConflictError is an Error, and `... on Error { message }` reads empty.
    possibleTypes: generated.possibleTypes,
    typePolicies: {
      Query: { fields: { cases: connectionPagination(false) } },
      Viewer: { fields: { notifications: connectionPagination(["unreadOnly"]) } },
    },
  }),
});
