import { useEffect, useId, useRef, useState } from "react";
import { NetworkStatus } from "@apollo/client";
import { useMutation, useQuery } from "@apollo/client/react";
import { StatusTag } from "../../app/StatusTag";
import { dateTimeInWords } from "../cases/caseWords";
import {
  MARK_ALL_NOTIFICATIONS_READ,
  MARK_NOTIFICATION_READ,
  NOTIFICATIONS_PER_PAGE,
  NOTIFICATIONS_QUERY,
  UNREAD_NOTIFICATIONS_QUERY,
} from "./notificationQueries";
import { notificationDestination, notificationKindInWords, shownInWords, unreadSummary } from "./notificationWords";
import { LoadProblem, ShowMore } from "../../app/LoadProblem";
import { FieldProblem } from "../../app/FormParts";

type Notification = {
  id: string;
  kind: string;
  message: string;
  createdAt: string;
  readAt?: string | null;
  caseId?: string | null;
  caseReference?: string | null;
  referralId?: string | null;
};

type NotificationsPageProps = {
  /** Opens the case page in memory, as the caseload does: the case id never reaches the address bar. */
  onOpenCase: (caseId: string) => void;
  onOpenReferrals: () => void;
};

/** Deadlines missed, referrals nobody acknowledged, victims waiting to hear: newest first. */
export function NotificationsPage({ onOpenCase, onOpenReferrals }: NotificationsPageProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [couldNotShowMore, setCouldNotShowMore] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(NOTIFICATIONS_QUERY, {
    variables: { first: NOTIFICATIONS_PER_PAGE },
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });
  // The navigation keeps this count fresh; the page reads the same answer from the cache.
  const unread = useQuery(UNREAD_NOTIFICATIONS_QUERY).data?.viewer.notifications.unreadCount;
  const [markAll, { loading: markingAll }] = useMutation(MARK_ALL_NOTIFICATIONS_READ, { refetchQueries: [UNREAD_NOTIFICATIONS_QUERY] });
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  const connection = data?.viewer.notifications;
  const notifications: Notification[] = (connection?.edges ?? []).map((e) => e.node);
  const hasMore = Boolean(connection?.pageInfo.hasNextPage && connection.pageInfo.endCursor);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function showMore() {
    if (loadingMore || !connection?.pageInfo.endCursor) return;
    setCouldNotShowMore(false);
    try {
      await fetchMore({ variables: { after: connection.pageInfo.endCursor } });
    } catch {
      setCouldNotShowMore(true);
    }
  }

  async function markAllRead() {
    if (markingAll) return;
    setProblem(null);
    setDone(null);
    try {
      await markAll({
        // Every notification shown is now read; the hub answers only how many were unread.
        update(cache) {
          const at = new Date().toISOString();
          for (const n of notifications) {
            cache.modify({ id: cache.identify({ __typename: "Notification", id: n.id }), fields: { readAt: (readAt) => readAt ?? at } });
          }
        },
      });
      setDone("All your notifications are marked as read.");
    } catch {
      setProblem("We could not mark your notifications as read. Check your connection and try again.");
    }
  }

  let status = "";
  if (loadingMore) status = "Loading more notifications…";
  else if (!data && !error) status = "Loading your notifications…";
  else if (data && notifications.length > 0) status = shownInWords(notifications.length, hasMore);

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        Notifications
      </h1>
      <p className="lead">Deadlines missed, referrals nobody has answered and victims waiting to hear: what you or your organisation should act on.</p>
      <p role="status" className="status">
        {status}
      </p>
      {error && !data ? (
        <LoadProblem message="We could not load your notifications. Check your connection and try again." onRetry={() => refetch()} />
      ) : data && notifications.length === 0 ? (
        <p>Nothing needs your attention.</p>
      ) : data ? (
        <>
          {unread !== undefined && <p>{unreadSummary(unread)}</p>}
          <div aria-live="polite">{done && <p className="notice">{done}</p>}</div>
          <FieldProblem message={problem} alert />
          {unread !== 0 && (
            <button type="button" className="button button-secondary" onClick={markAllRead} aria-disabled={markingAll || undefined}>
              Mark all as read
            </button>
          )}
          <ol className="case-cards">
            {notifications.map((n) => (
              <NotificationCard key={n.id} notification={n} onOpenCase={onOpenCase} onOpenReferrals={onOpenReferrals} />
            ))}
          </ol>
          <ShowMore what="notifications" failed={couldNotShowMore} hasMore={hasMore} loading={loadingMore} onShowMore={showMore} shortLabel />
        </>
      ) : null}
    </>
  );
}

function NotificationCard({ notification: n, ...open }: { notification: Notification } & NotificationsPageProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [markRead, { loading }] = useMutation(MARK_NOTIFICATION_READ, { refetchQueries: [UNREAD_NOTIFICATIONS_QUERY] });
  const title = notificationKindInWords(n.kind);
  const when = dateTimeInWords(n.createdAt);
  const destination = notificationDestination(n);
  const caseId = destination === "case" ? n.caseId : null;

  async function mark() {
    if (loading) return;
    setProblem(null);
    try {
      const { data } = await markRead({ variables: { id: n.id } });
      const result = data?.markNotificationRead;
      if (!result) return setProblem("Nothing was changed. Please try again.");
      if (result.__typename !== "Notification") return setProblem(result.message);
      // The button is gone: keep the person's place on this notification.
      headingRef.current?.focus();
    } catch {
      setProblem("We could not mark this notification as read. Check your connection and try again.");
    }
  }

  return (
    <li className={n.readAt ? "case-card" : "case-card notification-unread"} aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="case-card-title">
        {title}
      </h2>
      <p>
        {n.readAt ? <StatusTag tone="neutral">Read</StatusTag> : <StatusTag tone="due">Unread</StatusTag>} <time dateTime={n.createdAt}>{when}</time>
      </p>
      <p className="notification-message">{n.message}</p>
      <FieldProblem message={problem} alert />
      <div className="button-group">
        {caseId && (
          <button type="button" className="button" onClick={() => open.onOpenCase(caseId)}>
            Open the case<span className="visually-hidden">{n.caseReference ? ` ${n.caseReference}` : ""}</span>
          </button>
        )}
        {destination === "referrals" && (
          <button type="button" className="button" onClick={open.onOpenReferrals}>
            Open the referrals inbox
          </button>
        )}
        {!n.readAt && (
          <button type="button" className="button button-secondary" onClick={mark} aria-disabled={loading || undefined}>
            Mark as read<span className="visually-hidden">: {title}, {when}</span>
          </button>
        )}
      </div>
    </li>
  );
}
