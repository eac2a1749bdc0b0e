// The Kubernetes packages of a node as Debian sees them: dpkg's status file (versions, holds), the
// pkgs.k8s.io source in /etc/apt/sources.list.d/kubernetes.list (one minor per source, as on a
// kubeadm node) and what `apt-get update` last read from it. `apt-get`, `apt`, `apt-mark` and
// `apt-cache` act on these for the Kubernetes packages, so the upgrade steps of the CKA work:
// change the source's minor, update, unhold, install, hold. The kubelet and kubeadm report the
// version installed here.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ToolHandler, ToolIO } from './service.ts';
import { debVersion, minorOf, release } from '../versions.ts';

export const K8S_PACKAGES = ['kubeadm', 'kubelet', 'kubectl'];
const OTHER = { 'kubernetes-cni': '1.7.1-1.1', 'cri-tools': '1.35.0-1.1' } as Record<string, string>;
const STATUS = 'var/lib/dpkg/status';
const SOURCE = 'etc/apt/sources.list.d/kubernetes.list';
const LISTS = 'var/lib/apt/lists/kubedojo-pkgs.k8s.io';
const SIZE: Record<string, string> = { kubeadm: '12.2 MB', kubelet: '15.2 MB', kubectl: '11.2 MB' };

export interface Pkg {
  version: string;
  hold: boolean;
}

function stanza(name: string, p: Pkg): string {
  return [`Package: ${name}`, `Status: ${p.hold ? 'hold' : 'install'} ok installed`, 'Priority: optional', 'Section: admin',
    'Maintainer: Kubernetes Authors <dev@kubernetes.io>', 'Architecture: amd64', `Version: ${p.version}`,
    `Description: ${name} (Kubernetes)`, ''].join('\n');
}

export function readPackages(root: string): Map<string, Pkg> {
  const m = new Map<string, Pkg>();
  let text = '';
  try {
    text = readFileSync(join(root, STATUS), 'utf8');
  } catch {
    return m;
  }
  for (const block of text.split(/\n\n+/)) {
    const name = /^Package: (.+)$/m.exec(block)?.[1];
    const version = /^Version: (.+)$/m.exec(block)?.[1];
    if (name && version) m.set(name, { version, hold: /^Status: hold /m.test(block) });
  }
  return m;
}

export function writePackages(root: string, pkgs: Map<string, Pkg>): void {
  const p = join(root, STATUS);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, [...pkgs].sort(([a], [b]) => a.localeCompare(b)).map(([n, x]) => stanza(n, x)).join('\n'));
}

function sourceLine(minor: string): string {
  return `deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v${minor}/deb/ /\n`;
}

/** A new node's packages: the cluster's release, held, from that minor's source. */
export function writeNodePackages(root: string, version: string): void {
  const pkgs = new Map<string, Pkg>();
  for (const n of K8S_PACKAGES) pkgs.set(n, { version: debVersion(version), hold: true });
  for (const [n, v] of Object.entries(OTHER)) pkgs.set(n, { version: v, hold: false });
  writePackages(root, pkgs);
  for (const [path, content] of [[SOURCE, sourceLine(minorOf(version))], [LISTS, `${minorOf(version)}\n`], ['etc/apt/keyrings/kubernetes-apt-keyring.gpg', '']]) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** The release a package is at on a node ("v1.35.2"), if installed. */
export function installedVersion(root: string, pkg: string): string | undefined {
  const v = readPackages(root).get(pkg)?.version;
  return v ? `v${v.replace(/-.*$/, '')}` : undefined;
}

/** The minor the node's pkgs.k8s.io source names, and the one its package lists were read from. */
function sources(root: string): { configured?: string; fetched?: string } {
  const read = (p: string) => (existsSync(join(root, p)) ? readFileSync(join(root, p), 'utf8') : '');
  const configured = /pkgs\.k8s\.io\/core:\/stable:\/v(\d+\.\d+)\/deb/.exec(read(SOURCE))?.[1];
  const fetched = read(LISTS).trim() || undefined;
  return { configured, fetched };
}

function available(minor: string | undefined): string[] {
  const r = minor ? release(minor) : undefined;
  return r ? r.patches.map((p) => debVersion(p)).reverse() : [];
}

const repoUrl = (minor: string) => `https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v${minor}/deb`;

export function aptTools(rootOf: (node: string) => string): Record<string, ToolHandler> {
  const update = (root: string, io: ToolIO) => {
    const { configured } = sources(root);
    let i = 1;
    io.out(`Hit:${i++} http://deb.debian.org/debian bookworm InRelease\n`);
    if (configured && release(configured)) {
      io.out(`Get:${i++} ${repoUrl(configured)}  InRelease [1,227 B]\nGet:${i++} ${repoUrl(configured)}  Packages [${4 + available(configured).length} kB]\n`);
      writeFileSync(join(root, LISTS), `${configured}\n`);
    } else if (configured) {
      io.out(`Err:${i++} ${repoUrl(configured)}  InRelease\n  403  Forbidden [IP: 18.65.185.87 443]\n`);
      io.out('Reading package lists... Done\n');
      io.err(`E: Failed to fetch ${repoUrl(configured)}/InRelease  403  Forbidden [IP: 18.65.185.87 443]\nE: The repository 'https://pkgs.k8s.io/core:/stable:/v${configured}/deb  InRelease' is not signed.\n`);
      return 100;
    }
    io.out('Reading package lists... Done\n');
    return 0;
  };

  const install = async (root: string, args: string[], io: ToolIO) => {
    const yes = args.some((a) => a === '-y' || a === '--yes' || a === '--assume-yes' || /^-[a-z]*y/.test(a) && !a.startsWith('--'));
    const allowHeld = args.includes('--allow-change-held-packages');
    const wanted = args.filter((a) => !a.startsWith('-'));
    io.out('Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n');
    const pkgs = readPackages(root);
    const { fetched } = sources(root);
    const changes: { name: string; from?: string; to: string }[] = [];
    for (const w of wanted) {
      const [name, ver] = w.split('=');
      if (!K8S_PACKAGES.includes(name) && !(name in OTHER)) {
        io.err(`E: Unable to locate package ${name}\n`);
        return 100;
      }
      const versions = name in OTHER ? [OTHER[name]] : available(fetched);
      const to = ver ?? versions[0];
      if (!to || !versions.includes(to)) {
        io.err(ver ? `E: Version '${ver}' for '${name}' was not found\n` : `E: Unable to locate package ${name}\n`);
        return 100;
      }
      const cur = pkgs.get(name);
      if (cur?.version === to) {
        io.out(`${name} is already the newest version (${to}).\n`);
        continue;
      }
      changes.push({ name, from: cur?.version, to });
    }
    if (!changes.length) {
      io.out('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
      return 0;
    }
    const held = changes.filter((c) => pkgs.get(c.name)?.hold);
    const up = changes.filter((c) => c.from && c.from < c.to);
    const down = changes.filter((c) => c.from && c.from > c.to);
    const fresh = changes.filter((c) => !c.from);
    if (held.length) io.out(`The following held packages will be changed:\n  ${held.map((c) => c.name).join(' ')}\n`);
    if (up.length) io.out(`The following packages will be upgraded:\n  ${up.map((c) => c.name).join(' ')}\n`);
    if (down.length) io.out(`The following packages will be DOWNGRADED:\n  ${down.map((c) => c.name).join(' ')}\n`);
    if (fresh.length) io.out(`The following NEW packages will be installed:\n  ${fresh.map((c) => c.name).join(' ')}\n`);
    io.out(`${up.length} upgraded, ${fresh.length} newly installed, ${down.length} downgraded, 0 to remove and 0 not upgraded.\n`);
    if (held.length && !allowHeld) {
      if (yes) {
        io.err('E: Held packages were changed and -y was used without --allow-change-held-packages.\n');
        return 100;
      }
    }
    if (!yes) {
      io.out('Do you want to continue? [Y/n] ');
      const answer = await readLine(io);
      if (answer !== undefined && answer.trim() !== '' && !/^y/i.test(answer.trim())) {
        io.out('Abort.\n');
        return 1;
      }
    }
    for (const c of changes) io.out(`Get:1 ${repoUrl(fetched ?? '')}  ${c.name} ${c.to} [${SIZE[c.name] ?? '1 MB'}]\n`);
    io.out('Fetched 0 B in 0s (0 B/s)\n(Reading database ... 75342 files and directories currently installed.)\n');
    for (const c of changes) {
      io.out(`Preparing to unpack .../${c.name}_${c.to}_amd64.deb ...\nUnpacking ${c.name} (${c.to})${c.from ? ` over (${c.from})` : ''} ...\n`);
      pkgs.set(c.name, { version: c.to, hold: pkgs.get(c.name)?.hold ?? false });
    }
    for (const c of changes) io.out(`Setting up ${c.name} (${c.to}) ...\n`);
    writePackages(root, pkgs);
    return 0;
  };

  const aptGet: ToolHandler = async (req, io) => {
    const root = rootOf(req.node);
    const args = [...req.args];
    const cmd = args.find((a) => !a.startsWith('-'));
    const rest = args.filter((a) => a !== cmd);
    if (cmd === 'update') return update(root, io);
    if (cmd === 'install' || cmd === 'upgrade') return install(root, rest, io);
    if (!cmd) {
      io.err('E: Invalid operation\n');
      return 100;
    }
    io.err(`E: kubedojo nodes are offline: "${req.tool} ${cmd}" is not available (install, update work for the Kubernetes packages)\n`);
    return 100;
  };

  const aptMark: ToolHandler = async (req, io) => {
    const root = rootOf(req.node);
    const [cmd, ...names] = req.args.filter((a) => !a.startsWith('-'));
    const pkgs = readPackages(root);
    if (cmd === 'showhold') {
      const held = [...pkgs].filter(([, p]) => p.hold).map(([n]) => n).sort();
      if (held.length) io.out(`${held.join('\n')}\n`);
      return 0;
    }
    if (cmd !== 'hold' && cmd !== 'unhold') {
      io.err(`E: Invalid operation ${cmd ?? ''}\n`);
      return 100;
    }
    for (const n of names) {
      const p = pkgs.get(n);
      if (!p) {
        io.err(`E: Unable to locate package ${n}\n`);
        return 100;
      }
      if (cmd === 'hold') io.out(p.hold ? `${n} was already set on hold.\n` : `${n} set on hold.\n`);
      else io.out(p.hold ? `Canceled hold on ${n}.\n` : `${n} was already not on hold.\n`);
      p.hold = cmd === 'hold';
    }
    writePackages(root, pkgs);
    return 0;
  };

  const aptCache: ToolHandler = async (req, io) => {
    const root = rootOf(req.node);
    const [cmd, ...names] = req.args.filter((a) => !a.startsWith('-'));
    const { fetched } = sources(root);
    const pkgs = readPackages(root);
    if (cmd === 'madison') {
      for (const n of names) {
        const versions = K8S_PACKAGES.includes(n) ? available(fetched) : n in OTHER ? [OTHER[n]] : [];
        if (!versions.length) io.out(`N: Unable to locate package ${n}\n`);
        for (const v of versions) io.out(`${n.padStart(10)} | ${v} | https://pkgs.k8s.io/core:/stable:/v${fetched}/deb  Packages\n`);
      }
      return 0;
    }
    if (cmd === 'policy') {
      for (const n of names) {
        const versions = K8S_PACKAGES.includes(n) ? available(fetched) : [];
        const cur = pkgs.get(n)?.version ?? '(none)';
        io.out(`${n}:\n  Installed: ${cur}\n  Candidate: ${versions[0] ?? cur}\n  Version table:\n`);
        for (const v of versions) io.out(`${v === cur ? ' *** ' : '     '}${v} 500\n        500 https://pkgs.k8s.io/core:/stable:/v${fetched}/deb  Packages\n`);
        if (!versions.includes(cur) && cur !== '(none)') io.out(` *** ${cur} 100\n        100 /var/lib/dpkg/status\n`);
      }
      return 0;
    }
    io.err(`E: kubedojo nodes are offline: "apt-cache ${cmd ?? ''}" is not available (madison, policy work for the Kubernetes packages)\n`);
    return 100;
  };

  return { 'apt-get': aptGet, apt: async (req, io) => (req.args[0] === 'policy' ? aptCache(req, io) : aptGet(req, io)), 'apt-mark': aptMark, 'apt-cache': aptCache };
}

/** One line from the tool's stdin (undefined at its end). */
function readLine(io: ToolIO): Promise<string | undefined> {
  return new Promise((resolve) => {
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString();
      const i = buf.indexOf('\n');
      if (i >= 0) {
        io.stdin.off('data', onData);
        resolve(buf.slice(0, i));
      }
    };
    io.stdin.on('data', onData);
    io.stdin.once('end', () => resolve(buf || undefined));
  });
}
