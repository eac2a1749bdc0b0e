// What a container is made of besides its image, as the kubelet computes it: the environment
// (service links, env/envFrom with ConfigMap/Secret/field/resource references, $(VAR) expansion)
// and the pod's volumes on the node (emptyDir, hostPath with its type checks, configMap/secret/
// projected/downwardAPI written with the atomic `..data` symlink layout, PVCs through their PV).
import { promises as fsp, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KObject } from '../kinds/types.ts';
import type { Mount } from './containerd.ts';

/** What the kubelet looks up while building a container (reads from the watch cache). */
export interface Lookup {
  get(ref: string, ns: string | undefined, name: string): KObject | undefined;
  list(ref: string, ns?: string): KObject[];
  /** A service account token for a projected volume. */
  token?(pod: KObject, audience: string | undefined, seconds: number): string;
}

/** A reason the container cannot be made (CreateContainerConfigError) with upstream's message. */
export class ConfigError extends Error {}

/** A volume that cannot be set up (FailedMount event). */
export class MountError extends Error {}

// ----- environment ---------------------------------------------------------------------------

function serviceEnv(svc: KObject): Record<string, string> {
  const env: Record<string, string> = {};
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === 'None') return env;
  const name = String(svc.metadata!.name).toUpperCase().replace(/-/g, '_');
  const ports: any[] = svc.spec?.ports ?? [];
  if (!ports.length) return env;
  env[`${name}_SERVICE_HOST`] = ip;
  env[`${name}_SERVICE_PORT`] = String(ports[0].port);
  for (const p of ports) if (p.name) env[`${name}_SERVICE_PORT_${String(p.name).toUpperCase().replace(/-/g, '_')}`] = String(p.port);
  const proto0 = String(ports[0].protocol ?? 'TCP').toLowerCase();
  env[`${name}_PORT`] = `${proto0}://${ip}:${ports[0].port}`;
  for (const p of ports) {
    const proto = String(p.protocol ?? 'TCP');
    const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`;
    env[prefix] = `${proto.toLowerCase()}://${ip}:${p.port}`;
    env[`${prefix}_PROTO`] = proto.toLowerCase();
    env[`${prefix}_PORT`] = String(p.port);
    env[`${prefix}_ADDR`] = ip;
  }
  return env;
}

/** Docker-link style variables of the pod's namespace's services (and the master service). */
function serviceLinks(pod: KObject, l: Lookup): Record<string, string> {
  const ns = pod.metadata!.namespace;
  const out: Record<string, string> = {};
  const links = pod.spec?.enableServiceLinks !== false;
  if (links) {
    for (const s of l.list('v1/services', ns)) Object.assign(out, serviceEnv(s));
  }
  const master = l.get('v1/services', 'default', 'kubernetes');
  if (master) Object.assign(out, serviceEnv(master));
  return out;
}

/** A downward-API field of the pod, as fieldRef resolves it. */
export function fieldValue(pod: KObject, path: string): string | undefined {
  const m = pod.metadata ?? {};
  const ann = /^metadata\.annotations\['(.+)'\]$/.exec(path);
  if (ann) return m.annotations?.[ann[1]] ?? '';
  const lab = /^metadata\.labels\['(.+)'\]$/.exec(path);
  if (lab) return m.labels?.[lab[1]] ?? '';
  const map = (o: Record<string, string> | undefined) => Object.keys(o ?? {}).sort().map((k) => `${k}="${String(o![k]).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join('\n');
  switch (path) {
    case 'metadata.name': return m.name;
    case 'metadata.namespace': return m.namespace;
    case 'metadata.uid': return m.uid;
    case 'metadata.labels': return map(m.labels);
    case 'metadata.annotations': return map(m.annotations);
    case 'spec.nodeName': return pod.spec?.nodeName;
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName;
    case 'status.hostIP': return pod.status?.hostIP;
    case 'status.hostIPs': return (pod.status?.hostIPs ?? []).map((x: any) => x.ip).join(',');
    case 'status.podIP': return pod.status?.podIP;
    case 'status.podIPs': return (pod.status?.podIPs ?? []).map((x: any) => x.ip).join(',');
    default: return undefined;
  }
}

/** Quantity → number in base units (cores for cpu, bytes for memory). */
export function quantity(q: string | number | undefined): number | undefined {
  if (q === undefined || q === null || q === '') return undefined;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(String(q));
  if (!m) return undefined;
  const n = Number(m[1]);
  const mult: Record<string, number> = {
    '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4,
  };
  return n * (mult[m[2]] ?? 1);
}

function resourceValue(pod: KObject, c: any, ref: any, nodeAlloc: Record<string, string>): string {
  const res: string = ref.resource;
  const [kind, what] = res.split('.');
  let v = quantity(c?.resources?.[kind]?.[what]);
  if (v === undefined && kind === 'limits') v = quantity(nodeAlloc[what]);
  if (v === undefined) v = kind === 'requests' && what === 'cpu' ? 0 : 0;
  const div = quantity(ref.divisor ?? '1') || 1;
  return String(Math.ceil(v / div));
}

/** Expands $(VAR) references as the kubelet does ($$ escapes). */
export function expandVars(s: string, env: Record<string, string>): string {
  return String(s).replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (all, name: string | undefined) => (name === undefined ? '$' : name in env ? env[name] : all));
}

/** The container's environment (without the image's). Throws ConfigError as upstream words it. */
export function containerEnv(pod: KObject, c: any, l: Lookup, nodeAlloc: Record<string, string>): Record<string, string> {
  const ns = pod.metadata!.namespace;
  const env: Record<string, string> = { ...serviceLinks(pod, l) };
  for (const ef of c.envFrom ?? []) {
    const prefix = ef.prefix ?? '';
    if (ef.configMapRef) {
      const cm = l.get('v1/configmaps', ns, ef.configMapRef.name);
      if (!cm) {
        if (ef.configMapRef.optional) continue;
        throw new ConfigError(`configmap "${ef.configMapRef.name}" not found`);
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) env[prefix + k] = String(v);
    } else if (ef.secretRef) {
      const s = l.get('v1/secrets', ns, ef.secretRef.name);
      if (!s) {
        if (ef.secretRef.optional) continue;
        throw new ConfigError(`secret "${ef.secretRef.name}" not found`);
      }
      for (const [k, v] of Object.entries(s.data ?? {})) env[prefix + k] = Buffer.from(String(v), 'base64').toString('utf8');
    }
  }
  for (const e of c.env ?? []) {
    if (e.valueFrom) {
      const vf = e.valueFrom;
      if (vf.configMapKeyRef) {
        const r = vf.configMapKeyRef;
        const cm = l.get('v1/configmaps', ns, r.name);
        if (!cm) {
          if (r.optional) continue;
          throw new ConfigError(`configmap "${r.name}" not found`);
        }
        const v = cm.data?.[r.key] ?? (cm.binaryData?.[r.key] !== undefined ? Buffer.from(cm.binaryData[r.key], 'base64').toString() : undefined);
        if (v === undefined) {
          if (r.optional) continue;
          throw new ConfigError(`couldn't find key ${r.key} in ConfigMap ${ns}/${r.name}`);
        }
        env[e.name] = String(v);
      } else if (vf.secretKeyRef) {
        const r = vf.secretKeyRef;
        const s = l.get('v1/secrets', ns, r.name);
        if (!s) {
          if (r.optional) continue;
          throw new ConfigError(`secret "${r.name}" not found`);
        }
        const v = s.data?.[r.key];
        if (v === undefined) {
          if (r.optional) continue;
          throw new ConfigError(`couldn't find key ${r.key} in Secret ${ns}/${r.name}`);
        }
        env[e.name] = Buffer.from(String(v), 'base64').toString('utf8');
      } else if (vf.fieldRef) {
        env[e.name] = fieldValue(pod, vf.fieldRef.fieldPath) ?? '';
      } else if (vf.resourceFieldRef) {
        const target = vf.resourceFieldRef.containerName ? [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])].find((x: any) => x.name === vf.resourceFieldRef.containerName) : c;
        env[e.name] = resourceValue(pod, target, vf.resourceFieldRef, nodeAlloc);
      }
    } else {
      env[e.name] = expandVars(e.value ?? '', env);
    }
  }
  return env;
}

// ----- volumes ---------------------------------------------------------------------------------

export interface VolumeContext {
  pod: KObject;
  /** The node's tree in the runtime's view. */
  nodeRoot: string;
  /** /var/lib/kubelet/pods/<uid> in the runtime's view. */
  podDir: string;
  lookup: Lookup;
  nodeAlloc: Record<string, string>;
}

const PLUGIN: Record<string, string> = {
  emptyDir: 'kubernetes.io~empty-dir', configMap: 'kubernetes.io~configmap', secret: 'kubernetes.io~secret',
  projected: 'kubernetes.io~projected', downwardAPI: 'kubernetes.io~downward-api',
};

function modeOf(m: number | undefined, def: number): number {
  return m === undefined || m === null ? def : Number(m);
}

/**
 * Writes a set of files the way the kubelet's atomic writer does: into a fresh timestamped
 * directory, then `..data` is switched to it and each top-level name links through `..data`.
 * Returns whether anything changed.
 */
export async function atomicWrite(dir: string, files: Record<string, { content: Buffer; mode: number }>, now: Date): Promise<boolean> {
  const dataLink = join(dir, '..data');
  const sig = JSON.stringify(Object.entries(files).map(([k, v]) => [k, v.content.toString('base64'), v.mode]).sort());
  // what this runtime wrote last time is remembered; the disk is read only otherwise
  const known = written.get(dir);
  if (known?.sig === sig) return false;
  const current = await fsp.readlink(dataLink).catch(() => undefined);
  if (current && !known) {
    const prev = await fsp.readFile(join(dir, current, '..sig'), 'utf8').catch(() => '');
    if (prev === sig) {
      written.set(dir, { name: current, sig });
      return false;
    }
  }
  const ts = now.toISOString().replace(/[-:]/g, '_').replace('T', '_').replace(/\.(\d+)Z$/, '.$1');
  const name = `..${ts.slice(0, 19)}.${String(Math.floor(Math.random() * 1e9))}`;
  const tsDir = join(dir, name);
  // the volume directory and the timestamped one in one call; the files in parallel
  await fsp.mkdir(tsDir, { recursive: true });
  const subdirs = [...new Set(Object.keys(files).filter((p) => p.includes('/')).map((p) => dirname(join(tsDir, p))))];
  await Promise.all(subdirs.map((d) => fsp.mkdir(d, { recursive: true })));
  await Promise.all([
    ...Object.entries(files).map(([path, f]) => fsp.writeFile(join(tsDir, path), f.content, { mode: f.mode })),
    fsp.writeFile(join(tsDir, '..sig'), sig, { mode: 0o600 }),
  ]);
  const tmp = join(dir, '..data_tmp');
  /** A symlink made at once where nothing is in the way (a fresh volume), replacing what is otherwise. */
  const link = async (target: string, at: string) => {
    try {
      await fsp.symlink(target, at);
    } catch {
      await fsp.rm(at, { force: true, recursive: true });
      await fsp.symlink(target, at);
    }
  };
  await link(name, tmp);
  await fsp.rename(tmp, dataLink);
  const tops = new Set(Object.keys(files).map((p) => p.split('/')[0]));
  await Promise.all([...tops].map(async (t) => {
    const at = join(dir, t);
    if (!current) return link(join('..data', t), at);
    const ok = await fsp.readlink(at).then((l) => l === join('..data', t), () => false);
    if (!ok) await link(join('..data', t), at);
  }));
  // names no longer present, and the previous timestamped directory (a fresh volume has neither)
  if (current) {
    await Promise.all((await fsp.readdir(dir)).filter((e) => e !== '..data' && e !== name && !tops.has(e)).map((e) => fsp.rm(join(dir, e), { force: true, recursive: true })));
  }
  written.set(dir, { name, sig });
  return true;
}

/** The last timestamped directory and signature atomicWrite made in each volume directory. */
const written = new Map<string, { name: string; sig: string }>();

/** Forgets what atomicWrite remembers about volume directories under `podDir` (the pod is gone). */
export function forgetVolumes(podDir: string): void {
  for (const d of written.keys()) if (d.startsWith(`${podDir}/`)) written.delete(d);
}

type Files = Record<string, { content: Buffer; mode: number }>;

function keyFiles(data: Record<string, Buffer>, items: any[] | undefined, defMode: number, what: string, optional: boolean): Files {
  const out: Files = {};
  if (items?.length) {
    for (const it of items) {
      if (!(it.key in data)) {
        if (optional) continue;
        throw new MountError(`configmap references non-existent config key: ${it.key}`.replace('configmap', what));
      }
      out[it.path] = { content: data[it.key], mode: modeOf(it.mode, defMode) };
    }
  } else {
    for (const [k, v] of Object.entries(data)) out[k] = { content: v, mode: defMode };
  }
  return out;
}

function configMapData(l: Lookup, ns: string, name: string): Record<string, Buffer> | undefined {
  const cm = l.get('v1/configmaps', ns, name);
  if (!cm) return undefined;
  const d: Record<string, Buffer> = {};
  for (const [k, v] of Object.entries(cm.data ?? {})) d[k] = Buffer.from(String(v));
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) d[k] = Buffer.from(String(v), 'base64');
  return d;
}

function secretData(l: Lookup, ns: string, name: string): Record<string, Buffer> | undefined {
  const s = l.get('v1/secrets', ns, name);
  if (!s) return undefined;
  const d: Record<string, Buffer> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) d[k] = Buffer.from(String(v), 'base64');
  return d;
}

function downwardFiles(vc: VolumeContext, items: any[], defMode: number): Files {
  const out: Files = {};
  for (const it of items ?? []) {
    let v = '';
    if (it.fieldRef) v = fieldValue(vc.pod, it.fieldRef.fieldPath) ?? '';
    else if (it.resourceFieldRef) {
      const c = (vc.pod.spec.containers ?? []).find((x: any) => x.name === it.resourceFieldRef.containerName);
      v = resourceValue(vc.pod, c, it.resourceFieldRef, vc.nodeAlloc);
    }
    out[it.path] = { content: Buffer.from(v), mode: modeOf(it.mode, defMode) };
  }
  return out;
}

const HOSTPATH_CHECK: Record<string, (p: string) => string | undefined> = {
  Directory: (p) => (isDir(p) ? undefined : `hostPath type check failed: ${p} is not a directory`),
  File: (p) => (isFileAt(p) ? undefined : `hostPath type check failed: ${p} is not a file`),
  Socket: (p) => (existsSync(p) ? undefined : `hostPath type check failed: ${p} is not a socket file`),
  CharDevice: (p) => (existsSync(p) ? undefined : `hostPath type check failed: ${p} is not a character device`),
  BlockDevice: (p) => (existsSync(p) ? undefined : `hostPath type check failed: ${p} is not a block device`),
};

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
function isFileAt(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * A node path in the runtime's view. The system directories (/usr and the merged-/usr links /bin,
 * /lib, /lib64, /sbin) are the host's, shared read-only by every node; the rest is the node's tree.
 */
export function nodePath(nodeRoot: string, p: string): string {
  const m = /^\/(usr|bin|lib|lib64|sbin)(\/.*)?$/.exec(p);
  if (m) return m[1] === 'usr' ? p : `/usr/${m[1]}${m[2] ?? ''}`;
  return join(nodeRoot, p);
}

function emptyStandIn(vc: VolumeContext, name: string): string {
  const d = join(vc.podDir, 'volumes', 'kubernetes.io~host-path', name);
  mkdirSync(d, { recursive: true });
  return d;
}

/** Where a PVC's data lives on the node (the bound PV's hostPath or local path). */
function pvcPath(vc: VolumeContext, claim: string): string {
  const ns = vc.pod.metadata!.namespace;
  const pvc = vc.lookup.get('v1/persistentvolumeclaims', ns, claim);
  if (!pvc) throw new MountError(`persistentvolumeclaim "${claim}" not found`);
  const pvName = pvc.spec?.volumeName;
  const pv = pvName ? vc.lookup.get('v1/persistentvolumes', undefined, pvName) : undefined;
  if (!pv) throw new MountError(`PVC ${ns}/${claim} is not bound`);
  const p = pv.spec?.hostPath?.path ?? pv.spec?.local?.path;
  if (p) return nodePath(vc.nodeRoot, p);
  // other volume sources: a directory of the kubelet's, as a CSI driver would mount it
  return join(vc.podDir, 'volumes', 'kubernetes.io~csi', pvName, 'mount');
}

/**
 * Sets up (or refreshes) every volume of the pod and returns its path in the runtime's view.
 * Throws MountError with upstream's "MountVolume.SetUp failed …" message.
 */
export async function setupVolumes(vc: VolumeContext, now: Date): Promise<Map<string, string>> {
  const ns = vc.pod.metadata!.namespace;
  const paths = new Map<string, string>();
  for (const v of vc.pod.spec?.volumes ?? []) {
    const fail = (msg: string): never => {
      throw new MountError(`MountVolume.SetUp failed for volume "${v.name}" : ${msg}`);
    };
    const dirFor = (type: string) => join(vc.podDir, 'volumes', PLUGIN[type], v.name);
    try {
      if (v.emptyDir) {
        const d = dirFor('emptyDir');
        mkdirSync(d, { recursive: true, mode: 0o777 });
        paths.set(v.name, d);
      } else if (v.hostPath) {
        const p = nodePath(vc.nodeRoot, v.hostPath.path);
        const type = v.hostPath.type ?? '';
        if (type === 'DirectoryOrCreate') {
          try {
            mkdirSync(p, { recursive: true, mode: 0o755 });
          } catch {
            // read-only system part of the node: see below
          }
        }
        else if (type === 'FileOrCreate') {
          if (!existsSync(p)) {
            mkdirSync(dirname(p), { recursive: true });
            writeFileSync(p, '', { mode: 0o644 });
          }
        } else if (HOSTPATH_CHECK[type]) {
          const why = HOSTPATH_CHECK[type](p);
          if (why) fail(why.replace(p, v.hostPath.path));
        } else if (!existsSync(p)) {
          try {
            mkdirSync(p, { recursive: true });
          } catch {
            // a read-only part of the node (the shared /usr): an empty directory stands in
          }
        }
        paths.set(v.name, existsSync(p) ? p : emptyStandIn(vc, v.name));
      } else if (v.configMap) {
        const data = configMapData(vc.lookup, ns, v.configMap.name);
        if (!data && !v.configMap.optional) fail(`configmap "${v.configMap.name}" not found`);
        const d = dirFor('configMap');
        await atomicWrite(d, keyFiles(data ?? {}, v.configMap.items, modeOf(v.configMap.defaultMode, 0o644), 'configmap', !!v.configMap.optional), now);
        paths.set(v.name, d);
      } else if (v.secret) {
        const data = secretData(vc.lookup, ns, v.secret.secretName);
        if (!data && !v.secret.optional) fail(`secret "${v.secret.secretName}" not found`);
        const d = dirFor('secret');
        await atomicWrite(d, keyFiles(data ?? {}, v.secret.items, modeOf(v.secret.defaultMode, 0o644), 'secret', !!v.secret.optional), now);
        paths.set(v.name, d);
      } else if (v.downwardAPI) {
        const d = dirFor('downwardAPI');
        await atomicWrite(d, downwardFiles(vc, v.downwardAPI.items, modeOf(v.downwardAPI.defaultMode, 0o644)), now);
        paths.set(v.name, d);
      } else if (v.projected) {
        const files: Files = {};
        const defMode = modeOf(v.projected.defaultMode, 0o644);
        for (const src of v.projected.sources ?? []) {
          if (src.serviceAccountToken) {
            const tok = vc.lookup.token?.(vc.pod, src.serviceAccountToken.audience, src.serviceAccountToken.expirationSeconds ?? 3607) ?? '';
            files[src.serviceAccountToken.path] = { content: Buffer.from(tok), mode: defMode };
          } else if (src.configMap) {
            const data = configMapData(vc.lookup, ns, src.configMap.name);
            if (!data && !src.configMap.optional) fail(`configmap "${src.configMap.name}" not found`);
            Object.assign(files, keyFiles(data ?? {}, src.configMap.items, defMode, 'configmap', !!src.configMap.optional));
          } else if (src.secret) {
            const data = secretData(vc.lookup, ns, src.secret.name);
            if (!data && !src.secret.optional) fail(`secret "${src.secret.name}" not found`);
            Object.assign(files, keyFiles(data ?? {}, src.secret.items, defMode, 'secret', !!src.secret.optional));
          } else if (src.downwardAPI) {
            Object.assign(files, downwardFiles(vc, src.downwardAPI.items, defMode));
          }
        }
        const d = dirFor('projected');
        await atomicWrite(d, files, now);
        paths.set(v.name, d);
      } else if (v.persistentVolumeClaim) {
        const p = pvcPath(vc, v.persistentVolumeClaim.claimName);
        mkdirSync(p, { recursive: true });
        paths.set(v.name, p);
      } else {
        // other sources (nfs, csi, ephemeral, …): an empty directory stands in
        const d = join(vc.podDir, 'volumes', 'kubernetes.io~other', v.name);
        mkdirSync(d, { recursive: true });
        paths.set(v.name, d);
      }
    } catch (e) {
      if (e instanceof MountError && !e.message.startsWith('MountVolume')) fail(e.message);
      throw e;
    }
  }
  return paths;
}

/** The container's volume mounts as bind mounts (subPath resolved on the host side). */
export function containerMounts(c: any, volumes: Map<string, string>, env: Record<string, string>): Mount[] {
  const out: Mount[] = [];
  for (const vm of c.volumeMounts ?? []) {
    const base = volumes.get(vm.name);
    if (!base) continue;
    let src = base;
    const sub = vm.subPath ?? (vm.subPathExpr ? expandVars(vm.subPathExpr, env) : '');
    if (sub) {
      src = join(base, sub);
      if (!existsSync(src)) mkdirSync(src, { recursive: true });
    }
    out.push({ src, dst: vm.mountPath, readOnly: !!vm.readOnly });
  }
  return out;
}
