// What a notification says, composed when it is read rather than stored: the rows hold
// identifiers only, so the words can follow who the reader is NOW. A case's reference is shown
// only if the reader may still see the case under the policy (and their stated purpose); if
// not, the notification says so without naming the case. Notifications never carry victim
// data: no names, no contact details, only a case's police or CPS reference.
import type { ConsentSaidHow, Notification, NotificationKind, OutsideAgreementReason } from "@hub/db";
import { accessibleWhere } from "@hub/policy";
import { DUTIES, type DutyName } from "../clocks/duties.js";
import { dutySource } from "../clocks/local-duties.js";
import type { CoreContext } from "../shared/context.js";
import { basisInclude, basisOf } from "../shared/lawful-basis.js";

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  /** Plain English for a caseworker: what happened and what to do. */
  message: string;
  createdAt: Date;
  readAt: Date | null;
  /** The case, only if the reader may see it now. */
  caseId: string | null;
  /** Its police URN or CPS reference (or the hub's id), only if the reader may see it now. */
  caseReference: string | null;
  /** The referral, only if the reader may see it now (the receiving organisation always may). */
  referralId: string | null;
}

/** The fields a shown case reference discloses, as the audit log names them. */
const REFERENCE_FIELDS = ["Case.policeUrn", "Case.cpsReference"];

const NOT_VISIBLE = "a case you no longer have access to";
const NO_PURPOSE = "a case (say why you are working on it, and the hub will show which)";

const LONDON_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

/** "Tell the victim ..." → "tell the victim ...", leaving "CPS ..." alone. */
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/** The words for a batch of the reader's own notifications, with what each may show. */
export async function describeNotifications(ctx: CoreContext, rows: Notification[]): Promise<NotificationView[]> {
  const ids = (pick: (n: Notification) => string | null) => [...new Set(rows.map(pick).filter((v): v is string => v !== null))];
  const caseIds = ids((n) => n.caseId);
  const referralIds = ids((n) => n.referralId);
  const clockIds = ids((n) => n.clockId);
  const consentIds = ids((n) => n.consentId);
  const contactIds = ids((n) => n.contactId);
  const basis = basisInclude(ctx, "CASE_PROGRESS");

  const [cases, visibleReferrals, referrals, clocks] = await Promise.all([
    caseIds.length
      ? ctx.prisma.case.findMany({
          where: { AND: [{ id: { in: caseIds } }, accessibleWhere(ctx.ability, "Case")] },
          select: {
            id: true,
            victimId: true,
            policeUrn: true,
            cpsReference: true,
            ...(basis ? { victim: { select: { consentGrants: basis.consentGrants } }, sharingDecisions: basis.sharingDecisions } : {}),
          },
        })
      : [],
    referralIds.length ? ctx.prisma.referral.findMany({ where: { AND: [{ id: { in: referralIds } }, accessibleWhere(ctx.ability, "Referral")] }, select: { id: true } }) : [],
    // Which end of the referral the reader is on, and who it went to: organisation names and
    // a date are not victim data, and every partner may read the partnership's organisations.
    referralIds.length ? ctx.prisma.referral.findMany({ where: { id: { in: referralIds } }, select: { id: true, toOrganisationId: true, createdAt: true } }) : [],
    clockIds.length ? ctx.prisma.statutoryClock.findMany({ where: { id: { in: clockIds } }, select: { id: true, duty: true, localStandard: { select: { name: true } } } }) : [],
  ]);
  // Who recorded a consent for itself, and how and when it says she said it: not victim data.
  const consents = consentIds.length
    ? await ctx.prisma.consent.findMany({ where: { id: { in: consentIds } }, select: { id: true, capturedByOrganisationId: true, saidHow: true, saidAt: true } })
    : [];
  // Who recorded a contact outside her agreement, and the reason given: not victim data.
  const contacts = contactIds.length
    ? await ctx.prisma.contactRecord.findMany({ where: { id: { in: contactIds } }, select: { id: true, organisationId: true, outsideAgreementReason: true } })
    : [];
  const toOrganisationIds = [...new Set([...referrals.map((r) => r.toOrganisationId), ...consents.map((c) => c.capturedByOrganisationId), ...contacts.map((c) => c.organisationId)].filter((v): v is string => v !== null))];
  const organisations = toOrganisationIds.length ? await ctx.prisma.organisation.findMany({ where: { id: { in: toOrganisationIds } }, select: { id: true, name: true } }) : [];

  const caseOf = new Map(cases.map((c) => [c.id, c]));
  const referralOf = new Map(referrals.map((r) => [r.id, r]));
  const dutyOf = new Map(clocks.map((c) => [c.id, { duty: c.duty, localName: c.localStandard?.name ?? null }]));
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const visibleReferral = new Set(visibleReferrals.map((r) => r.id));
  const contactOf = new Map(contacts.map((c) => [c.id, { by: organisationName.get(c.organisationId) ?? "An organisation", reason: c.outsideAgreementReason }]));
  const consentOf = new Map(consents.map((c) => [c.id, { by: organisationName.get(c.capturedByOrganisationId) ?? "An organisation", saidHow: c.saidHow, saidAt: c.saidAt }]));

  // Showing a case's reference is consulting the case: log it, as reading a case is.
  for (const c of cases) {
    const found = c as typeof c & { victim?: { consentGrants?: { consentId: string; purpose: string }[] }; sharingDecisions?: { id: string; lawfulBasisCode: string }[] };
    ctx.audit.record({
      action: "CONSULTATION",
      entityType: "Case",
      entityId: c.id,
      caseId: c.id,
      victimId: c.victimId,
      fields: REFERENCE_FIELDS,
      ...basisOf(ctx, "CASE_PROGRESS", { consentGrants: found.victim?.consentGrants, sharingDecisions: found.sharingDecisions }),
    });
  }

  return rows.map((n) => {
    const shown = n.caseId ? caseOf.get(n.caseId) : undefined;
    const caseReference = shown ? (shown.policeUrn ?? shown.cpsReference ?? shown.id) : null;
    const onCase = caseReference ? `case ${caseReference}` : !n.caseId ? "a case" : ctx.purpose ? NOT_VISIBLE : NO_PURPOSE;
    const referral = n.referralId ? referralOf.get(n.referralId) : undefined;
    return {
      id: n.id,
      kind: n.kind,
      message: compose(n, onCase, {
        duty: n.clockId ? dutyOf.get(n.clockId) : undefined,
        referral: referral && { toReader: referral.toOrganisationId === n.organisationId, to: referral.toOrganisationId ? organisationName.get(referral.toOrganisationId) : undefined, sentOn: referral.createdAt },
        consent: n.consentId ? consentOf.get(n.consentId) : undefined,
        contact: n.contactId ? contactOf.get(n.contactId) : undefined,
      }),
      createdAt: n.createdAt,
      readAt: n.readAt,
      caseId: shown ? shown.id : null,
      caseReference,
      referralId: n.referralId && visibleReferral.has(n.referralId) ? n.referralId : null,
    };
  });
}

interface Details {
  duty: { duty: string; localName: string | null } | undefined;
  referral: { toReader: boolean; to: string | undefined; sentOn: Date } | undefined;
  consent: { by: string; saidHow: ConsentSaidHow | null; saidAt: Date | null } | undefined;
  contact: { by: string; reason: OutsideAgreementReason | null } | undefined;
}

/** Why the contact happened, never as her fault. */
const OUTSIDE_WHY: Record<OutsideAgreementReason, string> = {
  SHE_CONTACTED_US: "(she got in touch with them)",
  EMERGENCY: "(it was an emergency)",
  SAFE_FACE_TO_FACE: "(they met her face to face somewhere safe)",
  MISTAKE: "(it was a mistake)",
};

const SAID_HOW: Record<ConsentSaidHow, string> = {
  IN_PERSON: "in person",
  PHONE: "on the phone",
  VIDEO_CALL: "on a video call",
  SIGNED_FORM: "on a signed form",
  IN_WRITING: "in writing",
  THROUGH_REPRESENTATIVE: "through someone speaking for her",
};

function compose(n: Notification, onCase: string, { duty, referral, consent, contact }: Details): string {
  switch (n.kind) {
    case "CLOCK_BREACHED": {
      // A local standard is the partnership's own promise, not the Code's: it says so.
      if (duty && dutySource(duty.duty) === "LOCAL_STANDARD") return `A local service standard was missed on ${onCase}: ${lowerFirst(duty.localName ?? "a local service standard")}.`;
      const what = duty && Object.hasOwn(DUTIES, duty.duty) ? lowerFirst(DUTIES[duty.duty as DutyName].what) : "a Victims' Code duty was not done in time";
      return `A Victims' Code deadline was missed on ${onCase}: ${what}.`;
    }
    case "REFERRAL_NOT_ACKNOWLEDGED":
      // The receiving organisation is not on the case yet, so its case is never named to it.
      if (!referral || referral.toReader) {
        const sent = referral ? ` on ${LONDON_DATE.format(referral.sentOn)}` : "";
        return `A referral sent to your organisation${sent} has not been acknowledged within 2 working days, as the partnership agreed. Open your referrals inbox and say whether you can take it.`;
      }
      return `${referral.to ?? "The organisation you referred to"} has not acknowledged the referral you made on ${onCase} within 2 working days, as the partnership agreed. You may want to chase it, or refer the victim elsewhere.`;
    case "KEEP_IN_TOUCH_DUE":
      return `The victim on ${onCase} has not heard from anyone for longer than they asked. Please get in touch with them: a suggested message is ready with the keep-in-touch task.`;
    case "KEEP_IN_TOUCH_ESCALATED":
      return `Nobody got in touch with the victim on ${onCase} in time, so this has come to you as your organisation's lead. Please make sure someone contacts them.`;
    case "REASSESSMENT_OFFERED":
      return `Something has changed for the victim on ${onCase}: offer them a new assessment of their Enhanced Rights.`;
    case "NAMED_CONTACT_HANDED_OVER":
      return `You are now your organisation's named contact for the victim on ${onCase}. Read the case and how she has asked to be contacted before you get in touch.`;
    case "ORGANISATION_JOINED_CASE":
      return `Your organisation is now working on ${onCase}. Please name a contact for the victim, so every agency knows who to go to.`;
    case "CONSENT_SELF_RECORDED": {
      const by = consent?.by ?? "An organisation";
      const how = consent?.saidHow ? ` ${SAID_HOW[consent.saidHow]}` : "";
      const when = consent?.saidAt ? ` on ${LONDON_DATE.format(consent.saidAt)}` : "";
      return `${by} recorded that the victim on ${onCase} agreed to share her information with ${by} itself: it says she told them${how}${when}. If that does not sound like what she wants, check with her.`;
    }
    case "CONTACT_OUTSIDE_AGREEMENT": {
      const by = contact?.by ?? "An organisation";
      const why = contact?.reason ? ` ${OUTSIDE_WHY[contact.reason]}` : "";
      return `${by} was in contact with the victim on ${onCase} in a way her contact agreement does not cover${why}. It is in the ledger. Check with her that her agreement still works for her, and that she is safe.`;
    }
  }
}
