// "Agencies on this case": every organisation on the case now, what it does there, how it
// joined, its named contact for her and every hand-over; the agencies that have left, with
// why. The leads of an organisation on the case add agencies (a statutory agency on a lawful
// basis, a support service only on her consent) and end or hand over their own organisation's
// part; a named contact may hand over their own. The hub decides each request.
import { useId, useRef, useState } from "react";
import { useQuery } from "@apollo/client/react";
import { lowerFirst } from "../../app/words";
import { graphql } from "../../generated/graphql";
import type { CasePageQuery } from "../../generated/graphql/graphql";
import { dateInWords } from "../cases/caseWords";
import { capacityInWords, handoverInWords, howItJoinedInWords } from "../cases/involvementWords";
import { AddAgencyForm, EndInvolvementForm, HandOverForm } from "./AgencyForms";

export const CASE_INVOLVEMENT_PARTS = graphql(`
  fragment CaseInvolvementParts on CaseInvolvement {
    id
    capacity
    basis
    lawfulBasisCode
    consentId
    since
    until
    endReason
    organisation {
      id
      name
      kind
    }
    namedContact {
      id
      name
      email
    }
    handovers {
      id
      at
      reason
      from {
        id
        name
      }
      to {
        id
        name
      }
      by {
        id
        name
      }
    }
  }
`);

export const LAWFUL_BASES = graphql(`
  query LawfulBases {
    lawfulBases {
      code
      label
      consentBased
    }
  }
`);

export type CaseOnPage = Extract<CasePageQuery["case"], { __typename: "Case" }>;
export type Involvement = CaseOnPage["involvements"][number];
export type Viewer = { id: string; roles: readonly string[]; organisation: { id: string; name: string; kind: string } };

type AgenciesPanelProps = {
  kase: CaseOnPage;
  viewer: Viewer | undefined;
  /** False for people who read cases but do not work them (auditors). */
  works: boolean;
  headingId: string;
  /** Refetches the case after a change. */
  onChanged: () => Promise<unknown>;
  /** Your organisation's involvement has ended: the case page says so (you may no longer see it). */
  onLeft: (message: string) => void;
};

export function AgenciesPanel({ kase, viewer, works, headingId, onChanged, onLeft }: AgenciesPanelProps) {
  const [adding, setAdding] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const addButtonId = useId();
  const bases = useQuery(LAWFUL_BASES).data?.lawfulBases;
  const basisLabel = (code: string | null | undefined) => (code ? (bases?.find((b) => b.code === code)?.label ?? null) : null);
  const consentGiven = (id: string | null | undefined) => (id ? (kase.consents.find((c) => c.id === id)?.capturedAt ?? null) : null);

  // The hub says what you may do (Case.viewerMay): the portal keeps no copy of its rules.
  const canAdd = works && kase.viewerMay.addAgency;
  const mayOn = (id: string) => kase.viewerMay.involvements.find((m) => m.involvementId === id);
  const past = kase.involvementHistory.filter((i) => i.until);

  async function finished(message: string, focusId?: string) {
    await onChanged().catch(() => {});
    setDone(message);
    setTimeout(() => (focusId ? document.getElementById(focusId) : doneRef.current)?.focus(), 0);
  }

  return (
    <section className="agencies" aria-labelledby={headingId}>
      <h2 id={headingId}>Agencies on this case</h2>
      <p className="hint">Who is working with her now, and who to go to in each organisation.</p>
      {done && (
        <div className="notice" role="status" tabIndex={-1} ref={doneRef}>
          <p>{done}</p>
        </div>
      )}
      {kase.involvements.length === 0 ? (
        <p>No agency is on this case now.</p>
      ) : (
        <ul className="agency-list">
          {kase.involvements.map((i) => (
            <AgencyCard
              key={i.id}
              involvement={i}
              viewer={viewer}
              works={works}
              joined={howItJoinedInWords(i, basisLabel(i.lawfulBasisCode), consentGiven(i.consentId))}
              mayHandOver={works && Boolean(mayOn(i.id)?.handOver)}
              mayEnd={works && Boolean(mayOn(i.id)?.end)}
              onDone={(message) => finished(message)}
              onLeft={onLeft}
            />
          ))}
        </ul>
      )}

      {canAdd &&
        (adding ? (
          <AddAgencyForm
            kase={kase}
            lawfulBases={bases ?? null}
            onCancel={() => {
              setAdding(false);
              setTimeout(() => document.getElementById(addButtonId)?.focus(), 0);
            }}
            onAdded={async (message) => {
              setAdding(false);
              await finished(message);
            }}
          />
        ) : (
          <p className="no-print">
            <button
              type="button"
              id={addButtonId}
              className="button button-secondary"
              onClick={() => {
                setDone(null);
                setAdding(true);
              }}
            >
              Add an agency
            </button>
          </p>
        ))}

      <h3>No longer on the case</h3>
      {past.length === 0 ? (
        <p>No agency has left this case.</p>
      ) : (
        <ul className="plain-list">
          {past.map((i) => (
            <li key={i.id}>
              <strong>{i.organisation.name}</strong> ({lowerFirst(capacityInWords(i.capacity))}), from {dateInWords(i.since)} to {dateInWords(i.until!)}.
              {i.endReason ? ` Why it left: ${i.endReason}` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type AgencyCardProps = {
  involvement: Involvement;
  viewer: Viewer | undefined;
  works: boolean;
  joined: string;
  mayHandOver: boolean;
  mayEnd: boolean;
  onDone: (message: string) => Promise<void>;
  onLeft: (message: string) => void;
};

function AgencyCard({ involvement: i, viewer, joined, mayHandOver: canHandOver, mayEnd: canEnd, onDone, onLeft }: AgencyCardProps) {
  const [open, setOpen] = useState<"hand-over" | "end" | null>(null);
  const base = useId();
  const headingId = `${base}-heading`;
  const ours = viewer?.organisation.id === i.organisation.id;
  const contact = i.namedContact ? `${i.namedContact.name}${i.namedContact.id === viewer?.id ? " (you)" : ""}` : null;
  const handOverLabel = i.namedContact ? "Hand over" : "Name a contact";
  const closeForm = (buttonId: string) => {
    setOpen(null);
    setTimeout(() => document.getElementById(buttonId)?.focus(), 0);
  };

  return (
    <li className="agency">
      <h3 id={headingId}>
        {i.organisation.name}
        {ours ? " (your organisation)" : ""}
      </h3>
      <dl className="summary-list">
        <div>
          <dt>Works on the case as</dt>
          <dd>{capacityInWords(i.capacity)}</dd>
        </div>
        <div>
          <dt>How it joined</dt>
          <dd>{joined}</dd>
        </div>
        <div>
          <dt>On the case since</dt>
          <dd>{dateInWords(i.since)}</dd>
        </div>
        <div>
          <dt>Named contact</dt>
          <dd>{contact ?? "Nobody named yet"}</dd>
        </div>
      </dl>
      {i.handovers.length > 0 && (
        <>
          <h4 className="agency-subheading">Named contacts over time</h4>
          <ol className="plain-list handovers">
            {i.handovers.map((h) => (
              <li key={h.id}>{handoverInWords(h)}</li>
            ))}
          </ol>
        </>
      )}
      {(canHandOver || canEnd) && open === null && (
        <p className="button-group no-print">
          {canHandOver && (
            <button type="button" id={`${base}-hand-over`} className="button button-secondary" onClick={() => setOpen("hand-over")}>
              {handOverLabel}
              <span className="visually-hidden">{` for ${i.organisation.name}`}</span>
            </button>
          )}
          {canEnd && (
            <button type="button" id={`${base}-end`} className="button button-secondary" onClick={() => setOpen("end")}>
              End our involvement
            </button>
          )}
        </p>
      )}
      {open === "hand-over" && viewer && (
        <HandOverForm
          involvement={i}
          viewerId={viewer.id}
          onCancel={() => closeForm(`${base}-hand-over`)}
          onDone={async (message) => {
            setOpen(null);
            await onDone(message);
          }}
        />
      )}
      {open === "end" && (
        <EndInvolvementForm
          involvement={i}
          onCancel={() => closeForm(`${base}-end`)}
          onEnded={(message) => {
            setOpen(null);
            onLeft(message);
          }}
        />
      )}
    </li>
  );
}
