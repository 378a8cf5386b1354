// The directory's GraphQL operations. Searching and maintaining the directory is not victim
// data (no stated purpose needed); signposting is a ledger entry on a case, so it goes out
// with the person's access purpose like every other contact.
import { gql } from "@apollo/client";
import type { TypedDocumentNode } from "@apollo/client";
import { MUTATION_PROBLEM } from "../../app/mutationProblem";
import type { OpeningTime } from "./directoryWords";

type Phone = { number: string; description: string | null };

export type ServiceResult = {
  id: string;
  name: string;
  description: string;
  organisationName: string;
  url: string | null;
  email: string | null;
  eligibilityDescription: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  waitTime: string | null;
  selfReferral: boolean;
  professionalReferral: boolean;
  acceptingReferrals: boolean;
  alert: string | null;
  capacityNote: string | null;
  lastVerifiedAt: string | null;
  languages: string[];
  distanceKm: number | null;
  openNow: boolean | null;
  nextOpening: string | null;
  openingTimes: OpeningTime[];
  phones: Phone[];
  locations: { id: string; name: string | null; locationType: string; address1: string | null; city: string | null; postalCode: string | null; confidential: boolean; phones: Phone[] }[];
};

export type SearchVariables = {
  text?: string;
  postcode?: string;
  areaId?: string;
  withinKm?: number;
  crimeType?: string;
  need?: string;
  whoFor?: string;
  language?: string;
  age?: number;
  openNow?: boolean;
  acceptingReferrals?: boolean;
  first?: number;
  after?: string;
};

type SearchData = { searchServices: { results: ServiceResult[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

export const SEARCH_SERVICES: TypedDocumentNode<SearchData, SearchVariables> = gql`
  query SearchServices(
    $text: String
    $postcode: String
    $areaId: ID
    $withinKm: Float
    $crimeType: String
    $need: String
    $whoFor: String
    $language: String
    $age: Int
    $openNow: Boolean
    $acceptingReferrals: Boolean
    $first: Int
    $after: String
  ) {
    searchServices(
      text: $text
      postcode: $postcode
      areaId: $areaId
      withinKm: $withinKm
      crimeType: $crimeType
      need: $need
      whoFor: $whoFor
      language: $language
      age: $age
      openNow: $openNow
      acceptingReferrals: $acceptingReferrals
      first: $first
      after: $after
    ) {
      results {
        id
        name
        description
        organisationName
        url
        email
        eligibilityDescription
        minimumAge
        maximumAge
        waitTime
        selfReferral
        professionalReferral
        acceptingReferrals
        alert
        capacityNote
        lastVerifiedAt
        languages
        distanceKm
        openNow
        nextOpening
        openingTimes {
          byDay
          opensAt
          closesAt
          description
        }
        phones {
          number
          description
        }
        locations {
          id
          name
          locationType
          address1
          city
          postalCode
          confidential
          phones {
            number
            description
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

type AreasData = { viewer: { id: string; organisation: { id: string; areas: { id: string; name: string }[] } } };

/** The areas the person's organisation covers: phone and online services are found by area. */
export const VIEWER_AREAS: TypedDocumentNode<AreasData, Record<string, never>> = gql`
  query DirectoryViewerAreas {
    viewer {
      id
      organisation {
        id
        areas {
          id
          name
        }
      }
    }
  }
`;

// What the hub says when it refuses a change (the MutationProblem fragment).
type MutationProblem = { __typename: "BadInputError"; message: string; field: string | null } | { __typename: "NotFoundError" | "ConflictError"; message: string };

type SignpostData = { signpostService: { __typename: "ContactRecord"; id: string; at: string; summary: string } | MutationProblem };

export const SIGNPOST_SERVICE: TypedDocumentNode<SignpostData, { caseId: string; serviceId: string; channel: string; at: string; note?: string }> = gql`
  mutation SignpostService($caseId: ID!, $serviceId: ID!, $channel: ContactChannel!, $at: DateTime, $note: String) {
    signpostService(caseId: $caseId, serviceId: $serviceId, channel: $channel, at: $at, note: $note) {
      __typename
      ... on ContactRecord {
        id
        at
        summary
      }
      ...MutationProblem
    }
  }
  ${MUTATION_PROBLEM}
`;

export type MaintainedService = {
  __typename: "DirectoryService";
  id: string;
  name: string;
  description: string;
  status: string;
  alert: string | null;
  capacityNote: string | null;
  waitTime: string | null;
  acceptingReferrals: boolean;
  selfReferral: boolean;
  professionalReferral: boolean;
  lastVerifiedAt: string | null;
  stale: boolean;
  canEdit: boolean;
  organisation: { id: string; name: string };
};

const MAINTAINED_FIELDS = gql`
  fragment MaintainedService on DirectoryService {
    id
    name
    description
    status
    alert
    capacityNote
    waitTime
    acceptingReferrals
    selfReferral
    professionalReferral
    lastVerifiedAt
    stale
    canEdit
    organisation {
      id
      name
    }
  }
`;

type DirectoryData = {
  directoryServices: { edges: { node: MaintainedService }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
};

export const DIRECTORY_SERVICES: TypedDocumentNode<DirectoryData, { first?: number; after?: string }> = gql`
  query OurDirectoryServices($first: Int, $after: String) {
    directoryServices(first: $first, after: $after) {
      edges {
        node {
          ...MaintainedService
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${MAINTAINED_FIELDS}
`;

export type ServiceChanges = {
  id: string;
  status?: string;
  description?: string;
  alert?: string | null;
  capacityNote?: string | null;
  waitTime?: string | null;
  acceptingReferrals?: boolean;
  selfReferral?: boolean;
  professionalReferral?: boolean;
};

type UpdateData = { updateDirectoryService: MaintainedService | MutationProblem };

export const UPDATE_DIRECTORY_SERVICE: TypedDocumentNode<UpdateData, { input: ServiceChanges }> = gql`
  mutation UpdateDirectoryService($input: UpdateDirectoryServiceInput!) {
    updateDirectoryService(input: $input) {
      __typename
      ...MaintainedService
      ...MutationProblem
    }
  }
  ${MAINTAINED_FIELDS}
  ${MUTATION_PROBLEM}
`;

type VerifyData = { verifyDirectoryService: MaintainedService | MutationProblem };

export const VERIFY_DIRECTORY_SERVICE: TypedDocumentNode<VerifyData, { id: string }> = gql`
  mutation VerifyDirectoryService($id: ID!) {
    verifyDirectoryService(id: $id) {
      __typename
      ...MaintainedService
      ...MutationProblem
    }
  }
  ${MAINTAINED_FIELDS}
  ${MUTATION_PROBLEM}
`;
