// The bearer token an identity provider sends to /scim/v2. It is shown once, when the client
// is made; the hub keeps only its SHA-256, so a copy of the database cannot provision anyone.
// 32 random bytes leave nothing to guess, so a plain hash (not a slow one) is enough.
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@hub/db";
import type { ScimClient } from "./scim-context.js";

export const TOKEN_PREFIX = "hubscim_";
const TOKEN_SHAPE = /^hubscim_[A-Za-z0-9_-]{43}$/;
/** lastUsedAt is a hint for administrators: written at most once a minute, not on every request. */
const LAST_USED_EVERY_MS = 60_000;

export const newProvisioningToken = (): string => TOKEN_PREFIX + randomBytes(32).toString("base64url");

export const hashProvisioningToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

/** The client a token belongs to, if it is one the hub gave out and nobody has revoked. */
export async function findProvisioningClient(prisma: PrismaClient, token: string, now = new Date()): Promise<ScimClient | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const client = await prisma.provisioningClient.findUnique({ where: { tokenHash: hashProvisioningToken(token) }, select: { id: true, organisationId: true, revokedAt: true, lastUsedAt: true } });
  if (!client || client.revokedAt) return null;
  if (!client.lastUsedAt || now.getTime() - client.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    await prisma.provisioningClient.updateMany({ where: { id: client.id, revokedAt: null }, data: { lastUsedAt: now } });
  }
  return { id: client.id, organisationId: client.organisationId };
}
