// The HSDS 3.0 JSON Schemas, from the hub's own copy (packages/core/data/hsds-3.0, CC BY-SA
// 4.0, attribution in its README and LICENSE). The compiled schemas are JSON Schema 2020-12
// without a `$schema` key and with extra keywords, hence Ajv's 2020 build, strict off, and
// ajv-formats for `format: uuid`, `email`, `uri` and `date-time`.
import { readFileSync } from "node:fs";
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// Both packages are CommonJS with a default export; under ESM the function is on .default.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule;

export const HSDS_SCHEMA_DIR = new URL("../../data/hsds-3.0/schema/", import.meta.url);

/** The HSDS documents the hub reads or publishes, by the schema file that describes each. */
export const HSDS_SCHEMAS = {
  service: "compiled/service.json",
  serviceList: "compiled/service_list.json",
  serviceAtLocation: "compiled/service_at_location.json",
  serviceAtLocationList: "compiled/service_at_location_list.json",
  taxonomy: "taxonomy.json",
  taxonomyTerm: "taxonomy_term.json",
} as const;
export type HsdsSchemaName = keyof typeof HSDS_SCHEMAS;

let ajv: InstanceType<typeof Ajv2020> | null = null;
const compiled = new Map<HsdsSchemaName, ValidateFunction>();

const readSchema = (file: string) => JSON.parse(readFileSync(new URL(file, HSDS_SCHEMA_DIR), "utf8")) as Record<string, unknown>;

function instance() {
  if (ajv) return ajv;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // taxonomy.json and taxonomy_term.json refer to their neighbours by file name.
  for (const file of ["metadata.json", "taxonomy.json", "taxonomy_term.json"]) ajv.addSchema(readSchema(file), file);
  return ajv;
}

/** A compiled validator for one HSDS document type (compiled on first use: about a second for a full service). */
export function hsdsValidator(name: HsdsSchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    const file = HSDS_SCHEMAS[name];
    const ajvInstance = instance();
    validate = ajvInstance.getSchema(file) ?? ajvInstance.compile(readSchema(file));
    compiled.set(name, validate);
  }
  return validate;
}

/** Ajv's findings as short sentences: where in the record, and what is wrong. */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined, limit = 5): string[] {
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    const where = error.instancePath ? error.instancePath.slice(1).replaceAll("/", ".") : "the record";
    const what = error.keyword === "enum" ? `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}` : error.message;
    seen.add(`${where} ${what}`);
    if (seen.size >= limit) break;
  }
  return [...seen];
}
