// "Her consent": what everything she has said adds up to now (Case.consentNow), organisation by
// organisation; every time she said something (Case.consents), with what she said, who recorded
// it, how and when she said it, and what has since been replaced; and, for those the hub lets
// record it (viewerMay.recordConsent), a form for what she agreed or asked to keep back and
// one for taking something back. Only what the hub returned is shown: a reason or evidence the
// hub keeps from your organisation is simply not there.
import { useId, useRef, useState } from "react";
import { StatusTag } from "../../app/StatusTag";
import {
  consentCategoryInWords,
  consentPurposeInWords,
  CONSENT_CATEGORIES,
  everyOfKindInWords,
  listInWords,
  lowerFirst,
  saidHowInWords,
} from "../../app/words";
import { oneOrganisationKindInWords } from "../../app/roles";
import { graphql } from "../../generated/graphql";
import { dateInWords, dateTimeInWords } from "../cases/caseWords";
import type { CaseOnPage } from "./AgenciesPanel";
import { RecordConsentForm, WithdrawConsentForm } from "./ConsentForms";

export const CASE_CONSENT_PARTS = graphql(`
  fragment CaseConsentParts on Case {
    consentNow {
      organisationId
      category
      purpose
      consentId
      selfRecorded
    }
    consents {
      id
      capturedAt
      capturedByOrganisationId
      givenBy
      explicit
      evidence
      reviewDate
      saidHow
      saidAt
      selfRecorded
      withdrawal
      withdrawnAt
      statements {
        id
        decision
        category
        purpose
        recipientOrganisationId
        recipientKind
        toEveryone
        statedAt
        reason
        supersededAt
      }
      scopes {
        category
        purpose
        recipientKind
        recipientOrganisationId
      }
      withholdings {
        category
        fromOrganisationId
      }
    }
  }
`);

export type Organisation = { id: string; name: string; kind: string };
type Statement = CaseOnPage["consents"][number]["statements"][number];
type Grant = CaseOnPage["consentNow"][number];

/** Whom a statement is about, inside a sentence: an organisation's name, "every ISVA service" or "everyone". */
export function recipientInWords(s: { recipientOrganisationId?: string | null; recipientKind?: string | null }, organisationName: (id: string) => string): string {
  if (s.recipientOrganisationId) return organisationName(s.recipientOrganisationId);
  if (s.recipientKind) return everyOfKindInWords(s.recipientKind);
  return "everyone";
}

/** A purpose inside a sentence; null (every purpose) says so. */
export function purposeOrAnyInWords(purpose: string | null | undefined): string {
  return purpose ? consentPurposeInWords(purpose) : "for any purpose";
}

/** One thing she said, as a sentence: "She agreed to share how to contact her with the CPS, to keep her informed." */
export function statementInWords(s: Pick<Statement, "decision" | "category" | "purpose" | "recipientOrganisationId" | "recipientKind">, organisationName: (id: string) => string): string {
  const what = lowerFirst(consentCategoryInWords(s.category));
  const who = recipientInWords(s, organisationName);
  const why = purposeOrAnyInWords(s.purpose);
  if (s.decision === "GIVEN") return `She agreed to share ${what} with ${who}, ${why}.`;
  if (s.decision === "WITHHELD") return `She asked to keep ${what} back from ${who}, ${why}.`;
  if (s.decision === "WITHDRAWN") return `She no longer wants ${who} to see ${what}, ${why}.`;
  return `${lowerFirst(consentCategoryInWords(s.category))}: ${who}, ${why}.`;
}

/** What she has agreed now, organisation by organisation: each kind of information and what for, in the form's order. */
export function agreedNowByOrganisation(grants: readonly Grant[]) {
  const byOrganisation = new Map<string, Map<string, { purposes: string[]; selfRecorded: boolean }>>();
  for (const g of grants) {
    const categories = byOrganisation.get(g.organisationId) ?? new Map<string, { purposes: string[]; selfRecorded: boolean }>();
    const entry = categories.get(g.category) ?? { purposes: [], selfRecorded: false };
    entry.purposes.push(g.purpose);
    entry.selfRecorded ||= g.selfRecorded;
    categories.set(g.category, entry);
    byOrganisation.set(g.organisationId, categories);
  }
  const order = (c: string) => (CONSENT_CATEGORIES.indexOf(c) + 100) % 100;
  return [...byOrganisation].map(([organisationId, categories]) => ({
    organisationId,
    categories: [...categories].sort(([a], [b]) => order(a) - order(b)).map(([category, v]) => ({ category, ...v })),
  }));
}

const whoSaidIt: Readonly<Record<string, string>> = {
  VICTIM: "She said it herself",
  PARENT_OR_GUARDIAN: "Her parent or guardian said it",
  OTHER_REPRESENTATIVE: "Someone representing her said it",
};

/** Who said it, at the start of a sentence: "She said it herself". */
export function whoSaidItInWords(givenBy: string): string {
  return whoSaidIt[givenBy] ?? "Someone said it on her behalf";
}

type ConsentPanelProps = {
  kase: CaseOnPage;
  organisations: readonly Organisation[];
  headingId: string;
  /** The hub lets the signed-in person record her consent on this case (and they work cases). */
  canRecord: boolean;
  /** The signed-in person's organisation, to mark "your organisation". */
  viewerOrganisationId: string | null;
  /** Refetches the case after something is recorded. */
  onChanged: () => Promise<unknown>;
};

export function ConsentPanel({ kase, organisations, headingId, canRecord, viewerOrganisationId, onChanged }: ConsentPanelProps) {
  const [open, setOpen] = useState<"record" | "withdraw" | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const base = useId();
  const ids = { now: `${base}-now`, history: `${base}-history`, record: `${base}-record`, withdraw: `${base}-withdraw` };
  const organisationName = (id: string) => organisations.find((o) => o.id === id)?.name ?? "another organisation";
  const organisationKind = (id: string) => organisations.find((o) => o.id === id)?.kind ?? null;
  const onCase: Organisation[] = kase.involvements.map((i) => i.organisation);
  // "Recorded by this organisation itself": the record it came from was captured by that
  // organisation (a record's self-recorded mark covers the whole record, not each organisation in it).
  const capturedBy = new Map(kase.consents.map((c) => [c.id, c.capturedByOrganisationId]));
  const grants = kase.consentNow.map((g) => ({ ...g, selfRecorded: capturedBy.has(g.consentId) ? capturedBy.get(g.consentId) === g.organisationId : g.selfRecorded }));
  const agreed = agreedNowByOrganisation(grants).sort((a, b) => organisationName(a.organisationId).localeCompare(organisationName(b.organisationId), "en-GB"));

  const close = (buttonId: string) => {
    setOpen(null);
    setTimeout(() => document.getElementById(buttonId)?.focus(), 0);
  };
  const finished = async (message: string) => {
    await onChanged().catch(() => {});
    setOpen(null);
    setDone(message);
    setTimeout(() => doneRef.current?.focus(), 0);
  };

  return (
    <section className="consent-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Her consent</h2>
      <p className="hint">What she has said may be shared, with whom and what for. Her most recent word on each thing stands, whoever recorded it.</p>

      <h3 id={ids.now}>What she has agreed now</h3>
      {agreed.length === 0 ? (
        <p>At the moment she has not agreed to share anything with any organisation.</p>
      ) : (
        <ul className="plain-list consent-now" aria-labelledby={ids.now}>
          {agreed.map((o) => {
            const kind = organisationKind(o.organisationId);
            return (
              <li key={o.organisationId} className="consent-organisation">
                <h4>
                  {organisationName(o.organisationId)}
                  {kind ? ` (${oneOrganisationKindInWords(kind)})` : ""}
                  {o.organisationId === viewerOrganisationId ? ": your organisation" : ""}
                </h4>
                <ul>
                  {o.categories.map((c) => (
                    <li key={c.category}>
                      <strong>{consentCategoryInWords(c.category)}</strong>, {listInWords(c.purposes.map(consentPurposeInWords))}
                      {c.selfRecorded ? ". Recorded by this organisation itself" : ""}
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      )}

      {done && (
        <div className="notice no-print" role="status" tabIndex={-1} ref={doneRef}>
          <p>{done}</p>
        </div>
      )}

      {canRecord && open === null && (
        <p className="button-group no-print">
          <button
            type="button"
            id={ids.record}
            className="button button-secondary"
            onClick={() => {
              setDone(null);
              setOpen("record");
            }}
          >
            Record her consent
          </button>
          <button
            type="button"
            id={ids.withdraw}
            className="button button-secondary"
            onClick={() => {
              setDone(null);
              setOpen("withdraw");
            }}
          >
            Record a withdrawal
          </button>
        </p>
      )}
      {canRecord && open === "record" && (
        <RecordConsentForm caseId={kase.id} onCase={onCase} organisationName={organisationName} onCancel={() => close(ids.record)} onRecorded={finished} />
      )}
      {canRecord && open === "withdraw" && (
        <WithdrawConsentForm caseId={kase.id} onCase={onCase} organisationName={organisationName} onCancel={() => close(ids.withdraw)} onRecorded={finished} />
      )}

      <h3 id={ids.history}>Everything she has said, newest first</h3>
      {kase.consents.length === 0 ? (
        <p>Nothing has been recorded about what she agrees to share.</p>
      ) : (
        <ol className="plain-list consent-history" aria-labelledby={ids.history}>
          {kase.consents.map((consent) => (
            <li key={consent.id} className="consent">
              <p>
                {consent.withdrawal ? (
                  <StatusTag tone="neutral">Withdrawal</StatusTag>
                ) : consent.withdrawnAt ? (
                  <StatusTag tone="neutral">No longer stands</StatusTag>
                ) : (
                  <StatusTag tone="done">Stands</StatusTag>
                )}{" "}
                {consent.selfRecorded && (
                  <>
                    <StatusTag tone="due">Self-recorded</StatusTag>{" "}
                  </>
                )}
                <strong>
                  Recorded by {organisationName(consent.capturedByOrganisationId)} on {dateTimeInWords(consent.capturedAt)}
                </strong>
              </p>
              <p>
                {whoSaidItInWords(consent.givenBy)}
                {consent.saidHow ? `, ${lowerFirst(saidHowInWords(consent.saidHow))}` : ""}
                {consent.saidAt ? `, on ${dateTimeInWords(consent.saidAt)}` : ""}.{consent.explicit ? " Explicit consent." : ""}
                {consent.reviewDate ? ` Review by ${dateInWords(consent.reviewDate)}.` : ""}
                {consent.selfRecorded ? " Her named contact and the agency holding her details were told, because the organisation recorded it for itself." : ""}
              </p>
              {consent.evidence && <p className="hint">Where the record is kept: {consent.evidence}</p>}
              <ul>
                {consent.statements.map((s) => (
                  <li key={s.id} className={s.supersededAt ? "consent-replaced" : undefined}>
                    {s.supersededAt && (
                      <>
                        <StatusTag tone="neutral">Replaced</StatusTag>{" "}
                      </>
                    )}
                    {statementInWords(s, organisationName)}
                    {s.reason ? ` Why: ${s.reason}` : ""}
                    {s.supersededAt ? ` Replaced on ${dateInWords(s.supersededAt)} by something she said later.` : ""}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
