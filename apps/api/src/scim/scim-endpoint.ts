// /scim/v2: the partnership's identity provider provisions people here (SCIM 2.0, RFC 7643 and
// RFC 7644). Every request, discovery documents included, carries a provisioning client's
// bearer token; the client it names decides what the request may see and change, and nothing
// in the request can widen that. The work itself is @hub/core's (provisioning/); this file is
// routing, the token, limits and SCIM's HTTP shapes. Logs carry identifiers only: never a token,
// a filter or a body (they hold people's names and addresses).
import type { Logger } from "@hub/config";
import { describeError } from "@hub/config";
import {
  BadInputError,
  ConflictError,
  createScimGroup,
  createScimUser,
  deleteScimGroup,
  deleteScimUser,
  findProvisioningClient,
  getScimGroup,
  getScimUser,
  listScimGroups,
  listScimUsers,
  NotFoundError,
  patchScimGroup,
  patchScimUser,
  readListQuery,
  replaceScimGroup,
  replaceScimUser,
  resourceType,
  resourceTypes,
  SCIM_SEARCH_REQUEST,
  schemaDefinition,
  schemaDefinitions,
  ScimError,
  serviceProviderConfig,
  type ScimContext,
  type ScimListQuery,
} from "@hub/core";
import type { Database } from "@hub/db";
import { DEFAULT_MAX_BODY_BYTES } from "../http/body-limit.js";
import { createFailedAuthenticationLimiter, createRateLimiter, DEFAULT_FAILED_AUTHENTICATION_LIMIT, type RateLimit } from "../http/rate-limit.js";
import { BodyError, readJsonBody, scimErrorResponse, scimResponse } from "./scim-http.js";

export const SCIM_PREFIX = "/scim/v2";

/** An identity provider's first full sync sends bursts; 50 a second on average per client is ample and still bounds a leaked token. */
export const DEFAULT_SCIM_RATE_LIMIT: RateLimit = { points: 3000, durationSeconds: 60 };

export interface ScimEndpointOptions {
  db: Database;
  logger: Logger;
  /** Default 1 MiB, as for GraphQL. */
  maxBodyBytes?: number;
  /** Requests per provisioning client. */
  rateLimit?: RateLimit;
  /** Requests with a bad token per client address. */
  failedAuthenticationLimit?: RateLimit;
}

const REALM = 'Bearer realm="victims-hub-scim"';

type Route = (ctx: ScimContext, request: Request, id: string | undefined, params: Record<string, unknown>) => Promise<Response>;

const ok = (body: unknown) => scimResponse(200, body);
const created = (resource: Record<string, unknown>) => scimResponse(201, resource, { Location: (resource.meta as { location: string }).location });
const noContent = () => new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
const methodNotAllowed = (allow: string) => scimErrorResponse(405, `This address answers ${allow}.`, undefined, { Allow: allow });

export function createScimEndpoint(options: ScimEndpointOptions): (request: Request, clientAddress?: string | null) => Promise<Response> {
  const { db, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const limited = createRateLimiter("scim", options.rateLimit ?? DEFAULT_SCIM_RATE_LIMIT);
  // Its own counter: a provisioning secret's failures are not a person's failed sign-ins.
  const failedAuthentication = createFailedAuthenticationLimiter(options.failedAuthenticationLimit ?? DEFAULT_FAILED_AUTHENTICATION_LIMIT, "scim-failed-auth");
  const body = (request: Request) => readJsonBody(request, maxBodyBytes);

  /** Users and Groups share one shape of routes; only the core functions differ. */
  function resources(ops: {
    list: (ctx: ScimContext, query: ScimListQuery) => Promise<unknown>;
    get: (ctx: ScimContext, id: string, query: ScimListQuery) => Promise<unknown>;
    create: (ctx: ScimContext, body: unknown) => Promise<Record<string, unknown>>;
    replace: (ctx: ScimContext, id: string, body: unknown) => Promise<unknown>;
    patch: (ctx: ScimContext, id: string, body: unknown) => Promise<unknown>;
    remove: (ctx: ScimContext, id: string) => Promise<void>;
  }): Route {
    return async (ctx, request, id, params) => {
      if (id === undefined) {
        if (request.method === "GET") return ok(await ops.list(ctx, readListQuery(params)));
        if (request.method === "POST") return created(await ops.create(ctx, await body(request)));
        return methodNotAllowed("GET, POST");
      }
      if (id === ".search") {
        if (request.method !== "POST") return methodNotAllowed("POST");
        const search = await body(request);
        if (typeof search !== "object" || search === null || !((search as { schemas?: unknown }).schemas as unknown[] | undefined)?.includes?.(SCIM_SEARCH_REQUEST)) {
          throw new ScimError(400, `A search must be a JSON object whose schemas are ["${SCIM_SEARCH_REQUEST}"].`, "invalidSyntax");
        }
        return ok(await ops.list(ctx, readListQuery(search as Record<string, unknown>)));
      }
      switch (request.method) {
        case "GET":
          return ok(await ops.get(ctx, id, readListQuery(params)));
        case "PUT":
          return ok(await ops.replace(ctx, id, await body(request)));
        case "PATCH":
          return ok(await ops.patch(ctx, id, await body(request)));
        case "DELETE":
          await ops.remove(ctx, id);
          return noContent();
        default:
          return methodNotAllowed("GET, PUT, PATCH, DELETE");
      }
    };
  }

  const discovery = (answer: (baseUrl: string, id: string | undefined) => unknown, what: string): Route => async (ctx, request, id) => {
    if (request.method !== "GET") return methodNotAllowed("GET");
    const document = answer(ctx.baseUrl, id);
    return document ? ok(document) : scimErrorResponse(404, `The hub has no ${what} with that name.`);
  };

  // Endpoint names are matched without regard to case; a Map, so no path can name an Object property.
  const routes = new Map<string, Route>([
    ["users", resources({ list: listScimUsers, get: getScimUser, create: createScimUser, replace: replaceScimUser, patch: patchScimUser, remove: deleteScimUser })],
    ["groups", resources({ list: listScimGroups, get: getScimGroup, create: createScimGroup, replace: replaceScimGroup, patch: patchScimGroup, remove: deleteScimGroup })],
    ["serviceproviderconfig", discovery((base, id) => (id === undefined ? serviceProviderConfig(base) : null), "configuration document")],
    ["resourcetypes", discovery((base, id) => (id === undefined ? resourceTypes(base) : resourceType(base, id)), "resource type")],
    ["schemas", discovery((base, id) => (id === undefined ? schemaDefinitions(base) : schemaDefinition(base, id)), "schema")],
  ]);

  async function authenticate(request: Request, address: string | null): Promise<ScimContext["client"] | Response> {
    if (address) {
      const refused = await failedAuthentication.refusal(address);
      if (refused) return scimErrorResponse(429, "Too many requests with a token that is not valid came from your network. Wait, then try again.", undefined, { "Retry-After": refused.headers.get("Retry-After") ?? "60" });
    }
    const authorization = request.headers.get("authorization");
    if (!authorization) return scimErrorResponse(401, "Send the connection's token as Authorization: Bearer.", undefined, { "WWW-Authenticate": REALM });
    const token = /^Bearer +(\S+)$/i.exec(authorization)?.[1];
    const client = token ? await findProvisioningClient(db.prisma, token) : null;
    if (!client) {
      if (address) await failedAuthentication.recordFailure(address);
      return scimErrorResponse(401, "The token is not valid, or it has been revoked. A partnership administrator can make a new one in the hub.", undefined, {
        "WWW-Authenticate": `${REALM}, error="invalid_token"`,
      });
    }
    return client;
  }

  async function handle(request: Request, address: string | null, url: URL, kind: string | undefined, id: string | undefined, known: boolean, log: { clientId: string | null }): Promise<Response> {
    const client = await authenticate(request, address);
    if (client instanceof Response) return client;
    log.clientId = client.id;
    const wait = await limited(client.id);
    if (wait !== null) {
      return scimErrorResponse(429, `This connection has sent too many requests in a short time. Wait ${wait} seconds, then try again.`, undefined, { "Retry-After": String(wait) });
    }
    if (kind && /^(bulk|me)$/i.test(kind)) return scimErrorResponse(501, "The hub does not support this SCIM endpoint.");
    const route = known && kind ? routes.get(kind.toLowerCase()) : undefined;
    if (!route) return scimErrorResponse(404, "There is no SCIM endpoint at this address. The hub serves Users, Groups, ServiceProviderConfig, ResourceTypes and Schemas.");
    const ctx: ScimContext = { prisma: db.prisma, client: { ...client, clientAddress: address }, baseUrl: `${url.origin}${SCIM_PREFIX}` };
    try {
      return await route(ctx, request, id, Object.fromEntries(url.searchParams));
    } catch (error) {
      const response = refusal(error);
      if (response) return response;
      logger.error({ error: describeError(error), scimClientId: client.id, resource: kind!.toLowerCase() }, "unexpected error handling a SCIM request");
      return scimErrorResponse(500, "Something went wrong on our side. Nothing was changed. Please try again.");
    }
  }

  return async function scim(request, address = null) {
    const url = new URL(request.url);
    const rest = url.pathname.slice(SCIM_PREFIX.length);
    const segments = rest.split("/").filter(Boolean).map(decodeSegment);
    const [kind, id] = segments;
    // /scim/v2/Users/{id} at most; /scim/v2Users or /scim/v2/Users/{id}/more are no endpoint.
    const known = (rest === "" || rest.startsWith("/")) && segments.length <= 2 && !segments.includes(null);
    const log = { clientId: null as string | null };
    const response = await handle(request, address, url, kind ?? undefined, id ?? undefined, known, log);
    if (log.clientId) {
      const resource = known && kind && routes.has(kind.toLowerCase()) ? kind.toLowerCase() : "unknown";
      logger.debug({ scimClientId: log.clientId, method: request.method, resource, status: response.status }, "scim request");
    }
    return response;
  };
}

/** A path segment decoded, or null when it is not valid percent-encoding. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Expected refusals in SCIM's shape; null for anything unexpected. */
function refusal(error: unknown): Response | null {
  if (error instanceof BodyError) return error.response;
  if (error instanceof ScimError) return scimErrorResponse(error.status, error.detail, error.scimType);
  if (error instanceof NotFoundError) return scimErrorResponse(404, error.message);
  if (error instanceof BadInputError) return scimErrorResponse(400, error.message, "invalidValue");
  if (error instanceof ConflictError) return scimErrorResponse(409, error.message, "uniqueness");
  return null;
}
