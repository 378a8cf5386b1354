// PATCH (RFC 7644 §3.5.2) applied to the resource as the hub shows it; scim-patch does the
// applying. This file makes the shapes identity providers really send fit it: Entra ID's
// capitalised "Replace" and "Remove", paths in any case, path-less values keyed by
// "name.givenName", members removed by value with extra keys, at most this many operations.
import { scimPatch, type ScimPatchOperation, type ScimResource as PatchableResource } from "scim-patch";
import { canonicalPath, canonicalResource, type Vocabulary } from "./scim-attributes.js";
import { invalidSyntax, invalidValue, ScimError } from "./scim-error.js";
import { PATCH_OP, type ScimResource } from "./scim-resources.js";
import { refuseUnsafeKeys, refuseUnsafePath } from "./scim-safe-names.js";

export const MAX_PATCH_OPERATIONS = 1000;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Member items reduced to their value, so removing { value, display } matches { value }. */
function bareMembers(value: unknown): unknown {
  const bare = (item: unknown) => (isObject(item) && "value" in item ? { value: item.value } : item);
  return Array.isArray(value) ? value.map(bare) : bare(value);
}

function readOperation(vocabulary: Vocabulary, raw: unknown, position: number): ScimPatchOperation {
  const where = `Operation ${position + 1}`;
  if (!isObject(raw)) throw invalidSyntax(`${where} is not an object with op, path and value.`);
  const op = typeof raw.op === "string" ? raw.op.toLowerCase() : null;
  if (op !== "add" && op !== "remove" && op !== "replace") throw invalidSyntax(`${where} has an op that is not add, remove or replace.`);
  if (raw.path !== undefined && (typeof raw.path !== "string" || raw.path.length === 0 || raw.path.length > 1000)) throw invalidSyntax(`${where} has a path that is not an attribute path.`);
  if (typeof raw.path === "string") refuseUnsafePath(raw.path);
  refuseUnsafeKeys(raw.value);
  const path = raw.path === undefined ? undefined : canonicalPath(vocabulary, raw.path as string);
  if (op === "remove" && path === undefined) throw new ScimError(400, `${where} removes without a path: say which attribute to remove.`, "noTarget");
  if (op !== "remove" && !("value" in raw)) throw invalidSyntax(`${where} has no value to ${op}.`);
  let value = raw.value;
  if (path === undefined) {
    if (!isObject(value)) throw invalidSyntax(`${where} has no path, so its value must be an object of attributes.`);
    value = canonicalResource(vocabulary, value);
    if ("members" in (value as Record<string, unknown>)) value = { ...(value as object), members: bareMembers((value as Record<string, unknown>).members) };
  } else if (path === "members") {
    value = bareMembers(value);
  }
  return (value === undefined ? { op, path } : { op, path, value }) as ScimPatchOperation;
}

/** The resource after the operations, or a SCIM error naming the operation (never its value). */
export function applyPatch(vocabulary: Vocabulary, resource: ScimResource, body: unknown): ScimResource {
  if (!isObject(body)) throw invalidSyntax("Send a JSON object: a SCIM PatchOp with schemas and Operations.");
  if (!Array.isArray(body.schemas) || !body.schemas.includes(PATCH_OP)) throw invalidSyntax(`The request's schemas must be ["${PATCH_OP}"].`);
  const operations = body.Operations ?? body.operations;
  if (!Array.isArray(operations) || operations.length === 0) throw invalidSyntax("Send at least one operation in Operations.");
  if (operations.length > MAX_PATCH_OPERATIONS) throw new ScimError(400, `Send at most ${MAX_PATCH_OPERATIONS} operations in one request.`, "tooMany");
  let patched = resource;
  operations.forEach((raw, i) => {
    const operation = readOperation(vocabulary, raw, i);
    try {
      patched = scimPatch(patched as unknown as PatchableResource, [operation], { mutateDocument: false, treatMissingAsAdd: true }) as unknown as ScimResource;
    } catch (error) {
      // The library's own messages repeat paths and values: say which operation failed instead.
      if ((error as { scimCode?: string }).scimCode === "noTarget") throw new ScimError(400, `Operation ${i + 1}'s path matches nothing in the resource.`, "noTarget");
      throw invalidValue(`Operation ${i + 1} cannot be applied: check its path and value.`);
    }
  });
  return patched;
}
