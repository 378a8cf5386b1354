// A refusal in SCIM's own terms (RFC 7644 §3.12): the HTTP status, SCIM's scimType and a
// detail an identity provider's administrator can act on. The detail never repeats a value
// the client sent: those values are people's names and addresses.
export type ScimType = "invalidFilter" | "tooMany" | "uniqueness" | "mutability" | "invalidSyntax" | "invalidPath" | "noTarget" | "invalidValue" | "invalidVers" | "sensitive";

export class ScimError extends Error {
  override name = "ScimError";
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }
}

export const invalidSyntax = (detail: string) => new ScimError(400, detail, "invalidSyntax");
export const invalidValue = (detail: string) => new ScimError(400, detail, "invalidValue");
export const invalidFilter = (detail: string) => new ScimError(400, detail, "invalidFilter");
export const notFound = (resource: "User" | "Group") =>
  new ScimError(404, resource === "User" ? "No user provisioned by this client has that id." : "No group of this client has that id.");
export const uniqueness = (detail: string) => new ScimError(409, detail, "uniqueness");
