// GraphQL Code Generator: TypeScript types for every operation the portal sends, from the
// hub's committed contract (schema/schema.graphql), into src/generated/graphql (not
// committed; `npm run generate` writes it, and turbo runs that before typecheck and build).
// Every operation and fragment is written with `graphql()` from src/generated/graphql, so its
// result and variable types come from the schema; no hand-written copies. A fragment is spread
// by name (`...MutationProblem`), never interpolated: `graphql()` adds its definition.
// Fragment masking is off: components read a fragment's fields straight from the operation's
// result (e.g. a mutation's `...MutationProblem` message), with no useFragment unmasking step.
// Enums are string unions (enumsAsTypes), so string literals such as "ACCEPTED" keep working.
// Alongside, src/generated/possible-types.ts: which types implement each interface and union
// (e.g. every `Error`), for the Apollo cache, so a fragment such as `... on Error { message }`
// is matched against the schema rather than guessed, and never comes back empty.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../schema/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/generated/**"],
  ignoreNoDocuments: false,
  errorsOnly: true,
  generates: {
    "src/generated/graphql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, skipTypename: true, scalars: { DateTime: "string", Date: "string" } },
    },
    "src/generated/possible-types.ts": {
      plugins: ["fragment-matcher"],
      config: { apolloClientVersion: 3, module: "es2015", useExplicitTyping: true },
    },
  },
};

export default config;
