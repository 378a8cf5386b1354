// What an involvement change tells people, through the outbox in the same transaction
// (identifiers only): the leads of an organisation that joined a case, and the person who
// became an organisation's named contact on one.
import type { Prisma } from "@hub/db";

export const ORGANISATION_JOINED_TOPIC = "case.organisation-joined";
export const NAMED_CONTACT_TOPIC = "case.named-contact-handed-over";

export async function tellOrganisationItJoined(tx: Prisma.TransactionClient, involvementIds: string[]): Promise<void> {
  if (involvementIds.length === 0) return;
  await tx.outboxMessage.createMany({ data: involvementIds.map((involvementId) => ({ topic: ORGANISATION_JOINED_TOPIC, payload: { involvementId } })) });
}

export async function tellNewNamedContact(tx: Prisma.TransactionClient, handoverId: string): Promise<void> {
  await tx.outboxMessage.create({ data: { topic: NAMED_CONTACT_TOPIC, payload: { handoverId } } });
}
