import * as net from 'net';
import { IConstruct } from 'constructs';
import { checkCidr, fail, show } from './input-checks';

/** The bits of an IPv4 or IPv6 address (without a zone or an embedded IPv4 address), most significant first. */
function addressBits(address: string, family: 4 | 6): bigint {
  if (family === 4) {
    return address.split('.').reduce((bits, octet) => (bits << 8n) | BigInt(Number(octet)), 0n);
  }
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const groups = (text: string | undefined) => (text ? text.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = tail === undefined ? groups(head) : [...groups(head), ...Array(missing).fill('0'), ...groups(tail)];
  return all.reduce((bits, group) => (bits << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** Whether an IPv6 address is IPv4-mapped (`::ffff:a.b.c.d`, also written `::ffff:a00:5`): IPv4 on the wire. */
function isIpv4Mapped(address: string): boolean {
  return !address.includes('%') && addressBits(address.replace(/:(\d+\.){3}\d+$/, ':0:0'), 6) >> 32n === 0xffffn;
}

/** The IPv4 address of an IPv4-mapped IPv6 address (`::ffff:a00:5` → `10.0.0.5`); any other address as it is. */
export function unmappedAddress(ip: string): string {
  if (!net.isIPv6(ip) || !isIpv4Mapped(ip)) return ip;
  if (ip.includes('.')) return ip.slice(ip.lastIndexOf(':') + 1);
  const bits = addressBits(ip, 6);
  return [24n, 16n, 8n, 0n].map(shift => String((bits >> shift) & 255n)).join('.');
}

/** The address with its host bits cleared, written the usual way (IPv6 with `::` for the longest zero run). */
function networkAddress(bits: bigint, prefix: number, family: 4 | 6): string {
  const width = family === 4 ? 32 : 128;
  const network = (bits >> BigInt(width - prefix)) << BigInt(width - prefix);
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map(shift => String((network >> shift) & 255n)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((network >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map(g => g.toString(16));
  if (best.start === -1) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/**
 * An egress CIDR of a NetworkPolicy ipBlock, beyond the shared CIDR check: what the API server and the policy engines
 * read the same way. The API server rejects a zone (`fe80::1%eth0/64`: not a CIDR to Go's `net.ParseCIDR`); since
 * Kubernetes 1.33 it warns that a CIDR with host bits set (`10.0.0.1/16`), a prefix length with a leading zero
 * (`/08`) or an IPv4-mapped IPv6 CIDR (`::ffff:10.0.0.0/104`) "will be considered invalid in a future Kubernetes
 * release" (KEP-4858), and `10.0.0.1/16` admits the whole /16 where a single address was probably meant.
 */
export function checkEgressCidr(scope: IConstruct, prop: string, value: string): void {
  checkCidr(scope, prop, value);
  const [address, prefixText] = value.split('/');
  const family = net.isIP(address) as 4 | 6;
  if (family === 6 && (address.includes('%') || address.includes('.') || isIpv4Mapped(address))) {
    fail(scope, `'${prop}' (${show(value)}) ${address.includes('%') ? 'has a zone (%)' : 'embeds an IPv4 address'}: `
      + 'the API server and the network policy engines take plain CIDRs only; write an IPv4 CIDR like "10.0.0.0/16" '
      + 'or an IPv6 CIDR like "fd00::/8"');
  }
  const prefix = Number(prefixText);
  const network = networkAddress(addressBits(address, family), prefix, family);
  if (prefixText !== String(prefix) || addressBits(network, family) !== addressBits(address, family)) {
    const single = prefixText !== String(prefix) ? ''
      : `, or ${show(`${address}/${family === 4 ? 32 : 128}`)} for the single address`;
    fail(scope, `'${prop}' (${show(value)}) is not a network address: the network it covers is `
      + `${show(`${network}/${prefix}`)}; write that${single}`);
  }
}

/** Whether a CIDR (checked with checkEgressCidr) contains the IP address; false across address families. */
export function cidrContains(cidr: string, ip: string): boolean {
  const [address, prefix] = cidr.split('/');
  const family = net.isIP(address) as 4 | 6;
  if (family !== net.isIP(ip)) return false;
  const hostBits = BigInt((family === 4 ? 32 : 128) - Number(prefix));
  return addressBits(address, family) >> hostBits === addressBits(ip, family) >> hostBits;
}
