// The reader's own notifications: only those addressed to them AS the organisation they act
// for now (a user who moves organisation does not carry the old one's notifications along).
// They are not case data, so no purpose is needed to list them; a case's reference shows only
// if the reader may see the case for the purpose they stated (describe-notifications.ts).
import type { CoreContext } from "../shared/context.js";
import { decodeCursor, pageSize, toPage, type Page, type PageRequest } from "../shared/keyset-page.js";
import { describeNotifications, type NotificationView } from "./describe-notifications.js";

/** The rows the caller may read and mark: their own, for the organisation they act for. */
export const ownNotifications = (ctx: CoreContext) => ({ userId: ctx.actor.userId, organisationId: ctx.actor.organisationId });

export interface ListNotificationsRequest extends PageRequest {
  unreadOnly?: boolean | null;
}

/** Newest first, one keyset page at a time (over "Notification_userId_createdAt_idx", or the unread partial index). */
export async function listNotifications(ctx: CoreContext, request: ListNotificationsRequest): Promise<Page<NotificationView>> {
  const size = pageSize(request.first);
  const after = request.after ? decodeCursor(request.after) : null;
  const rows = await ctx.prisma.notification.findMany({
    where: {
      ...ownNotifications(ctx),
      ...(request.unreadOnly ? { readAt: null } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: size + 1,
  });
  const page = toPage(rows, size, (row) => ({ at: row.createdAt, id: row.id }));
  const views = await describeNotifications(
    ctx,
    page.items.map((i) => i.node),
  );
  return { hasNextPage: page.hasNextPage, items: page.items.map((item, i) => ({ cursor: item.cursor, node: views[i]! })) };
}

/** How many of the caller's own notifications are unread. */
export function countUnreadNotifications(ctx: CoreContext): Promise<number> {
  return ctx.prisma.notification.count({ where: { ...ownNotifications(ctx), readAt: null } });
}
