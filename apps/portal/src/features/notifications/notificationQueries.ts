// The signed-in person's notifications (see schema/schema.graphql, Viewer.notifications).
// Typed from the schema by GraphQL Code Generator. They carry identifiers only: the message
// is composed by the hub, and a case shows only if the reader may still see it.
import { graphql } from "../../generated/graphql";

export const NOTIFICATIONS_PER_PAGE = 20;

/** How often the navigation asks how many are unread (it also asks on every page change). */
export const UNREAD_POLL_MS = 60_000;

export const NOTIFICATIONS_QUERY = graphql(`
  query Notifications($first: Int, $after: String) {
    viewer {
      id
      notifications(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
            kind
            message
            createdAt
            readAt
            caseId
            caseReference
            referralId
          }
        }
      }
    }
  }
`);

// Unread only, one row: its own list in the cache (keyArgs "unreadOnly"), so polling the count
// never replaces the pages already shown on the notifications page.
export const UNREAD_NOTIFICATIONS_QUERY = graphql(`
  query UnreadNotifications {
    viewer {
      id
      notifications(first: 1, unreadOnly: true) {
        unreadCount
      }
    }
  }
`);

export const MARK_NOTIFICATION_READ = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      __typename
      ... on Notification {
        id
        readAt
      }
      ... on Error {
        message
      }
    }
  }
`);

export const MARK_ALL_NOTIFICATIONS_READ = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`);
