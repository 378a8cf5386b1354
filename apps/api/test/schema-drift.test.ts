// schema/schema.graphql is the contract integrators and the portal read. It must be exactly
// what the code serves: run `npm run schema:emit` after changing the schema, and commit it.
import { readFileSync } from "node:fs";
import { printHubSchema, SCHEMA_FILE } from "@hub/api";
import { describe, expect, it } from "vitest";

describe("committed GraphQL schema", () => {
  it("matches the schema the code serves", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8"), "schema/schema.graphql is stale: run `npm run schema:emit` and commit it").toBe(printHubSchema());
  });
});
