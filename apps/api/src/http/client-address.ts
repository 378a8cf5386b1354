// Where a request came from, for the audit log (ASVS: who, from where) and for the limits kept
// per address (failed sign-ins, the open feed). The connection's own address, unless that
// connection is one of the partnership's reverse proxies (HUB_TRUSTED_PROXIES): then the
// address the proxies forwarded. A client that is not a trusted proxy cannot choose its
// address by sending X-Forwarded-For: from it, the header is ignored.
import { BlockList, isIP } from "node:net";

/** Named ranges HUB_TRUSTED_PROXIES accepts besides addresses and CIDR blocks. */
const NAMED: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  private: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fe80::/10"],
};

/** A proxy on the hub's own machine: trusted unless HUB_TRUSTED_PROXIES says otherwise. */
export const DEFAULT_TRUSTED_PROXIES: readonly string[] = ["loopback"];

export interface TrustedProxies {
  /** The entries as configured, for messages. */
  readonly entries: readonly string[];
  has(address: string): boolean;
}

export class TrustedProxyError extends Error {
  override name = "TrustedProxyError";
}

const familyOf = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");

/** Why an entry of HUB_TRUSTED_PROXIES is not an address, a CIDR block or a named range; null when it is. */
export function trustedProxyEntryProblem(entry: string): string | null {
  if (entry in NAMED) return null;
  const [address, prefix, ...rest] = entry.split("/");
  if (rest.length || !address || !isIP(address)) return `"${entry}" is not an IP address, a CIDR block (such as 10.0.0.0/8) or one of ${Object.keys(NAMED).join(", ")}`;
  if (prefix === undefined) return null;
  const max = isIP(address) === 6 ? 128 : 32;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return `"${entry}" has a prefix length that is not 0 to ${max}`;
  return null;
}

/** The trusted proxies from a list of addresses, CIDR blocks and named ranges ("loopback", "private"). */
export function trustedProxies(entries: readonly string[] = DEFAULT_TRUSTED_PROXIES): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const problem = trustedProxyEntryProblem(entry);
    if (problem) throw new TrustedProxyError(`HUB_TRUSTED_PROXIES: ${problem}.`);
    for (const one of NAMED[entry] ?? [entry]) {
      const [address, prefix] = one.split("/") as [string, string | undefined];
      if (prefix === undefined) list.addAddress(address, familyOf(address));
      else list.addSubnet(address, Number(prefix), familyOf(address));
    }
  }
  return {
    entries: [...entries],
    has: (address) => isIP(address) !== 0 && list.check(address, familyOf(address)),
  };
}

/**
 * An address as written by a socket or a proxy, in one form: IPv4-mapped IPv6 as IPv4, brackets
 * and a port taken off, lower case. Null when it is not an IP address at all ("unknown", garbage).
 */
export function normaliseAddress(raw: string | null | undefined): string | null {
  let address = raw?.trim().toLowerCase() ?? "";
  if (address.length > 64) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  return isIP(address) ? address : null;
}

/**
 * The client's address. From a trusted proxy: the right-most X-Forwarded-For entry that is not
 * itself a trusted proxy (the entries to its left are whatever the client chose to send). If an
 * entry there is not an address, the proxy that added it is the nearest address known. From any
 * other connection: its own address, whatever X-Forwarded-For says. Null when neither is known
 * (a request handed to the hub in-process, with no connection).
 */
export function clientAddress(request: Request, connectionAddress: string | null | undefined, trusted: TrustedProxies): string | null {
  const connection = normaliseAddress(connectionAddress);
  if (connection === null || !trusted.has(connection)) return connection;
  const hops = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  let nearest = connection;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i]);
    if (hop === null) return nearest;
    if (!trusted.has(hop)) return hop;
    nearest = hop;
  }
  return nearest;
}
