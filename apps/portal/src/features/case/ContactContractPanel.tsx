import {
  channelInWords,
  clockTimeInWords,
  dateInWords,
  frequencyInWords,
  safeDaysInWords,
} from "../cases/caseWords";
import { listInWords } from "../../app/words";
import type { CasePageQuery, ContactAgreementState } from "../../generated/graphql/graphql";

export type ContactContract = NonNullable<Extract<CasePageQuery["case"], { __typename: "Case" }>["contactContract"]>;

function safeTimes(c: ContactContract): string {
  if (c.safeFrom && c.safeUntil) return `Between ${clockTimeInWords(c.safeFrom)} and ${clockTimeInWords(c.safeUntil)}`;
  if (c.safeFrom) return `From ${clockTimeInWords(c.safeFrom)}`;
  if (c.safeUntil) return `Until ${clockTimeInWords(c.safeUntil)}`;
  return "Any time";
}

/** The victim's safe-contact rules: read before every contact. Null: none yet, or not in her contact circle. */
export function ContactContractPanel({
  contract,
  agreement,
  headingId,
  printCodeword = false,
}: {
  contract: ContactContract | null;
  agreement: ContactAgreementState;
  headingId: string;
  /** Printed only when asked for: on paper, a codeword can fall into the wrong hands. */
  printCodeword?: boolean;
}) {
  if (!contract) {
    return (
      <section className="contract-panel contract-panel-none" aria-labelledby={headingId}>
        <h2 id={headingId}>How she wants to be contacted</h2>
        {agreement === "NONE" ? (
          <p>
            <strong>She has not agreed how she wants to be contacted yet.</strong> Until she does, nothing checks a contact against her wishes: ask her how and
            when it is safe to contact her, whether you may leave a voicemail or write to her home, and record what she says.
          </p>
        ) : (
          <p>
            <strong>You are not in her contact circle.</strong> She has agreed how she wants to be contacted, but not with your organisation. Do not contact her
            directly: speak to her named contact.
          </p>
        )}
      </section>
    );
  }
  const rules: string[] = [];
  if (contract.noVoicemail) rules.push("Do not leave voicemail");
  if (contract.neverFromWithheldNumber) rules.push("Never call from a withheld number");
  if (contract.noLettersToHome) rules.push("No letters to her home");
  return (
    <section className="contract-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span aria-hidden="true" className="contract-icon">
          ⚠
        </span>{" "}
        How she wants to be contacted
      </h2>
      <p>Read this before every contact. Agreed with her on {dateInWords(contract.agreedAt)}.</p>
      <dl className="summary-list contract-list">
        {contract.refusedChannels.length > 0 && (
          <div className="contract-refused">
            <dt>Never contact her by</dt>
            <dd>
              <strong>{listInWords(contract.refusedChannels.map(channelInWords))}</strong>
            </dd>
          </div>
        )}
        {rules.length > 0 && (
          <div className="contract-refused">
            <dt>Safety rules</dt>
            <dd>
              <ul className="plain-list">
                {rules.map((r) => (
                  <li key={r}>
                    <strong>{r}</strong>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        <div>
          <dt>Contact her by (in order of preference)</dt>
          <dd>{contract.channels.length ? listInWords(contract.channels.map(channelInWords)) : "No channel agreed"}</dd>
        </div>
        <div>
          <dt>Safe days</dt>
          <dd>{safeDaysInWords(contract.safeDays)}</dd>
        </div>
        <div>
          <dt>Safe times</dt>
          <dd>{safeTimes(contract)}</dd>
        </div>
        {contract.codeword && (
          <div className={printCodeword ? undefined : "no-print"}>
            <dt>Codeword</dt>
            <dd>
              <strong>{contract.codeword}</strong> (check it before you share anything)
            </dd>
          </div>
        )}
        <div>
          <dt>How often to update her</dt>
          <dd>{frequencyInWords(contract.updateFrequency)}</dd>
        </div>
        <div>
          <dt>How much detail</dt>
          <dd>{contract.detailLevel === "BRIEF" ? "Brief: the main points only" : "Full details"}</dd>
        </div>
        {contract.interpreterNeeded === null || contract.interpreterNeeded === undefined ? (
          // The hub leaves out her needs unless you may know them: say so, never "not recorded".
          <div>
            <dt>Language</dt>
            <dd>Her language and interpreter needs are not shared with your organisation.</dd>
          </div>
        ) : (
          (contract.language || contract.interpreterNeeded) && (
            <div>
              <dt>Language</dt>
              <dd>
                {contract.language ?? "Not recorded"}
                {contract.interpreterNeeded ? ". She needs an interpreter." : ""}
              </dd>
            </div>
          )
        )}
        {contract.accessibilityNeeds && (
          <div>
            <dt>Accessibility needs</dt>
            <dd>{contract.accessibilityNeeds}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
