// Reading the open feed (/openreferral) in tests: each document checked against the hub's own
// copy of the HSDS 3.0 JSON Schemas (CC BY-SA 4.0, see its README), and every page of a list
// walked with the ORUK page fields checked on the way.
import { readFileSync } from "node:fs";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { expect } from "vitest";

export type Json = Record<string, any>;

const SCHEMAS = new URL("../../packages/core/data/hsds-3.0/schema/", import.meta.url);
const Ajv2020 = ((Ajv2020Module as any).default ?? Ajv2020Module) as typeof Ajv2020Module;
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof addFormatsModule;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const schema = (file: string) => JSON.parse(readFileSync(new URL(file, SCHEMAS), "utf8"));
// The schemas others refer to by file name: organization.json and all it refers to.
const PARTS = ["metadata", "taxonomy", "taxonomy_term", "attribute", "accessibility", "address", "language", "phone", "schedule", "contact", "funding", "program", "organization_identifier", "location", "organization"];
for (const part of PARTS) ajv.addSchema(schema(`${part}.json`), `${part}.json`);
const validators: Record<string, ReturnType<typeof ajv.compile>> = {};
const validator = (file: string) => (validators[file] ??= ajv.getSchema(file) ?? ajv.compile(schema(file)));

/** `file` is a path under the schema folder, e.g. "compiled/service.json" or "organization.json". */
export function expectValid(file: string, document: unknown, where: string) {
  const validate = validator(file);
  const ok = validate(document);
  expect(ok ? [] : validate.errors?.slice(0, 3), `${where} against ${file}`).toEqual([]);
}

/** Optional fields with no value are left out: no nulls, empty strings or empty lists anywhere. */
export function emptiesIn(value: unknown, path = "$"): string[] {
  if (value === null || value === "") return [path];
  if (Array.isArray(value)) return path.endsWith(".contents") ? value.flatMap((v, i) => emptiesIn(v, `${path}[${i}]`)) : value.length === 0 ? [path] : value.flatMap((v, i) => emptiesIn(v, `${path}[${i}]`));
  if (typeof value === "object") return Object.entries(value as Json).flatMap(([k, v]) => emptiesIn(v, `${path}.${k}`));
  return [];
}

/** A reader of the feed at `base()` that keeps every body it was given in `published`, for the searches for what must never be there. */
export function openFeedReader(base: () => string) {
  const published: string[] = [];

  async function get(path: string, init?: RequestInit) {
    const response = await fetch(`${base()}/openreferral${path}`, init);
    const text = await response.text();
    published.push(text);
    return { response, status: response.status, text, body: text ? (JSON.parse(text) as Json) : null };
  }

  /** Every page of a list, checking the ORUK page fields as it goes. */
  async function allPages(path: string, perPage = 10): Promise<Json[]> {
    const items: Json[] = [];
    const join = path.includes("?") ? "&" : "?";
    for (let page = 1; ; page++) {
      const { status, body } = await get(`${path}${join}page=${page}&per_page=${perPage}`);
      expect(status, path).toBe(200);
      expect(Object.keys(body!).sort(), path).toEqual(["contents", "empty", "first_page", "last_page", "page_number", "size", "total_items", "total_pages"]);
      expect(body).toMatchObject({ page_number: page, size: body!.contents.length, first_page: page === 1, empty: body!.contents.length === 0 });
      expect(body!.total_pages).toBe(Math.ceil(body!.total_items / perPage));
      expect(body!.last_page).toBe(page >= body!.total_pages);
      items.push(...body!.contents);
      if (body!.last_page) {
        expect(items).toHaveLength(body!.total_items);
        return items;
      }
    }
  }

  return { published, get, allPages };
}
