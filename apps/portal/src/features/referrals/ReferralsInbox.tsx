import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { graphql } from "../../generated/graphql";
import type { ReferralsInboxQuery, ReferralStatus } from "../../generated/graphql/graphql";
import { StatusTag } from "../../app/StatusTag";
import { listInWords } from "../../app/words";
import { categoryInWords, dateInWords, referralStatusInWords, urgencyInWords } from "../cases/caseWords";
import { LoadProblem } from "../../app/LoadProblem";
import { FieldProblem } from "../../app/FormParts";

type Referral = ReferralsInboxQuery["referralsInbox"][number];

export const REFERRALS_INBOX = graphql(`
  query ReferralsInbox {
    organisations {
      id
      name
    }
    referralsInbox {
      id
      caseId
      createdAt
      fromOrganisationId
      reason
      shares
      status
      statusReason
      outcome
      urgency
      version
    }
  }
`);

export const CHANGE_REFERRAL_STATUS = graphql(`
  mutation ChangeReferralStatus($referralId: ID!, $to: ReferralStatus!, $expectedVersion: Int!, $reason: String, $outcome: String) {
    changeReferralStatus(referralId: $referralId, to: $to, expectedVersion: $expectedVersion, reason: $reason, outcome: $outcome) {
      __typename
      ... on Referral {
        id
        status
        version
        statusReason
        outcome
      }
      ... on Error {
        message
      }
    }
  }
`);

const OPEN = ["REQUESTED", "RECEIVED"];
const WORKING = ["ACCEPTED", "IN_PROGRESS", "ON_HOLD"];

export function ReferralsInbox() {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { data, error, refetch } = useQuery(REFERRALS_INBOX, { fetchPolicy: "cache-and-network" });
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const referrals = data?.referralsInbox ?? [];
  const orgName = (id: string) => data?.organisations.find((o) => o.id === id)?.name ?? "Another organisation";

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        Referrals inbox
      </h1>
      <p className="lead">Referrals sent to your organisation, most urgent and oldest first.</p>
      <p role="status" className="status">
        {!data && !error ? "Loading referrals…" : data ? `${referrals.length === 1 ? "1 referral" : `${referrals.length} referrals`}.` : ""}
      </p>
      {error && !data ? (
        <LoadProblem message="We could not load your referrals. Check your connection and try again." onRetry={() => refetch()} />
      ) : data && referrals.length === 0 ? (
        <p>No referrals have been sent to your organisation.</p>
      ) : (
        <ol className="case-cards">
          {referrals.map((r) => (
            <ReferralCard key={r.id} referral={r} from={orgName(r.fromOrganisationId)} />
          ))}
        </ol>
      )}
    </>
  );
}

function ReferralCard({ referral: r, from }: { referral: Referral; from: string }) {
  const headingId = useId();
  const textId = useId();
  const [action, setAction] = useState<"REJECTED" | "COMPLETED" | null>(null);
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [change, { loading }] = useMutation(CHANGE_REFERRAL_STATUS);

  async function move(to: ReferralStatus, extra: { reason?: string; outcome?: string } = {}) {
    if (loading) return;
    setProblem(null);
    try {
      const { data } = await change({ variables: { referralId: r.id, to, expectedVersion: r.version, ...extra } });
      const result = data?.changeReferralStatus;
      if (!result) return setProblem("Nothing was changed. Please try again.");
      if (result.__typename !== "Referral") return setProblem(result.message);
      setAction(null);
      setText("");
      setDone(`Referral ${referralStatusInWords(result.status).toLowerCase()}.`);
    } catch {
      setProblem("We could not change the referral. Check your connection and try again. Nothing was changed.");
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!text.trim()) return setProblem(action === "REJECTED" ? "Give a reason, so the referring organisation and the victim know why." : "Write the outcome.");
    void move(action!, action === "REJECTED" ? { reason: text.trim() } : { outcome: text.trim() });
  }

  return (
    <li className="case-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="case-card-title">
        Referral from {from}
      </h2>
      <p>
        <StatusTag tone={r.urgency === "ROUTINE" ? "neutral" : "problem"}>{urgencyInWords(r.urgency)}</StatusTag>{" "}
        <strong>Status: {referralStatusInWords(r.status)}</strong>
      </p>
      <dl className="summary-list">
        <div>
          <dt>Sent</dt>
          <dd>{dateInWords(r.createdAt)}</dd>
        </div>
        <div>
          <dt>Reason</dt>
          <dd>{r.reason}</dd>
        </div>
        <div>
          <dt>Information shared with you</dt>
          <dd>{r.shares.length ? listInWords(r.shares.map(categoryInWords)) : "None"}</dd>
        </div>
        {r.statusReason && (
          <div>
            <dt>Why</dt>
            <dd>{r.statusReason}</dd>
          </div>
        )}
        {r.outcome && (
          <div>
            <dt>Outcome</dt>
            <dd>{r.outcome}</dd>
          </div>
        )}
      </dl>
      <div aria-live="polite">{done && <p className="notice">{done}</p>}</div>
      <FieldProblem message={problem} alert />
      {action ? (
        <form onSubmit={submit} noValidate>
          <div className={problem ? "field field-with-problem" : "field"}>
            <label htmlFor={textId}>{action === "REJECTED" ? "Why are you rejecting this referral?" : "What was the outcome?"}</label>
            <textarea id={textId} className="prose" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <div className="button-group">
            <button type="submit" className="button" aria-disabled={loading || undefined}>
              {action === "REJECTED" ? "Reject the referral" : "Record the outcome"}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setAction(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : OPEN.includes(r.status) ? (
        <div className="button-group">
          <button type="button" className="button" onClick={() => move("ACCEPTED")} aria-disabled={loading || undefined}>
            Accept<span className="visually-hidden"> the referral from {from}</span>
          </button>
          <button type="button" className="button button-secondary" onClick={() => setAction("REJECTED")}>
            Reject…<span className="visually-hidden"> the referral from {from}</span>
          </button>
        </div>
      ) : WORKING.includes(r.status) ? (
        <button type="button" className="button button-secondary" onClick={() => setAction("COMPLETED")}>
          Record the outcome<span className="visually-hidden"> of the referral from {from}</span>
        </button>
      ) : null}
    </li>
  );
}
