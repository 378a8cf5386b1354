import { useEffect, useId, useRef, useState } from "react";
import { gql, NetworkStatus } from "@apollo/client";
import type { TypedDocumentNode } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { dateInWords, offenceInWords, stageInWords } from "./caseWords";

type CaseSummary = {
  id: string;
  policeUrn: string | null;
  cpsReference: string | null;
  offenceCategory: string;
  stage: string;
  /** ISO 8601 date-time */
  openedAt: string;
  area: { name: string };
};

type CasesData = {
  cases: {
    edges: { cursor: string; node: CaseSummary }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

type CasesVariables = { first?: number; after?: string };

const CASES_QUERY: TypedDocumentNode<CasesData, CasesVariables> = gql`
  query Cases($first: Int, $after: String) {
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
            name
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

const CASES_PER_PAGE = 20;

function summary(shown: number, hasMore: boolean): string {
  const cases = shown === 1 ? "1 case" : `${shown} cases`;
  return hasMore ? `Showing the first ${cases}. There are more.` : `Showing ${cases}.`;
}

/** The cases the signed-in person's organisation is involved in. */
export function CaseList() {
  const captionId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [couldNotShowMore, setCouldNotShowMore] = useState(false);
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(CASES_QUERY, {
    variables: { first: CASES_PER_PAGE },
  });
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  const edges = data?.cases.edges ?? [];
  const pageInfo = data?.cases.pageInfo;
  const hasMore = Boolean(pageInfo?.hasNextPage && pageInfo.endCursor);

  // This list is what people see straight after signing in. Move focus to its
  // heading so keyboard and screen reader users start here, not on <body>.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function showMoreCases() {
    if (loadingMore || !pageInfo?.endCursor) return;
    setCouldNotShowMore(false);
    try {
      await fetchMore({ variables: { after: pageInfo.endCursor } });
    } catch {
      // The cases already shown are still correct, so keep them and say what failed.
      setCouldNotShowMore(true);
    }
  }

  // Announced politely by screen readers as loading starts and finishes.
  let status = "";
  if (loadingMore) status = "Loading more cases…";
  else if (!data && !error) status = "Loading your cases…";
  else if (data && edges.length > 0) status = summary(edges.length, hasMore);

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        Cases your organisation supports
      </h1>
      <p role="status" className="status">
        {status}
      </p>

      {error ? (
        <div className="problem" role="alert">
          <p>We could not load your cases. Check your connection and try again.</p>
          {/* The error stays on screen if the retry fails too, so the promise needs no handling. */}
          <button type="button" className="button" onClick={() => refetch().catch(() => {})}>
            Retry
          </button>
        </div>
      ) : data && edges.length === 0 ? (
        <p>No cases yet. Cases appear here when your organisation is involved in one.</p>
      ) : data ? (
        <>
          {/* Wide tables scroll sideways at high zoom; the region makes that scrolling
              reachable by keyboard and tells screen readers what it holds. */}
          {/* biome-ignore lint/a11y/useSemanticElements lint/a11y/noNoninteractiveTabindex: axe's scrollable-region-focusable asks for a focusable scroll region */}
          <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
            <table>
              <caption id={captionId}>{summary(edges.length, hasMore)}</caption>
              <thead>
                <tr>
                  <th scope="col">Police URN</th>
                  <th scope="col">CPS reference</th>
                  <th scope="col">Offence</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Area</th>
                  <th scope="col">Opened</th>
                </tr>
              </thead>
              <tbody>
                {edges.map(({ node: supportedCase }) => (
                  <tr key={supportedCase.id}>
                    <td className="reference">{supportedCase.policeUrn ?? "Not recorded"}</td>
                    <td className="reference">{supportedCase.cpsReference ?? "Not recorded"}</td>
                    <td>{offenceInWords(supportedCase.offenceCategory)}</td>
                    <td>{stageInWords(supportedCase.stage)}</td>
                    <td>{supportedCase.area.name}</td>
                    <td>
                      <time dateTime={supportedCase.openedAt}>{dateInWords(supportedCase.openedAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          {couldNotShowMore && (
            <p className="problem-message" role="alert">
              We could not load more cases. Check your connection and try again.
            </p>
          )}
          {hasMore && (
            <button
              type="button"
              className="button button-secondary"
              onClick={showMoreCases}
              // aria-disabled rather than disabled: keyboard focus stays on the
              // button while the next page loads instead of jumping to the page top.
              aria-disabled={loadingMore || undefined}
            >
              {loadingMore ? "Loading more cases…" : "Show more cases"}
            </button>
          )}
        </>
      ) : null}
    </>
  );
}
