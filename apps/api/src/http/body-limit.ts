// Request bodies over the limit are refused before anything parses them: Content-Length is
// checked before the token (cheap, so even strangers get 413), and the body itself is
// counted as it streams in, because the declared length is only the client's word.
import { createGraphQLError, type Plugin } from "graphql-yoga";
import { describeBytes, errorResponse } from "./responses.js";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const tooLargeMessage = (maxBytes: number) =>
  `The request is too large. Send at most ${describeBytes(maxBytes)} in one request: split a batch of updates into several requests (about ${typicalUpdatesIn(maxBytes).toLocaleString("en-GB")} typical updates fit in one).`;

/** A typical WCU update (ids, type, two times, a note and what the victim is told) takes about 480 bytes of JSON. */
export const TYPICAL_UPDATE_BYTES = 480;
export const typicalUpdatesIn = (maxBytes: number) => Math.floor(maxBytes / TYPICAL_UPDATE_BYTES / 100) * 100;

/** A 413 Response when the declared length is over the limit, else null. */
export function checkDeclaredLength(request: Request, maxBytes: number): Response | null {
  const declared = request.headers.get("content-length");
  if (declared === null) return null;
  if (!/^\d+$/.test(declared.trim())) return errorResponse(400, "The Content-Length header is not a number.", "BAD_REQUEST");
  return Number(declared) > maxBytes ? errorResponse(413, tooLargeMessage(maxBytes), "PAYLOAD_TOO_LARGE") : null;
}

const badBody = (message: string) => createGraphQLError(message, { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });

async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw createGraphQLError(tooLargeMessage(maxBytes), { extensions: { code: "PAYLOAD_TOO_LARGE", http: { status: 413 } } });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads JSON POST bodies in place of Yoga's own parser, counting bytes as they arrive. Only
 * JSON bodies reach it (request-guards.ts refuses the rest).
 */
export function streamedBodyLimitPlugin(maxBytes: number): Plugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      if (request.method !== "POST") return;
      setRequestParser(async (req) => {
        const bytes = await readCapped(req, maxBytes);
        if (bytes.byteLength === 0) throw badBody("The request has no body. Send the operation as JSON.");
        let body: unknown;
        try {
          body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
        } catch {
          throw badBody("The request body is not valid JSON.");
        }
        if (body === null || typeof body !== "object") throw badBody("The request body must be a JSON object with a query.");
        return body as Record<string, unknown>;
      });
    },
  };
}
