import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import type { FieldPolicy } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";
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

type CasesConnection = { edges: unknown[] };

// `cases` is one list however many pages we have fetched: "Show more cases"
// appends the next page, while a fresh first page (first load, Retry) replaces it.
const casesPagination: FieldPolicy<CasesConnection> = {
  keyArgs: false,
  merge(existing, incoming, { args }) {
    if (!existing || !args?.after) return incoming;
    return { ...incoming, edges: [...existing.edges, ...incoming.edges] };
  },
};

export const client = new ApolloClient({
  link: ApolloLink.from([sessionEndedLink, authLink, new HttpLink({ uri: "/graphql" })]),
  cache: new InMemoryCache({
    typePolicies: {
      Query: { fields: { cases: casesPagination } },
    },
  }),
});
