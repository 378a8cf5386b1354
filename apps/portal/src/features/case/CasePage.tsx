import { useEffect, useId, useRef, useState } from "react";
import { useQuery } from "@apollo/client/react";
import { graphql } from "../../generated/graphql";
import { purposeFor } from "../../app/purpose";
import { StatusTag } from "../../app/StatusTag";
import {
  channelInWords,
  clockInWords,
  clockStatusInWords,
  clockTone,
  dateInWords,
  dateTimeInWords,
  offenceInWords,
  organisationKindInWords,
  outcomeInWords,
  referralInWords,
  referralStatusInWords,
  stageInWords,
  taskStatusInWords,
  updateTypeInWords,
} from "../cases/caseWords";
import { caseName } from "../caseload/Caseload";
import { MakeReferralForm } from "../referrals/MakeReferralForm";
import { VIEWER_QUERY } from "../session/SignedInAs";
import { AgenciesPanel } from "./AgenciesPanel";
import { CaseDetailsForm, CaseStagePanel } from "./CaseStagePanel";
import { EnhancedRightsPanel } from "./EnhancedRightsPanel";
import { VictimDetailsPanel } from "./VictimDetailsPanel";
import { ConsentPanel } from "./ConsentPanel";
import { ContactAgreementForm } from "./ContactAgreementForm";
import { ContactContractPanel } from "./ContactContractPanel";
import { taskToDo } from "../caseload/attention";
import { RecordContactForm } from "./RecordContactForm";
import { AnswerQuestionForm } from "./AnswerQuestionForm";

export const CASE_QUERY = graphql(`
  query CasePage($id: ID!) {
    organisations {
      id
      name
      kind
      active
    }
    case(id: $id) {
      __typename
      ... on NotFoundError {
        message
      }
      ... on Case {
        id
        policeUrn
        cpsReference
        victimReference
        offenceCategory
        stage
        openedAt
        closedAt
        version
        area {
          id
          name
        }
        agreedMessage {
          whereThingsStand
          whatHappensNext
          roughlyWhen
          lastChangedAt
          namedContact {
            name
            organisation
          }
          support
          rightToReview
        }
        contactAgreement
        contactContract {
          agreedAt
          channels
          refusedChannels
          safeDays
          safeFrom
          safeUntil
          noVoicemail
          neverFromWithheldNumber
          noLettersToHome
          codeword
          language
          interpreterNeeded
          accessibilityNeeds
          detailLevel
          updateFrequency
          version
        }
        enhancedRights {
          assessedAt
          eligible
          grounds
          serviceTier
          raisedAtVictimsWish
          reviewBy
          reassessment {
            due
            reasons
            explanation
            raisedAt
          }
        }
        clocks {
          id
          duty
          what
          status
          dueAt
          satisfiedAt
          owedByKind
        }
        keepInTouchTasks {
          id
          status
          dueAt
          suggestedMessage
        }
        timeline {
          id
          type
          occurredAt
          victimExplanation
          supersededById
        }
        contacts {
          id
          at
          channel
          outcome
          summary
          organisationId
        }
        ...CaseConsentParts
        referrals {
          id
          status
          reason
          urgency
          createdAt
          toOrganisationId
          toServiceName
          outcome
          shares
          outcomeInAgreedMessage
        }
        questions {
          id
          question
          forKind
          dueBy
          overdue
          answer
          answeredAt
        }
        involvements {
          ...CaseInvolvementParts
        }
        viewerMay {
          closeOrReopen
          changeCpsReference
          changeOffence
          addAgency
          recordConsent
          involvements {
            involvementId
            handOver
            end
          }
        }
        involvementHistory {
          ...CaseInvolvementParts
        }
        stageHistory {
          fromStage
          toStage
          cause
          reason
          at
          byOrganisationId
        }
      }
    }
  }
`);

type CasePageProps = {
  caseId: string;
  onBack: () => void;
  /** Opens the directory with this case chosen for signposting (in memory, never in the URL). */
  onFindSupport?: () => void;
  /** Just opened from "Open a case": a new case, or one the hub already had. */
  arrival?: "opened" | "already-open";
};

/** What the page says at the top when you arrive from "Open a case". */
export function arrivalInWords(arrival: "opened" | "already-open"): string {
  return arrival === "opened"
    ? "Case opened. Your organisation is on it, and you are her named contact unless you chose someone else."
    : "The hub already had this case: the same police URN for the same victim. Nothing new was made, and you are on this case now.";
}

export function CasePage({ caseId, onBack, onFindSupport, arrival }: CasePageProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const detailsButtonRef = useRef<HTMLButtonElement>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const [left, setLeft] = useState<string | null>(null);
  const [changingDetails, setChangingDetails] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [answered, setAnswered] = useState<string | null>(null);
  // Her codeword stays off paper unless the user asks: a printed page can be left behind.
  const [printCodeword, setPrintCodeword] = useState(false);
  const [agreeing, setAgreeing] = useState(false);
  const [agreed, setAgreed] = useState<string | null>(null);
  const agreedRef = useRef<HTMLDivElement>(null);
  const answeredRef = useRef<HTMLParagraphElement>(null);
  const ids = {
    message: useId(),
    contract: useId(),
    rights: useId(),
    record: useId(),
    ledger: useId(),
    clocks: useId(),
    timeline: useId(),
    consent: useId(),
    referrals: useId(),
    makeReferral: useId(),
    questions: useId(),
    victim: useId(),
    agencies: useId(),
    stages: useId(),
    printHint: useId(),
    printCodeword: useId(),
  };
  const { data, error, refetch } = useQuery(CASE_QUERY, { variables: { id: caseId }, fetchPolicy: "cache-and-network" });
  // Who is signed in (already in the cache): auditors read cases but do not work them.
  const viewer = useQuery(VIEWER_QUERY, { fetchPolicy: "cache-first" }).data?.viewer;
  const purpose = viewer ? purposeFor(viewer.organisation.kind, viewer.roles) : null;
  const works = purpose !== null && purpose !== "AUDIT";
  const found = data?.case.__typename === "Case" ? data.case : null;
  const orgName = (id: string | null) => (id ? (data?.organisations.find((o) => o.id === id)?.name ?? "Another organisation") : "Everyone");
  const byOrganisation = (id: string | null | undefined) => (id ? (data?.organisations.find((o) => o.id === id)?.name ?? "another organisation") : null);
  // What you may do here is the hub's answer (Case.viewerMay), never a copy of its rules.
  const statutoryOnCase = works && Boolean(found?.viewerMay.closeOrReopen);
  const changesFacts = works && Boolean(found && (found.viewerMay.changeCpsReference || found.viewerMay.changeOffence));

  // Focus the heading once the case (or the reason it cannot be shown) is on screen.
  const settled = Boolean(data) || Boolean(error);
  useEffect(() => {
    if (settled) headingRef.current?.focus();
  }, [settled]);

  const back = (
    <button type="button" className="link-button back-link no-print" onClick={onBack}>
      <span aria-hidden="true">←</span> Back to my caseload
    </button>
  );

  if (!data) {
    return (
      <>
        {back}
        {error ? (
          <div className="problem" role="alert">
            <h1 ref={headingRef} tabIndex={-1}>
              We could not load this case
            </h1>
            <p>Check your connection and try again.</p>
            <button type="button" className="button" onClick={() => refetch().catch(() => {})}>
              Try again
            </button>
          </div>
        ) : (
          <p role="status" className="status">
            Loading the case…
          </p>
        )}
      </>
    );
  }
  if (!found) {
    return (
      <>
        {back}
        {left ? (
          <>
            <h1 ref={headingRef} tabIndex={-1}>
              Your organisation is no longer on this case
            </h1>
            <div className="notice" role="status">
              <p>{left}</p>
            </div>
            <p>You can no longer see it. If she needs your organisation again, another agency on the case can add you.</p>
          </>
        ) : (
          <>
            <h1 ref={headingRef} tabIndex={-1}>
              Case not found
            </h1>
            <p>This case does not exist, or your organisation does not support it.</p>
          </>
        )}
      </>
    );
  }

  const c = found;
  const message = c.agreedMessage;
  const clocks = [...c.clocks];
  const tasks = c.keepInTouchTasks.filter(taskToDo);
  const openQuestions = c.questions.filter((q) => !q.answer);

  return (
    <article className="case-page">
      <p className="protective-marking protective-marking-top print-only">OFFICIAL-SENSITIVE: contains personal data about a victim. Keep it safe; shred it when done.</p>
      {back}
      <h1 ref={headingRef} tabIndex={-1}>
        {caseName(c)}
      </h1>
      {arrival && (
        <div className="notice no-print" role="status">
          <p>{arrivalInWords(arrival)}</p>
        </div>
      )}
      {left && (
        <div className="notice no-print" role="status">
          <p>{left}</p>
        </div>
      )}
      <dl className="summary-list case-facts">
        <div>
          <dt>Offence</dt>
          <dd>{offenceInWords(c.offenceCategory)}</dd>
        </div>
        <div>
          <dt>Stage</dt>
          <dd>{stageInWords(c.stage)}</dd>
        </div>
        {c.cpsReference && (
          <div>
            <dt>CPS reference</dt>
            <dd>{c.cpsReference}</dd>
          </div>
        )}
        <div>
          <dt>Victim reference</dt>
          <dd>{c.victimReference}</dd>
        </div>
        <div>
          <dt>Area</dt>
          <dd>{c.area.name}</dd>
        </div>
        <div>
          <dt>Opened</dt>
          <dd>{dateInWords(c.openedAt)}</dd>
        </div>
      </dl>
      <div className="no-print print-choice">
        <p className="hint" id={ids.printHint}>
          A printed summary is marked OFFICIAL-SENSITIVE on every page. Her codeword is left out unless you tick the box.
        </p>
        <div className="checkbox">
          <input id={ids.printCodeword} type="checkbox" checked={printCodeword} onChange={(e) => setPrintCodeword(e.target.checked)} aria-describedby={ids.printHint} />
          <label htmlFor={ids.printCodeword}>Include her codeword in the printed summary</label>
        </div>
      </div>
      <p className="no-print button-group">
        <button type="button" className="button button-secondary" onClick={() => window.print()} aria-describedby={ids.printHint}>
          Print case summary
        </button>
        {onFindSupport && (
          <button type="button" className="button button-secondary" onClick={onFindSupport}>
            Find local support
          </button>
        )}
        {changesFacts && !changingDetails && (
          <button
            type="button"
            ref={detailsButtonRef}
            className="button button-secondary"
            onClick={() => {
              setSaved(null);
              setChangingDetails(true);
            }}
          >
            Change the case details
          </button>
        )}
      </p>
      {saved && (
        <div className="notice no-print" role="status" tabIndex={-1} ref={savedRef}>
          <p>{saved}</p>
        </div>
      )}
      {changesFacts && changingDetails && viewer && (
        <CaseDetailsForm
          kase={c}
          viewerKind={viewer.organisation.kind}
          onConflict={() => refetch()}
          onCancel={() => {
            setChangingDetails(false);
            setTimeout(() => detailsButtonRef.current?.focus(), 0);
          }}
          onSaved={async (text) => {
            setChangingDetails(false);
            await refetch().catch(() => {});
            setSaved(text);
            setTimeout(() => savedRef.current?.focus(), 0);
          }}
        />
      )}

      <section className="agreed-message" aria-labelledby={ids.message}>
        <h2 id={ids.message}>What every agency tells her</h2>
        <p className="hint">The agreed message. Use these words so she hears the same thing from everyone.</p>
        <h3>Where things stand</h3>
        <p>{message.whereThingsStand}</p>
        <h3>What happens next</h3>
        <p>{message.whatHappensNext}</p>
        {message.roughlyWhen && (
          <>
            <h3>Roughly when</h3>
            <p>{message.roughlyWhen}</p>
          </>
        )}
        {message.support.length > 0 && (
          <>
            <h3>Her support</h3>
            <ul className="plain-list">
              {message.support.map((sentence) => (
                <li key={sentence}>{sentence}</li>
              ))}
            </ul>
          </>
        )}
        {message.rightToReview && (
          <>
            <h3>Her right to ask for a review</h3>
            <p>{message.rightToReview}</p>
          </>
        )}
        <h3>Who to contact</h3>
        <p>{message.namedContact ? `${message.namedContact.name}, ${message.namedContact.organisation}` : "No named contact yet"}</p>
        {message.lastChangedAt && <p className="hint">Last changed {dateTimeInWords(message.lastChangedAt)}.</p>}
      </section>

      <ContactContractPanel contract={c.contactContract} agreement={c.contactAgreement} headingId={ids.contract} printCodeword={printCodeword} />
      {agreed && (
        <div className="notice no-print" role="status" tabIndex={-1} ref={agreedRef}>
          <p>{agreed}</p>
        </div>
      )}
      {works && viewer && c.contactAgreement !== "NOT_SHOWN" && (
        <div className="no-print">
          {agreeing ? (
            <ContactAgreementForm
              caseId={c.id}
              current={c.contactContract}
              organisationId={viewer.organisation.id}
              onCancel={() => setAgreeing(false)}
              onSaved={async (words) => {
                await refetch().catch(() => {});
                setAgreeing(false);
                setAgreed(words);
                setTimeout(() => agreedRef.current?.focus(), 0);
              }}
            />
          ) : (
            <p>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setAgreed(null);
                  setAgreeing(true);
                }}
              >
                {c.contactContract ? "Change how she wants to be contacted" : "Record how she wants to be contacted"}
              </button>
            </p>
          )}
        </div>
      )}

      <VictimDetailsPanel caseId={c.id} headingId={ids.victim} canChange={works} organisationName={(id) => orgName(id)} />

      <EnhancedRightsPanel caseId={c.id} rights={c.enhancedRights} headingId={ids.rights} canAssess={works} onAssessed={() => refetch()} />

      <section aria-labelledby={ids.clocks}>
        <h2 id={ids.clocks}>Victims' Code deadlines and keep-in-touch tasks</h2>
        {clocks.length === 0 && tasks.length === 0 ? (
          <p>No Victims' Code deadlines or keep-in-touch tasks on this case.</p>
        ) : (
          <ul className="plain-list">
            {clocks.map((k) => (
              <li key={k.id}>
                <StatusTag tone={clockTone(k.status)}>{clockStatusInWords(k.status)}</StatusTag> {clockInWords(k)}
              </li>
            ))}
            {tasks.map((t) => (
              <li key={t.id}>
                <StatusTag tone={Date.parse(t.dueAt) < Date.now() ? "problem" : "due"}>
                  {Date.parse(t.dueAt) < Date.now() ? "Overdue" : taskStatusInWords(t.status)}
                </StatusTag>{" "}
                Keep in touch by {dateInWords(t.dueAt)}. Suggested message: “{t.suggestedMessage}”
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="no-print" aria-labelledby={ids.record}>
        <h2 id={ids.record}>Record a contact</h2>
        <RecordContactForm
          caseId={c.id}
          contract={c.contactContract}
          agreement={c.contactAgreement}
          updates={c.timeline}
          onRecorded={() => refetch()}
        />
      </section>

      <section aria-labelledby={ids.ledger}>
        <h2 id={ids.ledger}>Communication ledger</h2>
        {c.contacts.length === 0 ? (
          <p>No contacts recorded yet by any agency.</p>
        ) : (
          // biome-ignore lint/a11y/useSemanticElements lint/a11y/noNoninteractiveTabindex: a focusable scroll region for keyboard users at high zoom
          <div className="table-scroll" role="region" aria-label="Communication ledger, newest first" tabIndex={0}>
            <table>
              <caption>What she has been told, by whom and how, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">How</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Who</th>
                  <th scope="col">Summary</th>
                </tr>
              </thead>
              <tbody>
                {c.contacts.map((r) => (
                  <tr key={r.id}>
                    <td>{dateTimeInWords(r.at)}</td>
                    <td>{channelInWords(r.channel)}</td>
                    <td>{outcomeInWords(r.outcome)}</td>
                    <td>{orgName(r.organisationId)}</td>
                    <td>{r.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby={ids.timeline}>
        <h2 id={ids.timeline}>Timeline</h2>
        {c.timeline.length === 0 ? (
          <p>Nothing has been recorded on this case yet.</p>
        ) : (
          <ol className="timeline">
            {c.timeline.map((u) => (
              <li key={u.id}>
                <p>
                  <strong>{updateTypeInWords(u.type)}</strong>, {dateInWords(u.occurredAt)}
                  {u.supersededById ? " (replaced by a later correction)" : ""}
                </p>
                <p>{u.victimExplanation}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <AgenciesPanel
        kase={c}
        viewer={viewer}
        works={works}
        headingId={ids.agencies}
        onChanged={() => refetch()}
        onLeft={(text) => {
          setLeft(text);
          void refetch().catch(() => {});
        }}
      />

      <CaseStagePanel kase={c} headingId={ids.stages} canClose={statutoryOnCase} organisationName={byOrganisation} onChanged={() => refetch()} />

      <ConsentPanel
        kase={c}
        organisations={data.organisations}
        headingId={ids.consent}
        canRecord={works && c.viewerMay.recordConsent}
        viewerOrganisationId={viewer?.organisation.id ?? null}
        onChanged={() => refetch()}
      />

      <section aria-labelledby={ids.referrals}>
        <h2 id={ids.referrals}>Referrals</h2>
        {c.referrals.length === 0 ? (
          <p>No referrals on this case.</p>
        ) : (
          <ul className="plain-list">
            {c.referrals.map((r) => (
              <li key={r.id}>
                <strong>{referralStatusInWords(r.status)}</strong>: {referralInWords(r, r.toServiceName ?? orgName(r.toOrganisationId))} Reason: {r.reason}
                {r.outcome ? ` Outcome: ${r.outcome}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      {works && (
        <section className="no-print" aria-labelledby={ids.makeReferral}>
          <h2 id={ids.makeReferral}>Make a referral</h2>
          <MakeReferralForm caseId={c.id} organisations={data.organisations.filter((o) => o.id !== viewer?.organisation.id)} onMade={() => refetch()} />
        </section>
      )}

      <section aria-labelledby={ids.questions}>
        <h2 id={ids.questions}>Her open questions</h2>
        {answered && (
          <p role="status" className="status" tabIndex={-1} ref={answeredRef}>
            {answered}
          </p>
        )}
        {openQuestions.length === 0 ? (
          <p>She has no unanswered questions.</p>
        ) : (
          <ul className="plain-list">
            {openQuestions.map((q) => (
              <li key={q.id}>
                {q.overdue ? <StatusTag tone="problem">Overdue</StatusTag> : <StatusTag tone="due">Waiting</StatusTag>} “{q.question}”. For: {organisationKindInWords(q.forKind)}. Answer by {dateInWords(q.dueBy)}.
                {works && viewer?.organisation.kind === q.forKind && (
                  <AnswerQuestionForm
                    questionId={q.id}
                    question={q.question}
                    onAnswered={async (said) => {
                      await refetch().catch(() => {});
                      setAnswered(said);
                      // The form has gone with the answered question: focus moves to what happened.
                      setTimeout(() => answeredRef.current?.focus(), 0);
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
