// The directory, A to Z, one keyset page at a time (by name, then id, so pages stay stable
// when entries are added or renamed between requests).
import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { BadInputError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { pageSize, type Page, type PageRequest } from "../shared/keyset-page.js";
import { locationViewer } from "./confidential-location.js";
import { directoryServiceInclude, toViews, type DirectoryServiceView } from "./directory-service-view.js";

const encode = (name: string, id: string) => Buffer.from(JSON.stringify([name, id])).toString("base64url");

function decode(cursor: string): { name: string; id: string } {
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof name === "string" && typeof id === "string" && isUuid(id)) return { name, id };
  } catch {
    // fall through to the plain error below
  }
  throw new BadInputError("That page cursor is not one the hub gave out. Start again from the first page.", "after");
}

export async function listDirectoryServices(ctx: CoreContext, request: PageRequest): Promise<Page<DirectoryServiceView>> {
  const size = pageSize(request.first);
  const after = request.after ? decode(request.after) : null;
  const viewer = locationViewer(ctx);
  const rows = await ctx.prisma.directoryService.findMany({
    where: {
      AND: [
        accessibleWhere(ctx.ability, "DirectoryService"),
        after ? { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] } : {},
      ],
    },
    include: directoryServiceInclude(viewer),
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: size + 1,
  });
  const views = await toViews(ctx.prisma, viewer, rows.slice(0, size));
  return { items: views.map((node) => ({ node, cursor: encode(node.name, node.id) })), hasNextPage: rows.length > size };
}
