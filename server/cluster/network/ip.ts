// IPv4 addresses as numbers, CIDR membership and the dashed form CoreDNS uses for pod names.

export function isIPv4(s: string): boolean {
  const p = s.split('.');
  return p.length === 4 && p.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255);
}

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, x) => n * 256 + Number(x), 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Whether `ip` lies in `cidr` (`a.b.c.d/n`; a bare address is a /32). IPv6 never matches. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits = '32'] = cidr.split('/');
  if (!isIPv4(ip) || !isIPv4(base)) return false;
  const n = Number(bits);
  if (!(n >= 0 && n <= 32)) return false;
  const size = 2 ** (32 - n);
  return Math.floor(ipToInt(ip) / size) === Math.floor(ipToInt(base) / size);
}

/** `10.244.1.5` → `10-244-1-5`, and back. */
export function dashed(ip: string): string {
  return ip.replace(/\./g, '-');
}
export function undashed(s: string): string | undefined {
  const ip = s.replace(/-/g, '.');
  return isIPv4(ip) ? ip : undefined;
}

/** `5.1.244.10.in-addr.arpa` → `10.244.1.5`. */
export function fromReverse(name: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa\.?$/i.exec(name);
  if (!m) return undefined;
  const ip = [m[4], m[3], m[2], m[1]].join('.');
  return isIPv4(ip) ? ip : undefined;
}

export function toReverse(ip: string): string {
  return ip.split('.').reverse().join('.') + '.in-addr.arpa';
}
