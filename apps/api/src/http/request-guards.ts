// Guards on the shape of a GraphQL HTTP request, before Yoga parses it: JSON only, one
// operation per request, a preflighted (non-"simple") request, and no CORS grants.
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { isStorableText } from "@hub/core";
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
          "Send GraphQL requests as a POST with Content-Type: application/json.",
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

/** Deeper than this, a list or object is never a real request (and a parser's recursion could overflow on it). */
export const MAX_NESTING = 64;

/** How deeply brackets nest in GraphQL text, outside strings and comments. */
function nestingOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === '"') {
      const block = text.startsWith('"""', i);
      const end = block ? '"""' : '"';
      i += end.length;
      while (i < text.length && !text.startsWith(end, i)) i += text[i] === "\\" && !block ? 2 : 1;
      i += end.length - 1;
    } else if (c === "[" || c === "{" || c === "(") {
      deepest = Math.max(deepest, ++depth);
      if (deepest > MAX_NESTING) return deepest;
    } else if (c === "]" || c === "}" || c === ")") depth--;
  }
  return deepest;
}

/** The path of the first value in `variables` the hub will not take, or null when all are fine. */
function badVariable(value: unknown, path: string, depth = 0): { path: string; why: "deep" | "text" } | null {
  if (depth > MAX_NESTING) return { path, why: "deep" };
  if (typeof value === "string") return isStorableText(value) ? null : { path, why: "text" };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = badVariable(value[i], `${path}.${i}`, depth + 1);
      if (bad) return bad;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      const bad = badVariable(inner, `${path}.${key}`, depth + 1);
      if (bad) return bad;
    }
  }
  return null;
}

/**
 * Text and shapes the hub never takes, refused as typed bad input before anything is parsed:
 * control characters (a null byte PostgreSQL would refuse mid-write) and lone surrogates (half
 * a character, silently replaced otherwise) in any variable or in the document, and lists or
 * objects nested deeper than MAX_NESTING. The answer names the variable's path, never its value.
 */
export function storableInputPlugin(): Plugin {
  return {
    onParams({ params }) {
      const query = typeof params.query === "string" ? params.query : "";
      if (!isStorableText(query)) throw refusal("The request has a character in it that cannot be stored (a control character, or half of one). Type it again.", "BAD_INPUT", 400);
      if (nestingOf(query) > MAX_NESTING) throw refusal(`The request nests lists or objects more than ${MAX_NESTING} levels deep.`, "BAD_INPUT", 400);
      const bad = badVariable(params.variables ?? null, "variables");
      if (!bad) return;
      const field = bad.path.replace(/^variables\./, "");
      throw createGraphQLError(
        bad.why === "deep"
          ? `${field}: nests more than ${MAX_NESTING} levels deep.`
          : `${field}: has a character in it that cannot be stored (a control character, or half of one). Type it again.`,
        { extensions: { code: "BAD_INPUT", field, http: { status: 400 } } },
      );
    },
  };
}
