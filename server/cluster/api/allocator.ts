// Cluster-wide address pools, computed from what is stored: cluster IPs from the service CIDR and
// node ports from the node-port range, picked at random like kube-apiserver's allocators.
import { randomInt } from 'node:crypto';
import type { Store } from './store.ts';

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function parseCidr(cidr: string): { base: number; size: number } {
  const [ip, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return { base: Math.floor(ipToInt(ip) / size) * size, size };
}

export class Allocator {
  constructor(private store: Store, public serviceCIDR: string, public nodePortRange: string) {}

  private usedIPs(): Set<string> {
    const s = new Set<string>();
    for (const o of this.store.list('/registry/services/specs/')) for (const ip of o.obj.spec?.clusterIPs ?? [o.obj.spec?.clusterIP]) if (ip) s.add(ip);
    return s;
  }

  private usedPorts(): Set<number> {
    const s = new Set<number>();
    for (const o of this.store.list('/registry/services/specs/')) for (const p of o.obj.spec?.ports ?? []) if (p.nodePort) s.add(p.nodePort);
    return s;
  }

  allocate(pool: 'serviceIP' | 'nodePort', wanted?: string | number): { value: string | number } | { error: string } {
    if (pool === 'serviceIP') {
      const { base, size } = parseCidr(this.serviceCIDR);
      const used = this.usedIPs();
      if (wanted !== undefined) {
        const n = ipToInt(String(wanted));
        if (!/^\d+\.\d+\.\d+\.\d+$/.test(String(wanted))) return { error: `failed to allocate IP ${wanted}: the provided IP (${wanted}) is not a valid IP` };
        if (n <= base || n >= base + size - 1) return { error: `failed to allocate IP ${wanted}: the provided IP (${wanted}) is not in the valid range. The range of valid IPs is ${this.serviceCIDR}` };
        if (used.has(String(wanted))) return { error: `failed to allocate IP ${wanted}: provided IP is already allocated` };
        return { value: String(wanted) };
      }
      for (let tries = 0; tries < 1000; tries++) {
        const ip = intToIp(base + 1 + randomInt(size - 2));
        if (!used.has(ip)) return { value: ip };
      }
      return { error: 'failed to allocate a serviceIP: range is full' };
    }
    const [lo, hi] = this.nodePortRange.split('-').map(Number);
    const used = this.usedPorts();
    if (wanted !== undefined) {
      const p = Number(wanted);
      if (p < lo || p > hi) return { error: `provided port is not in the valid range. The range of valid ports is ${lo}-${hi}` };
      if (used.has(p)) return { error: 'provided port is already allocated' };
      return { value: p };
    }
    for (let tries = 0; tries < 1000; tries++) {
      const p = lo + randomInt(hi - lo + 1);
      if (!used.has(p)) return { value: p };
    }
    return { error: 'range is full' };
  }
}
