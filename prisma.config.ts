// Prisma CLI configuration. The hub applies migrations itself (packages/db/src/migrate.ts):
// Prisma's migrate engine cannot be downloaded on the machines this project runs on.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/hub" },
});
