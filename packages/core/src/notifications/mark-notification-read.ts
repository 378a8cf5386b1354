// Marking notifications read: the caller's own only. Someone else's notification is
// NOT_FOUND, exactly as an id that was never given out, so ids reveal nothing.
import type { CoreContext } from "../shared/context.js";
import { NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { describeNotifications, type NotificationView } from "./describe-notifications.js";
import { ownNotifications } from "./list-notifications.js";

/** Marks one of the caller's notifications read (again is fine: it keeps the first time). */
export async function markNotificationRead(ctx: CoreContext, id: string): Promise<NotificationView> {
  if (!isUuid(id)) throw new NotFoundError("notification");
  const own = { id, ...ownNotifications(ctx) };
  await ctx.prisma.notification.updateMany({ where: { ...own, readAt: null }, data: { readAt: new Date() } });
  const row = await ctx.prisma.notification.findFirst({ where: own });
  if (!row) throw new NotFoundError("notification");
  const [view] = await describeNotifications(ctx, [row]);
  return view!;
}

/** Marks every unread notification of the caller's read; returns how many it marked. */
export async function markAllNotificationsRead(ctx: CoreContext): Promise<number> {
  const { count } = await ctx.prisma.notification.updateMany({ where: { ...ownNotifications(ctx), readAt: null }, data: { readAt: new Date() } });
  return count;
}
