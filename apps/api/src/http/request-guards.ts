// Guards on the shape of a GraphQL HTTP request, before Yoga parses it: JSON only, one
// operation per request, a preflighted (non-"simple") request, and no CORS grants.
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { createGraphQLError, type Plugin } from "graphql-yoga";

/** Headers that make a GET "non-simple", so a browser must preflight it cross-site. */
export const PREFLIGHT_HEADERS = ["graphql-require-preflight", "x-graphql-yoga-csrf"];

const JSON_TYPES = ["application/json", "application/graphql+json"];

const refusal = (message: string, code: string, status: number, headers?: Record<string, string>) =>
  createGraphQLError(message, { extensions: { code, http: { status, ...(headers ? { headers } : {}) } } });

/** POST bodies must be JSON: no form, multipart or plain-text parsers to attack. */
export function jsonBodiesOnlyPlugin(): Plugin {
  return {
    onRequestParse({ request }) {
      if (request.method !== "POST") return;
      const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
      if (!JSON_TYPES.includes(type)) {
        throw refusal("Send GraphQL requests as JSON, with the header Content-Type: application/json.", "UNSUPPORTED_MEDIA_TYPE", 415);
      }
    },
  };
}

/**
 * CSRF prevention: a request a browser would send cross-site without a preflight (a GET
 * with no custom header, or a "simple" content type) is refused.
 */
export function csrfPreventionPlugin(): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders: PREFLIGHT_HEADERS }) as Plugin;
  return {
    onRequestParse(payload) {
      try {
        return csrf.onRequestParse?.(payload);
      } catch {
        throw refusal(
          "Send GET requests with the header GraphQL-Require-Preflight: 1, or send a POST with Content-Type: application/json.",
          "CSRF_PREFLIGHT_REQUIRED",
          403,
        );
      }
    },
  };
}

/** One operation per request. Yoga refuses batches by default; this keeps it so if that changes. */
export function noBatchingPlugin(): Plugin {
  return {
    onRequestParse() {
      return {
        onRequestParseDone({ requestParserResult }) {
          if (Array.isArray(requestParserResult)) throw refusal("Send one operation per request, not a list.", "BATCHING_NOT_SUPPORTED", 400);
        },
      };
    },
  };
}

/**
 * The portal is served from the hub's own origin and integrations call it server to
 * server, so no other web origin is ever granted access (Yoga's default CORS reflects any).
 */
export function sameOriginOnlyPlugin(): Plugin {
  return {
    onResponse({ response }) {
      for (const name of [...response.headers.keys()]) if (name.startsWith("access-control-")) response.headers.delete(name);
    },
  };
}
