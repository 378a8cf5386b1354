// One import per domain file; each adds its types, queries and mutations to the builder.
import { builder } from "../builder.js";
import "./scalars.js";
import "./errors.js";
import "./enums.js";
import "./organisations.js";
import "./viewer.js";
import "./victims.js";
import "./consent.js";
import "./cases.js";
import "./case-progress.js";
import "./case-feed.js";
import "./plain-language.js";
import "./case-record.js";
import "./integration.js";
import "./victim-care.js";
import "./referrals.js";
import "./signposting.js";
import "./sharing.js";
import "./audit.js";
import "./compliance.js";
import "./directory.js";
import "./notifications.js";
import "./involvements.js";
import "./administration.js";
import "./viewer-may.js";
import "./provisioning.js";

export const schema = builder.toSchema({ sortSchema: true });
