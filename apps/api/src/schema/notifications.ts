// The signed-in user's notifications: deadlines missed, referrals nobody acknowledged, victims
// waiting to hear, reassessments to offer. They are the reader's own and carry no victim data,
// so, like viewer, they need no X-Access-Purpose header; a case's reference shows only when the
// reader may see that case for the purpose they stated.
import { countUnreadNotifications, listNotifications, markAllNotificationsRead, markNotificationRead, NotFoundError, type NotificationView } from "@hub/core";
import { NotificationKind } from "@hub/db";
import { builder } from "../builder.js";
import { connectionOf } from "./connection.js";
import { ViewerRef } from "./viewer.js";

const NotificationKindEnum = builder.enumType(NotificationKind, { name: "NotificationKind" });

const NotificationRef = builder.objectRef<NotificationView>("Notification").implement({
  description: "Something you, or your organisation, should act on. Identifiers only: never the victim's name or details.",
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.field({ type: NotificationKindEnum, resolve: (n) => n.kind }),
    message: t.exposeString("message", { description: "What happened and what to do, in plain English." }),
    createdAt: t.field({ type: "DateTime", resolve: (n) => n.createdAt }),
    readAt: t.field({ type: "DateTime", nullable: true, resolve: (n) => n.readAt }),
    caseId: t.exposeID("caseId", { nullable: true, description: "The case, only if you may see it now (for the purpose you stated)." }),
    caseReference: t.exposeString("caseReference", { nullable: true, description: "The case's police URN or CPS reference, only if you may see it now." }),
    referralId: t.exposeID("referralId", { nullable: true, description: "The referral, only if you may see it." }),
  }),
});

const NotificationConnection = connectionOf("Notification", NotificationRef);

builder.objectField(NotificationConnection, "unreadCount", (t) =>
  t.int({ description: "How many of your notifications are unread (all of them, not only this page).", resolve: (_page, _args, ctx) => countUnreadNotifications(ctx) }),
);

builder.objectField(ViewerRef, "notifications", (t) =>
  t.field({
    type: NotificationConnection,
    description: "Your notifications, newest first.",
    args: {
      first: t.arg.int({ description: "How many, 1 to 100 (default 20)." }),
      after: t.arg.string({ description: "The endCursor of the previous page." }),
      unreadOnly: t.arg.boolean({ description: "Only those not yet marked read." }),
    },
    resolve: (_viewer, args, ctx) => listNotifications(ctx, args),
  }),
);

builder.mutationFields((t) => ({
  markNotificationRead: t.field({
    type: NotificationRef,
    description: "Mark one of your notifications read. Not found if it is not yours.",
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: (_r, args, ctx) => markNotificationRead(ctx, String(args.id)),
  }),
  markAllNotificationsRead: t.int({
    description: "Mark all your notifications read; answers how many were unread.",
    resolve: (_r, _a, ctx) => markAllNotificationsRead(ctx),
  }),
}));
