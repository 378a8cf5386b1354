// `npm run hub -- create-partnership-admin`: the one thing an operator does by hand when a
// partnership starts on the hub. It makes (or finds) the police force area, the partnership
// body that serves it and its first partnership administrator; from then on that person runs
// the partnership through the API and the portal (organisations, people, roles, provisioning).
// Idempotent: running it again with the same details changes nothing.
import { writeAuditEntries } from "@hub/core";
import type { Database } from "@hub/db";

export interface PartnershipAdminInput {
  areaCode: string;
  areaName?: string;
  body: string;
  email: string;
  name: string;
  subject: string;
}

export const CREATE_PARTNERSHIP_ADMIN_USAGE = `Usage: npm run hub -- create-partnership-admin --area CODE[:Area name] --body "Partnership body name" --email person@example.org --name "Their name" --subject <sign-in id>
  --area     the police force area's code (and its name, the first time), e.g. NSH:Northshire
  --body     the partnership body (made if the hub has none by that name; it then serves the area)
  --subject  the identifier the partnership's identity provider puts in their tokens (the sub claim)`;

/** Reads --flag value pairs; null when one is missing. */
export function parsePartnershipAdminArgs(args: string[]): PartnershipAdminInput | null {
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    const value = i >= 0 ? args[i + 1]?.trim() : undefined;
    return value && !value.startsWith("--") ? value : undefined;
  };
  const [areaCode, areaName] = (flag("area") ?? "").split(":").map((s) => s.trim());
  const input = { areaCode: areaCode?.toUpperCase() ?? "", areaName: areaName || undefined, body: flag("body") ?? "", email: (flag("email") ?? "").toLowerCase(), name: flag("name") ?? "", subject: flag("subject") ?? "" };
  return input.areaCode && input.body && input.email.includes("@") && input.name && input.subject ? input : null;
}

export async function createPartnershipAdmin(db: Database, input: PartnershipAdminInput): Promise<string> {
  return db.prisma.$transaction(async (tx) => {
    let area = await tx.area.findUnique({ where: { code: input.areaCode } });
    if (!area) {
      if (!input.areaName) throw new Error(`The hub has no area ${input.areaCode}: give its name too, as --area ${input.areaCode}:Name.`);
      area = await tx.area.create({ data: { code: input.areaCode, name: input.areaName } });
    }
    const body =
      (await tx.organisation.findUnique({ where: { name: input.body } })) ??
      (await tx.organisation.create({ data: { name: input.body, kind: "OTHER", legalType: "PUBLIC_BODY" } }));
    await tx.organisationArea.upsert({ where: { organisationId_areaId: { organisationId: body.id, areaId: area.id } }, create: { organisationId: body.id, areaId: area.id }, update: {} });
    const existing = await tx.user.findFirst({ where: { OR: [{ email: input.email }, { oidcSubject: input.subject }] } });
    if (existing && (existing.email !== input.email || existing.oidcSubject !== input.subject)) {
      throw new Error("Someone else already has that email address or sign-in identifier. Check both.");
    }
    const user = existing ?? (await tx.user.create({ data: { email: input.email, name: input.name, oidcSubject: input.subject } }));
    const roles = ["ORGANISATION_ADMIN", "PARTNERSHIP_ADMIN"] as const;
    const membership = await tx.membership.upsert({
      where: { userId_organisationId: { userId: user.id, organisationId: body.id } },
      create: { userId: user.id, organisationId: body.id, roles: [...roles] },
      update: { active: true },
    });
    if (!roles.every((r) => membership.roles.includes(r))) {
      await tx.membership.update({ where: { id: membership.id }, data: { roles: [...new Set([...membership.roles, ...roles])] } });
    }
    await writeAuditEntries(tx, [
      { action: "ALTERATION", actorUserId: null, organisationId: body.id, roles: [], purpose: null, entityType: "Membership", entityId: membership.id, fields: ["Membership.roles"], outcome: "operator:create-partnership-admin" },
    ]);
    return `${input.name} is a partnership administrator of ${body.name}, for ${area.name}. They can now sign in and run the partnership.`;
  });
}
