// What every mutation asks for when the hub refuses it: the message to show, and for bad input
// the field it belongs to. On the `Error` interface, so the cache needs the schema's
// possibleTypes (apollo.ts) to match it against BadInputError, NotFoundError, ConflictError.
// A mutation spreads it by name (`...MutationProblem`): `graphql()` adds this definition to
// the mutation's document, and the trusted documents manifest finds it here by name.
import { graphql } from "../generated/graphql";

export const MUTATION_PROBLEM = graphql(`
  fragment MutationProblem on Error {
    message
    ... on BadInputError {
      field
    }
  }
`);
