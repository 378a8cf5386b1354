// Seeds the demo partnership into an empty hub. Idempotent: a hub that already has
// organisations is left alone, so restarting the demo never duplicates anything.
import type { PrismaClient } from "../generated/prisma/client.js";
import type { OrganisationKind } from "../generated/prisma/enums.js";
import { DEMO_AGREEMENTS, DEMO_AREAS, DEMO_CASES, DEMO_GLOSSARY_TERMS, DEMO_ORGANISATIONS, DEMO_USERS, type DemoConsent } from "./demo-partnership.js";
import { seedDemoDirectory } from "./demo-directory.js";

export {
  DEMO_AGREEMENTS,
  DEMO_AREAS,
  DEMO_CASES,
  DEMO_GLOSSARY_TERMS,
  DEMO_ORGANISATIONS,
  DEMO_USERS,
  type DemoAgreement,
  type DemoCase,
  type DemoConsent,
  type DemoGlossaryTerm,
  type DemoUser,
} from "./demo-partnership.js";

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemoPartnership(prisma: PrismaClient, now = new Date()): Promise<{ seeded: boolean }> {
  if ((await prisma.organisation.count()) > 0) return { seeded: false };
  await prisma.$transaction(async (tx) => {
    const areaIds = new Map<string, string>();
    for (const area of DEMO_AREAS) areaIds.set(area.code, (await tx.area.create({ data: area })).id);
    const orgIds = new Map<string, string>();
    for (const org of DEMO_ORGANISATIONS) {
      const created = await tx.organisation.create({
        data: {
          name: org.name,
          kind: org.kind,
          legalType: org.legalType,
          areas: { create: org.areas.map((code) => ({ areaId: areaIds.get(code)! })) },
        },
      });
      orgIds.set(org.key, created.id);
    }
    const userIds = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const created = await tx.user.create({
        data: {
          email: u.email,
          name: u.name,
          oidcSubject: u.oidcSubject,
          memberships: { create: { organisationId: orgIds.get(u.organisation)!, roles: u.roles } },
        },
      });
      userIds.set(u.email, created.id);
    }
    for (const dsa of DEMO_AGREEMENTS) {
      await tx.dataSharingAgreement.create({
        data: {
          reference: dsa.reference,
          title: dsa.title,
          purposes: dsa.purposes,
          categories: dsa.categories,
          status: "ACTIVE",
          retention: "Until six years after the case closes, then securely deleted.",
          reviewDate: new Date(now.getTime() + 180 * DAY),
          signedOffBy: "Partnership Board (demo)",
          signedOffAt: new Date(now.getTime() - 90 * DAY),
          parties: { create: dsa.parties.map((p) => ({ organisationId: orgIds.get(p.organisation)!, controllerRole: p.controllerRole, lawfulBasisCode: p.lawfulBasisCode, specialCategoryCondition: p.specialCategoryCondition ?? null })) },
        },
      });
    }
    const orgKey = (to: string) => orgIds.get(to);
    // Each thing she agreed to is a GIVEN statement; each thing kept back, WITHHELD (for
    // every purpose); a withdrawal is a later record taking back what the first one gave.
    const recipientOf = (to: string) => ({ recipientOrganisationId: orgKey(to) ?? null, recipientKind: orgKey(to) ? null : (to as OrganisationKind) });
    const givenStatements = (victimId: string, consent: DemoConsent, at: Date, decision: "GIVEN" | "WITHDRAWN") =>
      consent.shares.flatMap((share) =>
        share.categories.flatMap((category) => share.purposes.map((purpose) => ({ victimId, decision, category, purpose, ...recipientOf(share.to), statedAt: at }))),
      );
    const consentData = (victimId: string, consent: DemoConsent, at: Date) => {
      const capturer = DEMO_USERS.find((u) => u.email === consent.capturedBy)!;
      const capturerKind = DEMO_ORGANISATIONS.find((o) => o.key === capturer.organisation)!.kind;
      // The organisation that met her recorded what she agreed to share with it: self-recorded, with how and when.
      const selfRecorded = consent.shares.some((s) => s.to === capturer.organisation || s.to === capturerKind);
      return {
        victimId,
        givenBy: consent.givenBy ?? "VICTIM",
        capturedByUserId: userIds.get(capturer.email)!,
        capturedByOrganisationId: orgIds.get(capturer.organisation)!,
        capturedAt: at,
        evidence: `Demo consent form ${victimId.slice(0, 8)}`,
        explicit: consent.explicit ?? false,
        selfRecorded,
        saidHow: selfRecorded ? ("IN_PERSON" as const) : null,
        saidAt: selfRecorded ? at : null,
        statements: {
          create: [
            ...givenStatements(victimId, consent, at, "GIVEN"),
            ...(consent.withholds ?? []).map((w) => ({ victimId, decision: "WITHHELD" as const, category: w.category, purpose: null, recipientOrganisationId: orgIds.get(w.from)!, recipientKind: null, statedAt: at, reason: w.reason })),
          ],
        },
      };
    };
    for (const c of DEMO_CASES) {
      const openedAt = new Date(now.getTime() - c.openedDaysAgo * DAY);
      const { reference, fullName, dateOfBirth, ...contact } = c.victim;
      const createdCase = await tx.case.create({
        data: {
          policeUrn: c.policeUrn,
          cpsReference: c.cpsReference ?? null,
          offenceCategory: c.offenceCategory,
          stage: c.stage,
          openedAt,
          closedAt: c.stage === "CLOSED" ? new Date(now.getTime() - 30 * DAY) : null,
          area: { connect: { id: areaIds.get(c.area)! } },
          victim: {
            create: {
              reference,
              identity: { create: { fullName, dateOfBirth: dateOfBirth ? new Date(dateOfBirth) : null } },
              contactDetails: Object.keys(contact).length ? { create: contact } : undefined,
            },
          },
          stageChanges: { create: { fromStage: null, toStage: c.stage, cause: "OPENED", at: openedAt } },
        },
      });
      const consents: { id: string; names: (orgKey: string) => boolean }[] = [];
      for (const consent of c.consents ?? []) {
        const created = await tx.consent.create({ data: consentData(createdCase.victimId, consent, new Date(openedAt.getTime() + DAY)) });
        consents.push({ id: created.id, names: (key) => consent.shares.some((s) => s.to === key || s.to === DEMO_ORGANISATIONS.find((o) => o.key === key)?.kind) });
        if (consent.withdrawn) {
          const at = new Date(now.getTime() - 7 * DAY);
          const { statements: _given, ...record } = consentData(createdCase.victimId, consent, at);
          await tx.consent.create({
            data: { ...record, evidence: `Demo withdrawal form ${createdCase.victimId.slice(0, 8)}`, saidHow: "PHONE", saidAt: at, statements: { create: givenStatements(createdCase.victimId, consent, at, "WITHDRAWN") } },
          });
        }
      }
      // Statutory agencies are on the case by duty; support services on the consent that names them.
      for (const inv of c.involvements) {
        const org = DEMO_ORGANISATIONS.find((o) => o.key === inv.organisation)!;
        const statutory = org.legalType === "COMPETENT_AUTHORITY";
        const consentId = statutory ? null : (consents.find((k) => k.names(inv.organisation)) ?? consents[0])?.id ?? null;
        const namedContactUserId = inv.namedContact ? userIds.get(inv.namedContact)! : null;
        await tx.caseInvolvement.create({
          data: {
            caseId: createdCase.id,
            organisationId: orgIds.get(inv.organisation)!,
            capacity: inv.capacity,
            since: openedAt,
            basis: statutory ? "DUTY" : "CONSENT",
            lawfulBasisCode: statutory ? (inv.organisation === "ns-police" ? "LAW_ENFORCEMENT" : "PUBLIC_TASK") : "CONSENT",
            consentId,
            namedContactUserId,
            handovers: namedContactUserId ? { create: { toUserId: namedContactUserId, at: openedAt, reason: "Named when the organisation joined the case." } } : undefined,
          },
        });
      }
    }
    for (const { area, addedBy, ...term } of DEMO_GLOSSARY_TERMS) {
      const by = DEMO_USERS.find((u) => u.email === addedBy)!;
      await tx.areaGlossaryTerm.create({ data: { ...term, areaId: areaIds.get(area)!, addedByUserId: userIds.get(addedBy)!, addedByOrganisationId: orgIds.get(by.organisation)! } });
    }
    await seedDemoDirectory(tx, now);
  }, { timeout: 60_000 });
  return { seeded: true };
}
