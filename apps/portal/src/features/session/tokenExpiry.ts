// When an access token stops working, read from its own `exp` claim. Only to end the
// session on time in the browser: the hub verifies every token itself on every request.

/** Milliseconds since the epoch when the token expires, or null if it does not say. */
export function expiryOf(accessToken: string): number | null {
  try {
    const payload = accessToken.split(".")[1];
    if (!payload) return null;
    const json = atob(payload.replaceAll("-", "+").replaceAll("_", "/"));
    const exp: unknown = JSON.parse(json).exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}
