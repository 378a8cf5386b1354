import { type ComponentType, lazy, Suspense, useEffect, useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Caseload } from "../features/caseload/Caseload";
import { canReadCompliance } from "../features/compliance/complianceFigures";
import { canMaintainDirectory, OurServices } from "../features/directory/OurServices";
import { notificationsNavLabel } from "../features/notifications/notificationWords";
import { UnreadAnnouncer, useUnreadNotifications } from "../features/notifications/unreadNotifications";
import { VIEWER_QUERY } from "../features/session/SignedInAs";
import { setAccessPurpose } from "./apollo";
import { canReadAccessLog, purposeFor } from "./purpose";
import { administers, opensCases } from "./roles";
import { LoadProblem } from "./LoadProblem";

/** Shown in place of a page whose code could not be fetched (offline, or the hub was updated since this tab opened). */
function PageNotLoaded() {
  return (
    <LoadProblem
      message="We could not load this page. Check your connection and try again."
      onRetry={() => {
        window.location.reload();
        return undefined;
      }}
    />
  );
}

/**
 * A page fetched the first time someone opens it, so the portal's first load carries only the
 * caseload. Each one is its own file in the build.
 */
function page<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => {
    try {
      return { default: await load() };
    } catch {
      return { default: PageNotLoaded as ComponentType<P> };
    }
  });
}

const AccessLog = page(() => import("../features/access-log/AccessLog").then((m) => m.AccessLog));
const AdministrationPage = page(() => import("../features/administration/AdministrationPage").then((m) => m.AdministrationPage));
const CasePage = page(() => import("../features/case/CasePage").then((m) => m.CasePage));
const CompliancePage = page(() => import("../features/compliance/CompliancePage").then((m) => m.CompliancePage));
const NotAvailable = page(() => import("../features/compliance/CompliancePage").then((m) => m.NotAvailable));
const DirectoryPage = page(() => import("../features/directory/DirectoryPage").then((m) => m.DirectoryPage));
const NotificationsPage = page(() => import("../features/notifications/NotificationsPage").then((m) => m.NotificationsPage));
const OpenCasePage = page(() => import("../features/open-case/OpenCasePage").then((m) => m.OpenCasePage));
const ReferralsInbox = page(() => import("../features/referrals/ReferralsInbox").then((m) => m.ReferralsInbox));

// Where the person is, in memory only: case ids and victim references never go in the
// address bar, history or page title.
type View =
  | { page: "caseload" }
  | { page: "case"; caseId: string; arrival?: "opened" | "already-open" }
  | { page: "open-case" }
  | { page: "referrals" }
  | { page: "access-log" }
  | { page: "directory"; caseId?: string }
  | { page: "our-services" }
  | { page: "compliance" }
  | { page: "notifications" }
  | { page: "administration" };

/** Pages for people whose work is not on cases (the partnership's administrators): no case data, no stated purpose. */
const WITHOUT_CASE_DATA: readonly View["page"][] = ["directory", "our-services", "compliance", "notifications", "administration"];

const titles: Record<View["page"], string> = {
  caseload: "My caseload",
  case: "Case",
  "open-case": "Open a case",
  referrals: "Referrals inbox",
  "access-log": "Who has seen this victim's data",
  directory: "Find local support",
  "our-services": "Our services",
  compliance: "Victims' Code compliance",
  notifications: "Notifications",
  administration: "Administration",
};

/** The signed-in portal: works out the access purpose, then shows the chosen page. */
export function Portal() {
  const { data, error, refetch } = useQuery(VIEWER_QUERY);
  const [chosen, setView] = useState<View>({ page: "caseload" });
  const viewer = data?.viewer;
  const purpose = viewer ? purposeFor(viewer.organisation.kind, viewer.roles) : null;
  // Set before the pages below render, so their first requests already state it.
  if (viewer) setAccessPurpose(purpose);
  const maintainsDirectory = viewer ? canMaintainDirectory(viewer.roles) : false;
  const administrator = viewer ? administers(viewer.roles) : false;
  const caseOpener = viewer ? purpose !== null && purpose !== "AUDIT" && opensCases(viewer.organisation.kind) : false;
  // Directory admins and partnership administrators who work on no cases (the partnership's)
  // see only the pages without case data: the directory first, or administration.
  const view: View = purpose || !viewer || WITHOUT_CASE_DATA.includes(chosen.page) ? chosen : { page: maintainsDirectory ? "our-services" : "administration" };

  useEffect(() => {
    document.title = `${titles[view.page]} – Victims' Partnership Hub`;
    return () => {
      document.title = "Victims' Partnership Hub";
    };
  }, [view.page]);
  const unread = useUnreadNotifications(view.page, !viewer);

  if (!viewer) {
    return error ? (
      <LoadProblem message="We could not check who you are signed in as. Check your connection and try again." onRetry={() => refetch()} />
    ) : (
      <p role="status" className="status">
        Checking your details…
      </p>
    );
  }
  if (!purpose && !maintainsDirectory && !administrator) {
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
  const links: { page: Exclude<View["page"], "case">; label: string }[] = [
    ...(purpose ? [{ page: "caseload" as const, label: "My caseload" }, { page: "referrals" as const, label: "Referrals inbox" }] : []),
    ...(caseOpener ? [{ page: "open-case" as const, label: "Open a case" }] : []),
    { page: "directory", label: "Find local support" },
    ...(maintainsDirectory ? [{ page: "our-services" as const, label: "Our services" }] : []),
    ...(auditor ? [{ page: "access-log" as const, label: "Who has seen a victim's data" }] : []),
    ...(canReadCompliance(viewer.roles) ? [{ page: "compliance" as const, label: "Victims' Code compliance" }] : []),
    { page: "notifications", label: notificationsNavLabel(unread) },
    ...(administrator ? [{ page: "administration" as const, label: "Administration" }] : []),
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
        <UnreadAnnouncer unread={unread} />
      </nav>
      <Suspense
        fallback={
          <p role="status" className="status">
            Loading the page…
          </p>
        }
      >
        {view.page === "caseload" && <Caseload onOpenCase={(caseId) => go({ page: "case", caseId })} />}
      {view.page === "case" && (
        <CasePage
          key={view.caseId}
          caseId={view.caseId}
          arrival={view.arrival}
          onBack={() => go({ page: "caseload" })}
          onFindSupport={() => go({ page: "directory", caseId: view.caseId })}
        />
      )}
      {view.page === "open-case" && caseOpener && (
        <OpenCasePage viewer={viewer} onOpened={(caseId, alreadyOpen) => go({ page: "case", caseId, arrival: alreadyOpen ? "already-open" : "opened" })} />
      )}
      {view.page === "administration" && administrator && <AdministrationPage />}
      {view.page === "directory" && <DirectoryPage key={view.caseId ?? ""} forCaseId={view.caseId ?? null} canSignpost={purpose !== null && purpose !== "AUDIT"} onOpenCase={(caseId) => go({ page: "case", caseId })} />}
      {view.page === "our-services" && maintainsDirectory && <OurServices />}
      {view.page === "referrals" && <ReferralsInbox />}
      {view.page === "access-log" && auditor && <AccessLog />}
      {view.page === "notifications" && <NotificationsPage onOpenCase={(caseId) => go({ page: "case", caseId })} onOpenReferrals={() => go({ page: "referrals" })} />}
      {view.page === "compliance" && (canReadCompliance(viewer.roles) ? <CompliancePage /> : <NotAvailable />)}
      </Suspense>
    </>
  );
}
