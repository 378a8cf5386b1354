// Writes schema/schema.graphql from the Pothos schema. The file is committed on purpose so
// integrators and the portal's codegen read one contract; a test fails when it drifts.
import { writeFileSync } from "node:fs";
import { SCHEMA_FILE, printHubSchema } from "./print-schema.js";

writeFileSync(SCHEMA_FILE, printHubSchema());
console.log(`Wrote ${SCHEMA_FILE}`);
