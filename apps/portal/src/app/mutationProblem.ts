// What every mutation asks for when the hub refuses it: the message to show, and for bad input
// the field it belongs to. On the `Error` interface, so the cache needs the schema's
// possibleTypes (apollo.ts) to match it against BadInputError, NotFoundError, ConflictError.
import { gql } from "@apollo/client";

export const MUTATION_PROBLEM = gql`
  fragment MutationProblem on Error {
    message
    ... on BadInputError {
      field
    }
  }
`;
