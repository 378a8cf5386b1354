import path from "node:path";
import { fileURLToPath } from "node:url";
import { printSchema } from "graphql";
import { schema } from "./schema/index.js";

export const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../schema/schema.graphql");

export const printHubSchema = () => `${printSchema(schema)}\n`;
