import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { CombinedGraphQLErrors } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { graphql } from "../../generated/graphql";
import type { ComplianceFiltersQuery, ComplianceReportQuery } from "../../generated/graphql/graphql";
import { dutyInWords } from "../cases/caseWords";
import {
  barWidth,
  breachesInWords,
  calendarDaysInWords,
  onTimeInWords,
  PERIODS,
  type PeriodChoice,
  periodRange,
  scaleTop,
  workingDaysInWords,
} from "./complianceFigures";
import { LoadProblem } from "../../app/LoadProblem";

type ComplianceRow = ComplianceReportQuery["complianceReport"][number];
type IntervalRow = ComplianceReportQuery["updateIntervalReport"][number];
/** What both reports say about where a row's figures come from. */
type Place = Pick<ComplianceRow, "areaId" | "areaName" | "organisationId" | "organisationName" | "suppressed">;
export const COMPLIANCE_REPORT = graphql(`
  query ComplianceReport($from: DateTime!, $to: DateTime!, $areaId: ID) {
    complianceReport(from: $from, to: $to, areaId: $areaId) {
      areaId
      areaName
      organisationId
      organisationName
      duty
      what
      source
      suppressed
      clocks
      onTime
      late
      breachedOpen
      stillOpen
      onTimePercent
      medianWorkingDays
    }
    updateIntervalReport(from: $from, to: $to, areaId: $areaId) {
      areaId
      areaName
      organisationId
      organisationName
      suppressed
      cases
      intervals
      medianDays
    }
  }
`);

export const COMPLIANCE_FILTERS = graphql(`
  query ComplianceFilters {
    organisations {
      id
      name
      areas {
        id
        name
      }
    }
  }
`);

const REFERRAL_DUTY = "REFERRAL_ACKNOWLEDGEMENT";
const WITHHELD = "Withheld: fewer than 3, so no victim can be singled out";
const context = { purpose: "COMPLIANCE_MONITORING" };

type Filters = { period: PeriodChoice; areaId: string; organisationId: string };

/** Victims' Code compliance for organisation admins and partnership auditors: aggregates only, no victim data. */
export function CompliancePage() {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ids = { rights: useId(), referrals: useId(), local: useId(), intervals: useId() };
  const [chosen, setChosen] = useState<Filters>({ period: "last-12-months", areaId: "", organisationId: "" });
  const [shown, setShown] = useState<Filters>(chosen);
  const range = periodRange(shown.period, new Date());
  const report = useQuery(COMPLIANCE_REPORT, { variables: { ...range, areaId: shown.areaId || null }, context, fetchPolicy: "network-only" });
  const filters = useQuery(COMPLIANCE_FILTERS, { context });
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const organisations = filters.data?.organisations ?? [];
  const areas = [...new Map(organisations.flatMap((o) => o.areas).map((a) => [a.id, a.name])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const forbidden = CombinedGraphQLErrors.is(report.error) && report.error.errors.some((e) => e.extensions?.code === "FORBIDDEN");
  const ofOrganisation = <T extends Place>(rows: readonly T[]) => rows.filter((r) => !shown.organisationId || r.organisationId === shown.organisationId);
  const rows = ofOrganisation(report.data?.complianceReport ?? []);
  const intervals = ofOrganisation(report.data?.updateIntervalReport ?? []);
  const duties = [...new Set(rows.filter((r) => r.source !== "LOCAL_STANDARD").map((r) => r.duty).filter((d) => d !== REFERRAL_DUTY))].sort();
  // The partnership's own standards for an area, by name: its promises, not the Code's.
  const localStandards = [...new Map(rows.filter((r) => r.source === "LOCAL_STANDARD").map((r) => [r.duty, r.what])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const referrals = rows.filter((r) => r.duty === REFERRAL_DUTY);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setShown(chosen);
  }

  if (forbidden) return <NotAvailable />;

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        Victims' Code compliance
      </h1>
      <p className="lead">
        How the partnership met the Victims' Code deadlines, by area and organisation. Numbers only: nothing here is about one victim, and groups of fewer than 3 are withheld.
      </p>
      <form onSubmit={submit} noValidate className="compliance-filters no-print">
        <Choice label="Period" value={chosen.period} onChange={(period) => setChosen({ ...chosen, period: period as PeriodChoice })} options={Object.entries(PERIODS)} />
        <Choice label="Area" value={chosen.areaId} onChange={(areaId) => setChosen({ ...chosen, areaId })} options={[["", "All areas"], ...areas]} />
        <Choice
          label="Organisation"
          value={chosen.organisationId}
          onChange={(organisationId) => setChosen({ ...chosen, organisationId })}
          options={[["", "All organisations"], ...organisations.map((o): [string, string] => [o.id, o.name])]}
        />
        <button type="submit" className="button">
          Show the figures
        </button>
      </form>

      <p role="status" className="status">
        {report.loading ? "Loading the compliance figures…" : report.data ? shownInWords(shown, areas, organisations, rows.length + intervals.length) : ""}
      </p>
      {report.error && !report.loading && (
        <LoadProblem message="We could not load the compliance figures. Check your connection and try again." onRetry={() => report.refetch()} />
      )}
      {report.data && !report.loading && rows.length + intervals.length === 0 && (
        <p>No Victims' Code deadlines fell in this period for this area and organisation, and no updates reached victims. Try a longer period or all areas.</p>
      )}

      {duties.length > 0 && (
        <section aria-labelledby={ids.rights}>
          <h2 id={ids.rights}>On time, by Victims' Code right</h2>
          <p>
            Deadlines that fell in the period. A bar shows the share done on time; the median is the middle of the working days it took to tell the victim, from the event that
            started the deadline.
          </p>
          {duties.map((duty) => (
            <DeadlineTable
              key={duty}
              caption={dutyInWords(duty)}
              rows={rows.filter((r) => r.duty === duty)}
              headings={{ organisation: "Organisation that owes it", onTime: "Done on time", missed: "Missed", median: "Median time to tell her" }}
            />
          ))}
        </section>
      )}

      {referrals.length > 0 && (
        <section aria-labelledby={ids.referrals}>
          <h2 id={ids.referrals}>Referral acknowledgement</h2>
          <p>The partnership's standard: a referral is answered within 2 working days. Each organisation is the one referred to. (Right 4, the police's and the Witness Care Unit's duty to refer her, is with the other rights above.)</p>
          <DeadlineTable
            caption="Referrals acknowledged, by the organisation referred to"
            rows={referrals}
            headings={{ organisation: "Organisation referred to", onTime: "Acknowledged in time", missed: "Not acknowledged in time", median: "Median time to acknowledge" }}
          />
        </section>
      )}

      {localStandards.length > 0 && (
        <section aria-labelledby={ids.local}>
          <h2 id={ids.local}>Our local service standards</h2>
          <p>Promises the partnership made beyond the Victims' Code, timed like its rights. They are not the law: they are what the partnership agreed to do.</p>
          {localStandards.map(([duty, what]) => (
            <DeadlineTable
              key={duty}
              caption={dutyInWords(duty, what)}
              rows={rows.filter((r) => r.duty === duty)}
              headings={{ organisation: "Organisation that owes it", onTime: "Done on time", missed: "Missed", median: "Median time to do it" }}
            />
          ))}
        </section>
      )}

      {intervals.length > 0 && (
        <section aria-labelledby={ids.intervals}>
          <h2 id={ids.intervals}>Days between updates to victims</h2>
          <p>For every update that reached a victim in the period, the days since that organisation's previous update to her. Shorter is more often.</p>
          <IntervalTable rows={intervals} />
        </section>
      )}
    </>
  );
}

/** One filter: a labelled select of [value, words] options. */
function Choice({ label, value, onChange, options }: { label: string; value: string; onChange: (value: string) => void; options: readonly [string, string][] }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([optionValue, words]) => (
          <option key={optionValue} value={optionValue}>
            {words}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Said when the hub refuses the report to the signed-in person's role. */
export function NotAvailable() {
  return (
    <>
      <h1>Victims' Code compliance</h1>
      <div className="notice" role="status">
        <p>This page is not available to your role. Compliance figures are for organisation admins and partnership auditors.</p>
      </div>
    </>
  );
}

function shownInWords(shown: Filters, areas: [string, string][], organisations: ComplianceFiltersQuery["organisations"], count: number): string {
  const area = areas.find(([id]) => id === shown.areaId)?.[1] ?? "all areas";
  const organisation = organisations.find((o) => o.id === shown.organisationId)?.name ?? "all organisations";
  const period = PERIODS[shown.period].replace(/^The /, "the ").replace(/^This /, "this ").replace(/^Last /, "last ");
  return `Showing ${period}, ${area}, ${organisation}: ${count === 0 ? "nothing to show" : `${count} ${count === 1 ? "group" : "groups"}`}.`;
}

function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements lint/a11y/noNoninteractiveTabindex: a focusable scroll region for keyboard users at high zoom
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table className="bar-table">{children}</table>
    </div>
  );
}

function Where({ row }: { row: Place }) {
  return (
    <th scope="row">
      {row.organisationName ?? "No organisation of the kind that owes it is on the case"}
      <span className="bar-table-area">{row.areaName}</span>
    </th>
  );
}

/** A table's rows, one a place: its figures, or one cell across them when they are withheld. */
function PlaceRows<R extends Place>({ rows, figures, cells }: { rows: readonly R[]; figures: number; cells: (row: R) => ReactNode }) {
  return (
    <tbody>
      {rows.map((r) => (
        <tr key={`${r.areaId}-${r.organisationId}`}>
          <Where row={r} />
          {r.suppressed ? <td colSpan={figures}>{WITHHELD}</td> : cells(r)}
        </tr>
      ))}
    </tbody>
  );
}

/** A bar and its value in words; the bar is decoration, the words are the figure. */
function Bar({ width, kind, children }: { width: number; kind: "on-time" | "median"; children: ReactNode }) {
  return (
    <>
      <span className={`bar-track bar-${kind}`} aria-hidden="true">
        <span className="bar-fill" style={{ width: `${width}%` }} />
      </span>
      <span className="bar-value">{children}</span>
    </>
  );
}

type Headings = { organisation: string; onTime: string; missed: string; median: string };

function DeadlineTable({ caption, rows, headings }: { caption: string; rows: ComplianceRow[]; headings: Headings }) {
  const top = scaleTop(rows.map((r) => r.medianWorkingDays));
  return (
    <ScrollTable label={caption}>
      <caption>
        {caption}
        {rows.some((r) => r.medianWorkingDays !== null) && <span className="bar-table-scale">Time bars are drawn on a scale of 0 to {workingDaysInWords(top).toLowerCase()}.</span>}
      </caption>
      <thead>
        <tr>
          <th scope="col">{headings.organisation}</th>
          <th scope="col">{headings.onTime}</th>
          <th scope="col">{headings.missed}</th>
          <th scope="col">{headings.median}</th>
        </tr>
      </thead>
      <PlaceRows
        rows={rows}
        figures={3}
        cells={(r) => (
          <>
            <td data-label={headings.onTime}>
              <Bar width={barWidth(r.onTimePercent, 100)} kind="on-time">
                {onTimeInWords(r.onTimePercent, r.onTime!, r.onTime! + r.late! + r.breachedOpen!)}
                {r.stillOpen ? `; ${r.stillOpen} not yet due` : ""}
              </Bar>
            </td>
            <td data-label={headings.missed}>
              {r.late! + r.breachedOpen! > 0 && (
                <span className="breach-marker" aria-hidden="true">
                  !
                </span>
              )}
              {breachesInWords(r.late!, r.breachedOpen!)}
            </td>
            <td data-label={headings.median}>
              <Bar width={barWidth(r.medianWorkingDays, top)} kind="median">
                {workingDaysInWords(r.medianWorkingDays)}
              </Bar>
            </td>
          </>
        )}
      />
    </ScrollTable>
  );
}

function IntervalTable({ rows }: { rows: IntervalRow[] }) {
  const top = scaleTop(rows.map((r) => r.medianDays));
  const caption = "Median days between updates, by organisation";
  return (
    <ScrollTable label={caption}>
      <caption>
        {caption}
        {rows.some((r) => r.medianDays !== null) && <span className="bar-table-scale">Bars are drawn on a scale of 0 to {calendarDaysInWords(top)}.</span>}
      </caption>
      <thead>
        <tr>
          <th scope="col">Organisation</th>
          <th scope="col">Median days between updates</th>
          <th scope="col">Updates counted</th>
        </tr>
      </thead>
      <PlaceRows
        rows={rows}
        figures={2}
        cells={(r) => (
          <>
            <td data-label="Median days between updates">
              <Bar width={barWidth(r.medianDays, top)} kind="median">
                {calendarDaysInWords(r.medianDays)}
              </Bar>
            </td>
            <td data-label="Updates counted">
              {r.intervals} {r.intervals === 1 ? "update" : "updates"}, {r.cases} cases
            </td>
          </>
        )}
      />
    </ScrollTable>
  );
}
