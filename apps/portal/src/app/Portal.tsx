import { useEffect, useState } from "react";
import { useQuery } from "@apollo/client/react";
import { AccessLog } from "../features/access-log/AccessLog";
import { CasePage } from "../features/case/CasePage";
import { Caseload } from "../features/caseload/Caseload";
import { ReferralsInbox } from "../features/referrals/ReferralsInbox";
import { VIEWER_QUERY } from "../features/session/SignedInAs";
import { setAccessPurpose } from "./apollo";
import { canReadAccessLog, purposeFor } from "./purpose";

// Where the person is, in memory only: case ids and victim references never go in the
// address bar, history or page title.
type View = { page: "caseload" } | { page: "case"; caseId: string } | { page: "referrals" } | { page: "access-log" };

const titles: Record<View["page"], string> = {
  caseload: "My caseload",
  case: "Case",
  referrals: "Referrals inbox",
  "access-log": "Who has seen this victim's data",
};

/** The signed-in portal: works out the access purpose, then shows the chosen page. */
export function Portal() {
  const { data, error, refetch } = useQuery(VIEWER_QUERY);
  const [view, setView] = useState<View>({ page: "caseload" });
  const viewer = data?.viewer;
  const purpose = viewer ? purposeFor(viewer.organisation.kind, viewer.roles) : null;
  // Set before the pages below render, so their first requests already state it.
  if (viewer) setAccessPurpose(purpose);

  useEffect(() => {
    document.title = `${titles[view.page]} – Victims' Partnership Hub`;
    return () => {
      document.title = "Victims' Partnership Hub";
    };
  }, [view.page]);

  if (!viewer) {
    return error ? (
      <div className="problem" role="alert">
        <p>We could not check who you are signed in as. Check your connection and try again.</p>
        <button type="button" className="button" onClick={() => refetch().catch(() => {})}>
          Try again
        </button>
      </div>
    ) : (
      <p role="status" className="status">
        Checking your details…
      </p>
    );
  }
  if (!purpose) {
    return (
      <div className="problem" role="alert">
        <h1>Your account cannot see case data yet</h1>
        <p>The hub does not know why your organisation works on cases. Ask your organisation admin to check your account.</p>
      </div>
    );
  }

  const auditor = canReadAccessLog(viewer.roles);
  const go = (next: View) => setView(next);
  const current = view.page === "case" ? "caseload" : view.page;
  const links: { page: "caseload" | "referrals" | "access-log"; label: string }[] = [
    { page: "caseload", label: "My caseload" },
    { page: "referrals", label: "Referrals inbox" },
    ...(auditor ? [{ page: "access-log" as const, label: "Who has seen a victim's data" }] : []),
  ];

  return (
    <>
      <nav aria-label="Portal" className="portal-nav no-print">
        <ul>
          {links.map((l) => (
            <li key={l.page}>
              <button
                type="button"
                className="nav-button"
                aria-current={current === l.page ? "page" : undefined}
                onClick={() => go({ page: l.page })}
              >
                {l.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {view.page === "caseload" && <Caseload onOpenCase={(caseId) => go({ page: "case", caseId })} />}
      {view.page === "case" && <CasePage caseId={view.caseId} onBack={() => go({ page: "caseload" })} />}
      {view.page === "referrals" && <ReferralsInbox />}
      {view.page === "access-log" && auditor && <AccessLog />}
    </>
  );
}
