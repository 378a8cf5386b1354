// Expected failures as types in the schema, so integrations can branch on them.
import { BadInputError, ConflictError, NotFoundError } from "@hub/core";
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

builder.objectType(BadInputError, {
  name: "BadInputError",
  description: "The input cannot be accepted as it is; nothing was written. The message says what to change.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof BadInputError,
  fields: (t) => ({ field: t.exposeString("field", { nullable: true }) }),
});

builder.objectType(ConflictError, {
  name: "ConflictError",
  description: "Someone else changed this first; nothing was written.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ConflictError,
  fields: () => ({}),
});

/** The errors every mutation can answer with, as result-union members. */
export const MUTATION_ERRORS = [NotFoundError, BadInputError, ConflictError];
