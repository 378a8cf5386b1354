// The unread count in the portal's navigation: asked for every minute and whenever the person
// moves to another page, and announced (politely) when it changes while they work.
import { useEffect, useRef, useState } from "react";
import { useQuery } from "@apollo/client/react";
import { UNREAD_NOTIFICATIONS_QUERY, UNREAD_POLL_MS } from "./notificationQueries";
import { unreadAnnouncement } from "./notificationWords";

/** How many notifications are unread, or undefined until the hub has said. */
export function useUnreadNotifications(page: string, skip: boolean): number | undefined {
  const { data, refetch } = useQuery(UNREAD_NOTIFICATIONS_QUERY, { pollInterval: UNREAD_POLL_MS, skip });
  const shownPage = useRef(page);
  useEffect(() => {
    if (skip || shownPage.current === page) return;
    shownPage.current = page;
    refetch().catch(() => {}); // the next poll tries again
  }, [page, skip, refetch]);
  return data?.viewer.notifications.unreadCount;
}

/** A live region that says the new count when it changes (not when the portal first loads). */
export function UnreadAnnouncer({ unread }: { unread: number | undefined }) {
  const [said, setSaid] = useState("");
  const previous = useRef(unread);
  useEffect(() => {
    if (unread === undefined) return;
    if (previous.current !== undefined && previous.current !== unread) setSaid(unreadAnnouncement(unread));
    previous.current = unread;
  }, [unread]);
  return (
    <p className="visually-hidden" aria-live="polite">
      {said}
    </p>
  );
}
