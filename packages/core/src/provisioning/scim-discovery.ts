// What an identity provider reads to learn what the hub supports (RFC 7644 §4, RFC 7643 §5-7):
// the service provider's configuration, its resource types and the schemas of their
// attributes, describing exactly what the hub keeps.
import { MAX_PAGE_SIZE } from "./scim-list-query.js";
import { MAX_PATCH_OPERATIONS } from "./scim-patch.js";
import { GROUP_SCHEMA, LIST_RESPONSE, USER_SCHEMA } from "./scim-resources.js";

const SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SPC_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: `The token a partnership administrator made for this connection in the hub (it begins "hubscim_"), sent as Authorization: Bearer. At most ${MAX_PATCH_OPERATIONS} operations per PATCH.`,
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

const RESOURCE_TYPES = {
  User: { id: "User", name: "User", endpoint: "/Users", description: "A person who works in the partnership", schema: USER_SCHEMA },
  Group: { id: "Group", name: "Group", endpoint: "/Groups", description: "A group of people; a partnership administrator maps it to an organisation and a role", schema: GROUP_SCHEMA },
} as const;

export function resourceType(baseUrl: string, name: string) {
  const type = Object.values(RESOURCE_TYPES).find((t) => t.id.toLowerCase() === name.toLowerCase());
  return type ? { schemas: [RESOURCE_TYPE_SCHEMA], ...type, meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/${type.id}` } } : null;
}

export const resourceTypes = (baseUrl: string) => listOf(Object.keys(RESOURCE_TYPES).map((name) => resourceType(baseUrl, name)!));

type Characteristics = {
  name: string;
  type: "string" | "boolean" | "complex" | "reference" | "dateTime";
  description: string;
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: "readOnly" | "readWrite" | "immutable" | "writeOnly";
  returned?: "always" | "never" | "default" | "request";
  uniqueness?: "none" | "server" | "global";
  referenceTypes?: string[];
  subAttributes?: Characteristics[];
};

/** Fills in the RFC's defaults, so every attribute states all its characteristics. */
const attribute = (a: Characteristics): Record<string, unknown> => ({
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...a,
  ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attribute) } : {}),
});

const USER_ATTRIBUTES: Characteristics[] = [
  { name: "userName", type: "string", required: true, uniqueness: "server", description: "The person's email address. The hub keeps it lower-cased; it is also their sign-in identifier when no externalId is sent." },
  {
    name: "name",
    type: "complex",
    description: "The person's name. The hub keeps one name: formatted, or givenName and familyName joined, or displayName.",
    subAttributes: [
      { name: "formatted", type: "string", description: "The full name." },
      { name: "givenName", type: "string", description: "Given name." },
      { name: "familyName", type: "string", description: "Family name." },
    ],
  },
  { name: "displayName", type: "string", description: "The name to show; read when name is not sent." },
  {
    name: "emails",
    type: "complex",
    multiValued: true,
    description: "The hub shows the userName as the one work address. A PATCH that changes emails but not userName changes the address.",
    subAttributes: [
      { name: "value", type: "string", description: "Email address." },
      { name: "type", type: "string", description: "Always work." },
      { name: "primary", type: "boolean", description: "Always true." },
    ],
  },
  { name: "active", type: "boolean", description: "False: the person cannot act in the hub from their next request." },
  {
    name: "groups",
    type: "complex",
    multiValued: true,
    mutability: "readOnly",
    description: "The groups of this connection the person is in.",
    subAttributes: [
      { name: "value", type: "string", mutability: "readOnly", description: "The group's id." },
      { name: "$ref", type: "reference", referenceTypes: ["Group"], mutability: "readOnly", description: "The group's address." },
      { name: "display", type: "string", mutability: "readOnly", description: "The group's displayName." },
      { name: "type", type: "string", mutability: "readOnly", description: "Always direct." },
    ],
  },
];

const GROUP_ATTRIBUTES: Characteristics[] = [
  { name: "displayName", type: "string", required: true, uniqueness: "server", description: "The group's name, unique for this connection." },
  {
    name: "members",
    type: "complex",
    multiValued: true,
    description: "Users of this connection; groups cannot contain groups.",
    subAttributes: [
      { name: "value", type: "string", mutability: "immutable", description: "The user's id." },
      { name: "$ref", type: "reference", referenceTypes: ["User"], mutability: "immutable", description: "The user's address." },
      { name: "type", type: "string", mutability: "immutable", description: "Always User." },
    ],
  },
];

const SCHEMAS = [
  { id: USER_SCHEMA, name: "User", description: "A person who works in the partnership", attributes: USER_ATTRIBUTES },
  { id: GROUP_SCHEMA, name: "Group", description: "A group the identity provider manages", attributes: GROUP_ATTRIBUTES },
];

export function schemaDefinition(baseUrl: string, id: string) {
  const schema = SCHEMAS.find((s) => s.id.toLowerCase() === id.toLowerCase());
  return schema
    ? { schemas: [SCHEMA_SCHEMA], ...schema, attributes: schema.attributes.map(attribute), meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${schema.id}` } }
    : null;
}

export const schemaDefinitions = (baseUrl: string) => listOf(SCHEMAS.map((s) => schemaDefinition(baseUrl, s.id)!));

function listOf<T>(resources: T[]) {
  return { schemas: [LIST_RESPONSE], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}
