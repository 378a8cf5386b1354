// Expected failures the caller can act on. Each has a stable code for integrations and a
// message written for a caseworker. Messages never contain victim data.
export type HubErrorCode = "NOT_FOUND" | "BAD_INPUT" | "CONFLICT" | "FORBIDDEN";

export class HubError extends Error {
  override name = "HubError";
  constructor(
    readonly code: HubErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The same answer for "does not exist" and "you may not see it", so neither is revealed. */
export class NotFoundError extends HubError {
  override name = "NotFoundError";
  constructor(readonly entity: string) {
    super("NOT_FOUND", `No ${entity} was found with that reference.`);
  }
}

export class BadInputError extends HubError {
  override name = "BadInputError";
  constructor(message: string, field?: string) {
    super("BAD_INPUT", message, field);
  }
}

export class ConflictError extends HubError {
  override name = "ConflictError";
  constructor(message: string) {
    super("CONFLICT", message);
  }
}

/**
 * A contact does not fit the victim's contact agreement and was not recorded: every rule it
 * does not fit, at once. For someone outside her contact circle the rules are not named (one
 * breach, CONTACT_AGREEMENT, pointing to her named contact). Nothing about her is in it.
 */
export class ContactAgreementBreachError extends HubError {
  override name = "ContactAgreementBreachError";
  constructor(
    message: string,
    readonly breaches: readonly { rule: string; message: string }[],
  ) {
    super("BAD_INPUT", message, "outsideAgreementReason");
  }
}
