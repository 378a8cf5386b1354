// Expected failures as types in the schema, so integrations can branch on them.
import { NotFoundError } from "@hub/core";
import { builder } from "../builder.js";

export const ErrorInterface = builder.interfaceRef<Error>("Error").implement({
  description: "Something the caller can put right or act on.",
  fields: (t) => ({ message: t.exposeString("message") }),
});

builder.objectType(NotFoundError, {
  name: "NotFoundError",
  description: "No record with that reference exists, or you may not see it: the two are never told apart.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
  fields: (t) => ({ entity: t.exposeString("entity") }),
});
