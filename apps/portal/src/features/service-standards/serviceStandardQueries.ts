// The partnership's own local service standards: what it promises victims beyond the Victims'
// Code, timed on every case in its areas. Words and numbers, not victim data: no purpose asked.
import { graphql } from "../../generated/graphql";
import type { LocalServiceStandardsQuery } from "../../generated/graphql/graphql";

export const LOCAL_SERVICE_STANDARDS = graphql(`
  query LocalServiceStandards($includeRetired: Boolean) {
    localServiceStandards(includeRetired: $includeRetired) {
      id
      areaId
      name
      startsOnStage
      startsOnUpdateType
      owedByKind
      workingDays
      enhancedWorkingDays
      createdAt
      retiredAt
      retiredReason
      canRetire
    }
  }
`);

export type LocalServiceStandard = LocalServiceStandardsQuery["localServiceStandards"][number];

export const ADD_LOCAL_SERVICE_STANDARD = graphql(`
  mutation AddLocalServiceStandard($input: AddLocalServiceStandardInput!) {
    addLocalServiceStandard(input: $input) {
      __typename
      ... on LocalServiceStandard {
        id
        name
      }
      ...MutationProblem
    }
  }
`);

export const RETIRE_LOCAL_SERVICE_STANDARD = graphql(`
  mutation RetireLocalServiceStandard($id: ID!, $reason: String!) {
    retireLocalServiceStandard(id: $id, reason: $reason) {
      __typename
      ... on LocalServiceStandard {
        id
        name
        retiredAt
      }
      ...MutationProblem
    }
  }
`);
