// Names that reach JavaScript objects' insides. scim-patch walks paths and value keys with
// plain property access, so "__proto__.x" or "constructor.prototype.x" would change every
// object in the hub (prototype pollution). Refused wherever a client names an attribute.
import { invalidSyntax } from "./scim-error.js";

const UNSAFE = new Set(["__proto__", "constructor", "prototype"]);
const MAX_DEPTH = 32;

const unsafe = () => invalidSyntax("The request names an attribute the hub does not accept.");

/** An attribute path; quoted filter values (members[value eq "..."]) are values, not names. */
export function refuseUnsafePath(path: string): void {
  const names = path.replace(/"(?:[^"\\]|\\.)*"/g, "").split(/[^\w$]+/);
  if (names.some((n) => UNSAFE.has(n))) throw unsafe();
}

/** Every key of a JSON value, at any depth (and any dotted part of one, as scim-patch splits them). */
export function refuseUnsafeKeys(value: unknown, depth = 0): void {
  if (depth > MAX_DEPTH) throw invalidSyntax("The request is nested too deeply.");
  if (Array.isArray(value)) {
    for (const item of value) refuseUnsafeKeys(item, depth + 1);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      refuseUnsafePath(key);
      refuseUnsafeKeys(inner, depth + 1);
    }
  }
}
