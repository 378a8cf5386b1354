// Running the partnership: the organisations the signed-in person administers, their people
// and roles, and the changes administrators make. Staff records, not victim data: the hub asks
// for no access purpose and audits every change.
import { graphql } from "../../generated/graphql";
import type { AdministrationQuery } from "../../generated/graphql/graphql";

export const ADMINISTRATION_QUERY = graphql(`
  query Administration {
    viewer {
      id
      roles
      organisation {
        id
        name
        kind
        areas {
          id
          name
        }
      }
    }
    administeredOrganisations {
      id
      name
      kind
      legalType
      active
      areas {
        id
        name
      }
      members {
        id
        organisationId
        active
        provisioned
        roles
        person {
          id
          name
          email
          active
          provisioned
        }
      }
    }
  }
`);

export type AdministeredOrganisation = AdministrationQuery["administeredOrganisations"][number];
export type Member = AdministeredOrganisation["members"][number];
export type AdminViewer = AdministrationQuery["viewer"];

export const CREATE_ORGANISATION = graphql(`
  mutation CreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      __typename
      ... on Organisation {
        id
        name
      }
      ...MutationProblem
    }
  }
`);

export const UPDATE_ORGANISATION = graphql(`
  mutation UpdateOrganisation($input: UpdateOrganisationInput!) {
    updateOrganisation(input: $input) {
      __typename
      ... on Organisation {
        id
        name
        active
        areas {
          id
          name
        }
      }
      ...MutationProblem
    }
  }
`);

export const ADD_PERSON = graphql(`
  mutation AddPerson($input: AddPersonInput!) {
    addPerson(input: $input) {
      __typename
      ... on Membership {
        id
        roles
      }
      ...MutationProblem
    }
  }
`);

export const SET_MEMBERSHIP_ROLES = graphql(`
  mutation SetMembershipRoles($userId: ID!, $organisationId: ID!, $roles: [Role!]!) {
    setMembershipRoles(userId: $userId, organisationId: $organisationId, roles: $roles) {
      __typename
      ... on Membership {
        id
        roles
      }
      ...MutationProblem
    }
  }
`);

export const SET_MEMBERSHIP_ACTIVE = graphql(`
  mutation SetMembershipActive($userId: ID!, $organisationId: ID!, $active: Boolean!) {
    setMembershipActive(userId: $userId, organisationId: $organisationId, active: $active) {
      __typename
      ... on Membership {
        id
        active
      }
      ...MutationProblem
    }
  }
`);

export const SET_PERSON_ACTIVE = graphql(`
  mutation SetPersonActive($userId: ID!, $active: Boolean!) {
    setPersonActive(userId: $userId, active: $active) {
      __typename
      ... on Person {
        id
        active
      }
      ...MutationProblem
    }
  }
`);
