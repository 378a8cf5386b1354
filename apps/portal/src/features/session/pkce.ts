// PKCE (RFC 7636) by hand with WebCrypto: a random code verifier, and its S256 challenge,
// base64url(SHA-256(verifier)). Small and well known, so no library is needed.

/** base64url without padding, as OAuth uses it. */
export function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** A random, URL-safe string: 32 bytes gives the 43-character verifier RFC 7636 recommends. */
export function randomUrlSafeString(byteLength = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** True when the browser lets this page use WebCrypto (https, or localhost). */
export function canUsePkce(): boolean {
  return typeof crypto !== "undefined" && crypto.subtle !== undefined;
}

export async function codeChallengeFor(codeVerifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(codeVerifier));
  return base64url(new Uint8Array(digest));
}
