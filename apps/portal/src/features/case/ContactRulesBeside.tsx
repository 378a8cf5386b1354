// Her rules, where the contact is recorded: the agreement panel is far up the page, and the
// moment of contact is when they matter. Whether now is a safe time is asked of the hub
// (contactCheck), so it is the same rule the hub applies when the contact is recorded.
import { useQuery } from "@apollo/client/react";
import { useEffect, useState } from "react";
import { graphql } from "../../generated/graphql";
import type { ContactAgreementState } from "../../generated/graphql/graphql";
import { listInWords } from "../../app/words";
import { channelInWords, clockTimeInWords, safeDaysInWords } from "../cases/caseWords";
import type { ContactContract } from "./ContactContractPanel";

export const CONTACT_CHECK = graphql(`
  query ContactCheck($caseId: ID!, $at: DateTime!, $channel: ContactChannel!, $outcome: ContactOutcome!) {
    contactCheck(caseId: $caseId, at: $at, channel: $channel, outcome: $outcome) {
      agreement
      planned
      breaches {
        rule
        message
      }
    }
  }
`);

/** What she has said about safe times, in words ("Monday to Friday, between 9am and 5pm"). */
export function safeTimesInWords(c: Pick<ContactContract, "safeDays" | "safeFrom" | "safeUntil">): string {
  const days = c.safeDays.length ? safeDaysInWords(c.safeDays) : "Any day";
  const hours = c.safeFrom && c.safeUntil ? `between ${clockTimeInWords(c.safeFrom)} and ${clockTimeInWords(c.safeUntil)}` : "at any time";
  return `${days}, ${hours}`;
}

/** The minute now, so the check is asked again as the clock moves on (not on every render). */
function useMinute(): string {
  const [minute, setMinute] = useState(() => new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString());
  useEffect(() => {
    const timer = setInterval(() => setMinute(new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return minute;
}

/** Is it safe to call or see her right now? Null while unknown. */
function SafeNow({ caseId }: { caseId: string }) {
  const at = useMinute();
  const { data } = useQuery(CONTACT_CHECK, { variables: { caseId, at, channel: "PHONE", outcome: "REACHED" }, fetchPolicy: "cache-first" });
  const timing = data?.contactCheck.breaches.filter((b) => b.rule === "SAFE_DAYS" || b.rule === "SAFE_HOURS");
  if (!timing) return null;
  return timing.length === 0 ? (
    <p className="safe-now">Now is inside her safe times for a call or a visit.</p>
  ) : (
    <p className="warning-text safe-now">
      <strong>Now is not a safe time to call or visit her.</strong> Letters and emails are read later, so they are not held to her safe times.
    </p>
  );
}

/** Her rules for a contact, beside the form that records it. */
export function ContactRulesBeside({ caseId, contract, agreement, headingId }: { caseId: string; contract: ContactContract | null; agreement: ContactAgreementState; headingId: string }) {
  if (agreement === "NONE") {
    return (
      <aside className="contact-rules contact-rules-none" aria-labelledby={headingId}>
        <h3 id={headingId}>She has not agreed how she wants to be contacted yet</h3>
        <p>
          Nothing will stop this contact, so take care. Ask her how and when it is safe to contact her, whether you may leave a voicemail or write to her home,
          and record her answers under “How she wants to be contacted”.
        </p>
      </aside>
    );
  }
  if (agreement === "NOT_SHOWN" || !contract) {
    return (
      <aside className="contact-rules contact-rules-none" aria-labelledby={headingId}>
        <h3 id={headingId}>Her contact agreement is not shown to you</h3>
        <p>
          You are not in her contact circle. Speak to her named contact before contacting her. If she contacted you, record it: the hub checks it against her
          agreement when you do.
        </p>
      </aside>
    );
  }
  const rules: string[] = [];
  if (contract.refusedChannels.length) rules.push(`Never contact her by: ${listInWords(contract.refusedChannels.map(channelInWords))}`);
  if (contract.noVoicemail) rules.push("No voicemail");
  if (contract.noLettersToHome) rules.push("No letters to her home");
  if (contract.neverFromWithheldNumber) rules.push("Never from a withheld number");
  return (
    <aside className="contact-rules" aria-labelledby={headingId}>
      <h3 id={headingId}>Her rules for this contact</h3>
      <ul className="plain-list">
        {rules.map((r) => (
          <li key={r}>
            <strong>{r}</strong>
          </li>
        ))}
        <li>Safe times: {safeTimesInWords(contract)}</li>
        {contract.channels.length > 0 && <li>She prefers: {listInWords(contract.channels.map(channelInWords))}</li>}
        {contract.codeword && (
          <li>
            Codeword: <strong>{contract.codeword}</strong> (check it before you share anything)
          </li>
        )}
      </ul>
      <SafeNow caseId={caseId} />
    </aside>
  );
}
