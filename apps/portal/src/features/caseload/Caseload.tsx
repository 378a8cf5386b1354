import { useEffect, useRef, useState } from "react";
import { NetworkStatus } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { graphql } from "../../generated/graphql";
import type { CaseloadQuery } from "../../generated/graphql/graphql";
import {
  clockStatusInWords,
  dateInWords,
  dutyInWords,
  offenceInWords,
  stageInWords,
  taskStatusInWords,
} from "../cases/caseWords";
import { StatusTag } from "../../app/StatusTag";
import { attentionRank, byAttention, clockIsMine, clocksToActOn, mineFirst, overdueIsMine, taskIsMine, taskToDo, type Viewer } from "./attention";
import { VIEWER_QUERY } from "../session/SignedInAs";
import { oneOrganisationKindInWords } from "../../app/roles";
import { LoadProblem, ShowMore } from "../../app/LoadProblem";

export type CaseloadCase = CaseloadQuery["cases"]["edges"][number]["node"];

export const CASELOAD_QUERY = graphql(`
  query Caseload($first: Int, $after: String) {
    cases(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          policeUrn
          cpsReference
          offenceCategory
          stage
          openedAt
          area {
            id
            name
          }
          clocks {
            id
            duty
            what
            owedByKind
            status
            dueAt
          }
          keepInTouchTasks {
            id
            organisationId
            status
            dueAt
            suggestedMessage
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

const CASES_PER_PAGE = 50;

/** How a case is named on screen: its references, never the victim. */
export function caseName(c: { policeUrn: string | null; cpsReference: string | null }): string {
  if (c.policeUrn) return `Police URN ${c.policeUrn}`;
  if (c.cpsReference) return `CPS reference ${c.cpsReference}`;
  return "Case with no reference yet";
}

type CaseloadProps = { onOpenCase: (caseId: string) => void };

/** Home after sign-in: the cases my organisation supports, what needs doing first. */
export function Caseload({ onOpenCase }: CaseloadProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [couldNotShowMore, setCouldNotShowMore] = useState(false);
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(CASELOAD_QUERY, {
    variables: { first: CASES_PER_PAGE },
    notifyOnNetworkStatusChange: true,
  });
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  const pageInfo = data?.cases.pageInfo;
  const hasMore = Boolean(pageInfo?.hasNextPage && pageInfo.endCursor);
  const cases = byAttention((data?.cases.edges ?? []).map((e) => e.node));
  const needAttention = cases.filter((c) => attentionRank(c) === 0).length;
  const signedIn = useQuery(VIEWER_QUERY, { fetchPolicy: "cache-first" }).data?.viewer;
  const viewer: Viewer | null = signedIn ? { organisationId: signedIn.organisation.id, kind: signedIn.organisation.kind } : null;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function showMore() {
    if (loadingMore || !pageInfo?.endCursor) return;
    setCouldNotShowMore(false);
    try {
      await fetchMore({ variables: { after: pageInfo.endCursor } });
    } catch {
      setCouldNotShowMore(true);
    }
  }

  let status = "";
  if (loadingMore) status = "Loading more cases…";
  else if (!data && !error) status = "Loading your caseload…";
  else if (data && cases.length > 0) {
    const count = cases.length === 1 ? "1 case" : `${cases.length} cases`;
    const overdue = needAttention === 0 ? "None has anything overdue." : `${needAttention} with something overdue, shown first.`;
    status = `${count}. ${overdue}${hasMore ? " There are more." : ""}`;
  }

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        My caseload
      </h1>
      <p className="lead">The cases your organisation supports. Cases with overdue or due Victims' Code deadlines come first.</p>
      <p role="status" className="status">
        {status}
      </p>

      {error ? (
        <LoadProblem message="We could not load your caseload. Check your connection and try again." onRetry={() => refetch()} />
      ) : data && cases.length === 0 ? (
        <p>You have no cases yet. A case appears here when your organisation starts supporting a victim.</p>
      ) : data ? (
        <>
          <ol className="case-cards">
            {cases.map((c) => (
              <CaseCard key={c.id} supported={c} viewer={viewer} onOpen={() => onOpenCase(c.id)} />
            ))}
          </ol>
          <ShowMore what="cases" failed={couldNotShowMore} hasMore={hasMore} loading={loadingMore} onShowMore={showMore} />
        </>
      ) : null}
    </>
  );
}

/** Whose a deadline is, after it: mine, or the agency that owes it. */
function whose(mine: boolean, owedByKind: string | null | undefined): string {
  if (mine) return " (yours)";
  return owedByKind ? ` (for ${oneOrganisationKindInWords(owedByKind)})` : "";
}

function CaseCard({ supported: c, viewer, onOpen }: { supported: CaseloadCase; viewer: Viewer | null; onOpen: () => void }) {
  const clocks = viewer ? mineFirst(clocksToActOn(c.clocks), viewer) : clocksToActOn(c.clocks);
  const tasks = c.keepInTouchTasks.filter(taskToDo).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const rank = attentionRank(c);
  const now = Date.now();
  return (
    <li className={rank === 0 ? "case-card case-card-overdue" : "case-card"}>
      <h2 className="case-card-title">
        <button type="button" className="link-button" onClick={onOpen}>
          {caseName(c)}
          <span className="visually-hidden">: open the case</span>
        </button>
      </h2>
      <p className="case-card-attention">
        {rank === 0 ? (
          <StatusTag tone="problem">{!viewer || overdueIsMine(c, viewer) ? "Something of yours is overdue" : "Another agency's deadline is overdue"}</StatusTag>
        ) : rank === 1 ? (
          <StatusTag tone="due">Something is due</StatusTag>
        ) : (
          <StatusTag tone="neutral">Nothing due</StatusTag>
        )}
      </p>
      <dl className="summary-list">
        <div>
          <dt>Offence</dt>
          <dd>{offenceInWords(c.offenceCategory)}</dd>
        </div>
        <div>
          <dt>Stage</dt>
          <dd>{stageInWords(c.stage)}</dd>
        </div>
        {c.policeUrn && c.cpsReference && (
          <div>
            <dt>CPS reference</dt>
            <dd>{c.cpsReference}</dd>
          </div>
        )}
        <div>
          <dt>Area</dt>
          <dd>{c.area.name}</dd>
        </div>
        <div>
          <dt>Opened</dt>
          <dd>
            <time dateTime={c.openedAt}>{dateInWords(c.openedAt)}</time>
          </dd>
        </div>
      </dl>
      <h3 className="case-card-subheading">Victims' Code deadlines</h3>
      {clocks.length === 0 ? (
        <p>No deadlines overdue or due.</p>
      ) : (
        <ul className="plain-list">
          {clocks.map((k) => (
            <li key={k.id}>
              <StatusTag tone={k.status === "BREACHED" ? "problem" : "due"}>{clockStatusInWords(k.status)}</StatusTag> {dutyInWords(k.duty, k.what)}
              {k.status === "BREACHED" ? ", was due " : ", due "}
              <time dateTime={k.dueAt}>{dateInWords(k.dueAt)}</time>
              {viewer && whose(clockIsMine(k, viewer), k.owedByKind)}
            </li>
          ))}
        </ul>
      )}
      <h3 className="case-card-subheading">Keep-in-touch tasks</h3>
      {tasks.length === 0 ? (
        <p>No keep-in-touch tasks to do.</p>
      ) : (
        <ul className="plain-list">
          {tasks.map((t) => {
            const late = Date.parse(t.dueAt) < now;
            return (
              <li key={t.id}>
                <StatusTag tone={late ? "problem" : "due"}>{late ? "Overdue" : taskStatusInWords(t.status)}</StatusTag> Keep in touch
                {late ? ", was due " : " by "}
                <time dateTime={t.dueAt}>{dateInWords(t.dueAt)}</time>
                {t.status === "ESCALATED" ? " (escalated)" : ""}
                {viewer && !taskIsMine(t, viewer) ? " (another organisation's)" : ""}
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}
