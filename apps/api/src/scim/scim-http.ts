// SCIM's HTTP shapes (RFC 7644 §3.1, §3.12): application/scim+json bodies, the error message
// schema, and request bodies read under the hub's size limit as they stream in.
import type { ScimType } from "@hub/core";
import { describeBytes } from "../http/responses.js";

export const SCIM_CONTENT_TYPE = "application/scim+json";
const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

// People's names and addresses: no cache may keep them.
const COMMON = { "Content-Type": SCIM_CONTENT_TYPE, "Cache-Control": "no-store" };

export function scimResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...COMMON, ...headers } });
}

export function scimErrorResponse(status: number, detail: string, scimType?: ScimType, headers: Record<string, string> = {}): Response {
  return scimResponse(status, { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail }, headers);
}

/** A refusal while reading the body, already in SCIM's shape. */
export class BodyError extends Error {
  constructor(readonly response: Response) {
    super("unreadable body");
  }
}

const tooLarge = (maxBytes: number) => new BodyError(scimErrorResponse(413, `The request is too large. Send at most ${describeBytes(maxBytes)} in one request.`));
const notJson = () => new BodyError(scimErrorResponse(400, "The request body is not valid JSON.", "invalidSyntax"));

/** The JSON body, counted as it arrives: the declared length is only the client's word. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !/^\d+$/.test(declared.trim())) throw new BodyError(scimErrorResponse(400, "The Content-Length header is not a number.", "invalidSyntax"));
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) throw notJson();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw notJson();
  }
}
