import { forwardRef } from "react";
import type { ReactNode } from "react";
import { StatusTag } from "../../app/StatusTag";
import { listInWords } from "../../app/words";
import { dateInWords } from "../cases/caseWords";
import type { ServiceResult } from "./directoryQueries";
import { acceptingInWords, agesInWords, distanceInWords, openingTimeInWords, openNowInWords, referralRoutesInWords, todayInWords } from "./directoryWords";

type ServiceCardProps = {
  service: ServiceResult;
  searchedByPostcode: boolean;
  now: Date;
  /** "Tell a victim about this service", and the form it opens; absent for people who do not work on cases. */
  signpost?: ReactNode;
};

const telephone = (number: string) => `tel:${number.replace(/[^0-9+]/g, "")}`;

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One search result: what a caseworker needs to tell her about the service, and how to reach it. */
export const ServiceCard = forwardRef<HTMLHeadingElement, ServiceCardProps>(function ServiceCard({ service: s, searchedByPostcode, now, signpost }, headingRef) {
  const accepting = acceptingInWords(s.acceptingReferrals, s.alert);
  const open = openNowInWords(s.openNow, s.nextOpening);
  const today = todayInWords(s.openingTimes, now);
  const distance = distanceInWords(s.distanceKm, searchedByPostcode);
  const ages = agesInWords(s.minimumAge, s.maximumAge);
  // A refuge's own phone is for staff and residents: only the service's numbers are passed on.
  const phones = [...s.phones, ...s.locations.filter((l) => !l.confidential).flatMap((l) => l.phones)];
  const places = s.locations.filter((l) => l.locationType === "physical");

  return (
    <li className={s.acceptingReferrals ? "case-card service-card" : "case-card service-card service-card-closed"}>
      <h3 className="case-card-title" ref={headingRef} tabIndex={-1}>
        {s.name}
      </h3>
      <p className="service-card-organisation">{s.organisationName}</p>
      <p className="service-card-tags">
        <StatusTag tone={accepting.tone}>{accepting.label}</StatusTag> <StatusTag tone={open.tone}>{open.label}</StatusTag>
      </p>
      {accepting.detail && (
        <p className={s.acceptingReferrals ? "service-card-alert" : "service-card-alert warning-text"}>
          <strong>Notice from the service:</strong> {accepting.detail}
        </p>
      )}
      {s.capacityNote && <p>{s.capacityNote}</p>}
      <dl className="summary-list">
        {distance && <Fact term="Distance">{distance}</Fact>}
        <Fact term="Opening times">
          {today ?? "Not recorded"}
          {open.detail && (
            <>
              <br />
              {open.detail}
            </>
          )}
        </Fact>
        <Fact term="How she gets support">
          {referralRoutesInWords(s.selfReferral, s.professionalReferral)}
        </Fact>
        <Fact term="Phone">
          {phones.length === 0 ? (
            "No phone number"
          ) : (
            <ul className="plain-list service-card-phones">
              {phones.map((p) => (
                <li key={`${p.number}-${p.description}`}>
                  <a href={telephone(p.number)}>{p.number}</a>
                  {p.description ? ` (${p.description})` : ""}
                </li>
              ))}
            </ul>
          )}
        </Fact>
        {s.email && (
          <Fact term="Email">
            <a href={`mailto:${s.email}`}>{s.email}</a>
          </Fact>
        )}
        {s.url && (
          <Fact term="Website">
            <a href={s.url} rel="noopener noreferrer" target="_blank">
              {s.url.replace(/^https?:\/\//, "")}
              <span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          </Fact>
        )}
        {s.languages.length > 0 && <Fact term="Languages">{listInWords(s.languages)}</Fact>}
        {ages && <Fact term="Age">{ages}</Fact>}
        {s.waitTime && <Fact term="Waiting time">{s.waitTime}</Fact>}
      </dl>
      <p>{s.description}</p>
      {s.eligibilityDescription && (
        <p>
          <strong>Who it is for:</strong> {s.eligibilityDescription}
        </p>
      )}
      <details className="service-card-more">
        <summary>
          All opening times and addresses<span className="visually-hidden"> for {s.name}</span>
        </summary>
        {s.openingTimes.length > 0 && (
          <ul className="plain-list">
            {s.openingTimes.map((o) => (
              <li key={`${o.byDay}-${o.opensAt}`}>{openingTimeInWords(o)}</li>
            ))}
          </ul>
        )}
        {places.length === 0 ? (
          <p>No premises to visit: a phone or online service.</p>
        ) : (
          <ul className="plain-list">
            {places.map((l) =>
              l.confidential ? (
                <li key={l.id}>
                  <StatusTag tone="problem">Confidential address</StatusTag> A refuge or safe house. Never pass its address on.
                </li>
              ) : (
                <li key={l.id}>{[l.name, l.address1, l.city, l.postalCode].filter(Boolean).join(", ")}</li>
              ),
            )}
          </ul>
        )}
      </details>
      <p className="hint">{s.lastVerifiedAt ? `Details last checked ${dateInWords(s.lastVerifiedAt)}.` : "The service's details have never been checked. Check with them before you tell her."}</p>
      {signpost}
    </li>
  );
});
