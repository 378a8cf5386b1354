// One directory service. Directory data is not personal data: no stated purpose, no audit.
import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { locationViewer } from "./confidential-location.js";
import { directoryServiceInclude, toViews, type DirectoryServiceView } from "./directory-service-view.js";

export async function getDirectoryService(ctx: CoreContext, id: string): Promise<DirectoryServiceView> {
  if (!isUuid(id)) throw new NotFoundError("directory service");
  const viewer = locationViewer(ctx);
  const row = await ctx.prisma.directoryService.findFirst({
    where: { AND: [{ id }, accessibleWhere(ctx.ability, "DirectoryService")] },
    include: directoryServiceInclude(viewer),
  });
  if (!row) throw new NotFoundError("directory service");
  return (await toViews(ctx.prisma, viewer, [row]))[0]!;
}
