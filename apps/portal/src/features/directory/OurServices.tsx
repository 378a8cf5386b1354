import { useEffect, useRef, useState } from "react";
import { NetworkStatus } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { StatusTag } from "../../app/StatusTag";
import { dateInWords } from "../cases/caseWords";
import { DIRECTORY_SERVICES } from "./directoryQueries";
import { acceptingInWords, serviceStatusInWords } from "./directoryWords";
import { ServiceEditForm } from "./ServiceEditForm";
import { LoadProblem, ShowMore } from "../../app/LoadProblem";

const SERVICES_PER_PAGE = 100;

/** Only organisation admins keep their organisation's directory entries up to date. */
export function canMaintainDirectory(roles: readonly string[]): boolean {
  return roles.includes("ORGANISATION_ADMIN");
}

/** "Our services": the directory entries the signed-in organisation admin may change. */
export function OurServices() {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(DIRECTORY_SERVICES, { variables: { first: SERVICES_PER_PAGE }, notifyOnNetworkStatusChange: true });
  // The directory lists every service A to Z; yours are the ones you may change.
  const all = (data?.directoryServices.edges ?? []).map((e) => e.node).filter((s) => s.canEdit);
  const pageInfo = data?.directoryServices.pageInfo;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  const [couldNotShowMore, setCouldNotShowMore] = useState(false);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function showMore() {
    if (!pageInfo?.endCursor || loadingMore) return;
    setCouldNotShowMore(false);
    await fetchMore({
      variables: { after: pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        directoryServices: { ...fetchMoreResult.directoryServices, edges: [...previous.directoryServices.edges, ...fetchMoreResult.directoryServices.edges] },
      }),
    }).catch(() => setCouldNotShowMore(true));
  }

  function finish(serviceId: string, message: string | null) {
    setEditing(null);
    if (message) setSaved(message);
    setTimeout(() => document.getElementById(`change-${serviceId}`)?.focus(), 0);
  }

  let status = "";
  if (!data && !error) status = "Loading your services…";
  else if (data) status = all.length === 1 ? "1 service you maintain." : `${all.length} services you maintain.`;

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        Our services
      </h1>
      <p className="lead">The directory entries you keep up to date. Partners tell victims about services from these entries, so change them as soon as something changes.</p>
      <p role="status" className="status">
        {status}
      </p>
      {saved && (
        <div className="notice" role="status">
          <p>{saved}</p>
        </div>
      )}
      {error ? (
        <LoadProblem message="We could not load your services. Check your connection and try again." onRetry={() => refetch()} />
      ) : data && all.length === 0 ? (
        <p>Your organisation has no services in the directory. Ask the partnership's directory admin to add them.</p>
      ) : (
        <ol className="case-cards">
          {all.map((s) => {
            const accepting = acceptingInWords(s.acceptingReferrals, s.alert);
            return (
              <li key={s.id} className="case-card service-card">
                <h2 className="case-card-title">{s.name}</h2>
                <p className="service-card-organisation">{s.organisation.name}</p>
                <p className="service-card-tags">
                  <StatusTag tone={s.status === "ACTIVE" ? "done" : "problem"}>{serviceStatusInWords(s.status)}</StatusTag>{" "}
                  <StatusTag tone={accepting.tone}>{accepting.label}</StatusTag>{" "}
                  {s.stale && <StatusTag tone="due">Needs checking</StatusTag>}
                </p>
                {s.alert && (
                  <p className="service-card-alert">
                    <strong>Notice for partners:</strong> {s.alert}
                  </p>
                )}
                <p className="hint">{s.lastVerifiedAt ? `Last checked ${dateInWords(s.lastVerifiedAt)}.` : "Never checked."}</p>
                <button
                  type="button"
                  id={`change-${s.id}`}
                  className="button button-secondary"
                  aria-expanded={editing === s.id}
                  onClick={() => {
                    setSaved(null);
                    setEditing(editing === s.id ? null : s.id);
                  }}
                >
                  Change this service<span className="visually-hidden"> ({s.name})</span>
                </button>
                {editing === s.id && <ServiceEditForm service={s} onSaved={(message) => finish(s.id, message)} onCancel={() => finish(s.id, null)} />}
              </li>
            );
          })}
        </ol>
      )}
      <ShowMore what="services" failed={couldNotShowMore} hasMore={Boolean(pageInfo?.hasNextPage)} loading={loadingMore} onShowMore={showMore} />
    </>
  );
}
