// The directory's GraphQL operations. Searching and maintaining the directory is not victim
// data (no stated purpose needed); signposting is a ledger entry on a case, so it goes out
// with the person's access purpose like every other contact.
import { graphql } from "../../generated/graphql";
import type { MaintainedServiceFragment, SearchServicesQuery, SearchServicesQueryVariables, UpdateDirectoryServiceInput } from "../../generated/graphql/graphql";

// Result and variable types come from the schema (GraphQL Code Generator, `npm run generate`);
// these names are the views the directory's components work with.
export type ServiceResult = SearchServicesQuery["searchServices"]["results"][number];
export type SearchVariables = SearchServicesQueryVariables;

export const SEARCH_SERVICES = graphql(`
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
`);

/** The areas the person's organisation covers: phone and online services are found by area. */
export const VIEWER_AREAS = graphql(`
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
`);

export const SIGNPOST_SERVICE = graphql(`
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
`);

export type MaintainedService = MaintainedServiceFragment;

export const MAINTAINED_SERVICE = graphql(`
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
`);

export const DIRECTORY_SERVICES = graphql(`
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
`);

export type ServiceChanges = UpdateDirectoryServiceInput;

export const UPDATE_DIRECTORY_SERVICE = graphql(`
  mutation UpdateDirectoryService($input: UpdateDirectoryServiceInput!) {
    updateDirectoryService(input: $input) {
      __typename
      ...MaintainedService
      ...MutationProblem
    }
  }
`);

export const VERIFY_DIRECTORY_SERVICE = graphql(`
  mutation VerifyDirectoryService($id: ID!) {
    verifyDirectoryService(id: $id) {
      __typename
      ...MaintainedService
      ...MutationProblem
    }
  }
`);
