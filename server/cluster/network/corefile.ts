// The Corefile, as CoreDNS reads it: server blocks (`zone[:port] … { … }`) of plugin directives,
// each a line of arguments with an optional `{ … }` block of its own lines. What a candidate is
// likely to write is understood (kubernetes, hosts, rewrite name, forward, template-less basics);
// the other in-tree plugins are accepted and do nothing here. A file CoreDNS would refuse gives
// CoreDNS's message (`/etc/coredns/Corefile:3 - Error during parsing: Unknown directive 'foo'`),
// which makes the coredns container exit at start.

export interface Directive {
  name: string;
  args: string[];
  line: number;
  block?: Directive[];
}

export interface ServerBlock {
  /** Zones, normalised to lower case with a trailing dot (`.`, `cluster.local.`). */
  zones: string[];
  port: number;
  directives: Directive[];
}

export interface Corefile {
  servers: ServerBlock[];
}

/** The in-tree plugins of CoreDNS 1.12 (what `coredns -plugins` lists as dns.*). */
export const KNOWN_PLUGINS = new Set([
  'acl', 'any', 'auto', 'autopath', 'azure', 'bind', 'bufsize', 'cache', 'cancel', 'chaos', 'clouddns', 'debug', 'dns64', 'dnssec',
  'dnstap', 'erratic', 'errors', 'etcd', 'file', 'forward', 'geoip', 'grpc', 'header', 'health', 'hosts', 'k8s_external', 'kubernetes',
  'loadbalance', 'local', 'log', 'loop', 'metadata', 'minimal', 'multisocket', 'nsid', 'pprof', 'prometheus', 'ready', 'reload',
  'rewrite', 'root', 'route53', 'secondary', 'sign', 'template', 'timeouts', 'tls', 'trace', 'transfer', 'tsig', 'view', 'whoami',
]);

const KUBERNETES_PROPS = new Set(['endpoint', 'tls', 'kubeconfig', 'namespaces', 'labels', 'namespace_labels', 'pods', 'ttl', 'noendpoints', 'fallthrough', 'ignore', 'multicluster', 'startup_timeout', 'endpoint_pod_names', 'upstream', 'apiserver_qps', 'apiserver_burst', 'apiserver_max_inflight']);
const HOSTS_PROPS = new Set(['fallthrough', 'ttl', 'no_reverse', 'reload']);

export class CorefileError extends Error {}

interface Token {
  text: string;
  line: number;
  /** The token starts a new line. */
  nl: boolean;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let nl = true;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      nl = true;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"') {
      let s = '';
      const start = line;
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && text[i + 1] === '"') i++;
        if (text[i] === '\n') line++;
        s += text[i++];
      }
      i++;
      out.push({ text: s, line: start, nl });
      nl = false;
    } else {
      let s = '';
      while (i < text.length && !/[\s#]/.test(text[i])) s += text[i++];
      out.push({ text: s, line, nl });
      nl = false;
    }
  }
  return out;
}

function normZone(z: string): string {
  let s = z.toLowerCase().replace(/^dns:\/\//, '');
  if (!s.endsWith('.')) s += '.';
  return s;
}

/** Parses a Corefile; throws CorefileError with CoreDNS's message. */
export function parseCorefile(text: string, file = '/etc/coredns/Corefile'): Corefile {
  const toks = tokenize(text);
  let i = 0;
  const err = (line: number, msg: string, plugin?: string) => new CorefileError(`${plugin ? `plugin/${plugin}: ` : ''}${file}:${line} - Error during parsing: ${msg}`);
  const servers: ServerBlock[] = [];

  // directive lines until the closing brace of the current block
  const lines = (closeLine: () => number, plugin?: string): Directive[] => {
    const ds: Directive[] = [];
    for (;;) {
      if (i >= toks.length) throw err(closeLine(), 'Unexpected EOF', plugin);
      const t = toks[i];
      if (t.text === '}') {
        i++;
        return ds;
      }
      const d: Directive = { name: t.text, args: [], line: t.line };
      i++;
      while (i < toks.length && !toks[i].nl && toks[i].text !== '{' && toks[i].text !== '}') d.args.push(toks[i++].text);
      if (i < toks.length && toks[i].text === '{' && !toks[i].nl) {
        i++;
        d.block = lines(() => (toks[toks.length - 1]?.line ?? t.line), plugin ?? d.name);
      }
      ds.push(d);
    }
  };

  while (i < toks.length) {
    const keys: Token[] = [];
    while (i < toks.length && toks[i].text !== '{') {
      if (keys.length && toks[i].nl) break;
      keys.push(toks[i++]);
    }
    if (i >= toks.length || toks[i].text !== '{') {
      // a server block without braces: the rest of the file is its body
      const line = keys[0]?.line ?? 1;
      throw err(toks[i]?.line ?? line, keys.length ? `Unknown directive '${toks[i]?.text ?? keys[keys.length - 1].text}'` : 'Unexpected EOF');
    }
    const open = toks[i++];
    const zones: string[] = [];
    let port = 53;
    for (const k of keys) {
      for (const part of k.text.split(',').filter(Boolean)) {
        const m = /^(?:dns:\/\/)?(.+?)(?::(\d+))?$/.exec(part);
        if (!m) throw err(k.line, `Unknown directive '${part}'`);
        zones.push(normZone(m[1]));
        if (m[2]) port = Number(m[2]);
      }
    }
    const directives = lines(() => toks[toks.length - 1]?.line ?? open.line);
    for (const d of directives) validateDirective(d, err);
    for (const z of zones) {
      if (servers.some((s) => s.port === port && s.zones.includes(z))) {
        throw new CorefileError(`cannot serve dns://${z}:${port} - zone already defined for dns://${z}:${port}`);
      }
    }
    servers.push({ zones, port, directives });
  }
  return { servers };
}

function validateDirective(d: Directive, err: (line: number, msg: string, plugin?: string) => CorefileError): void {
  if (!KNOWN_PLUGINS.has(d.name)) throw err(d.line, `Unknown directive '${d.name}'`);
  const argc = (n: number) => {
    if (d.args.length < n) throw err(d.line, `Wrong argument count or unexpected line ending after '${d.args[d.args.length - 1] ?? d.name}'`, d.name);
  };
  switch (d.name) {
    case 'forward':
      argc(2);
      break;
    case 'rewrite':
      argc(2);
      break;
    case 'kubernetes':
      for (const p of d.block ?? []) {
        if (!KUBERNETES_PROPS.has(p.name)) throw err(p.line, `unknown property '${p.name}'`, 'kubernetes');
        if (p.name === 'pods' && !['disabled', 'insecure', 'verified'].includes(p.args[0] ?? '')) {
          throw err(p.line, `invalid value for pods, '${p.args[0] ?? ''}', must be one of: disabled, verified, insecure`, 'kubernetes');
        }
        if (p.name === 'ttl' && !(Number(p.args[0]) >= 0 && Number(p.args[0]) <= 3600)) throw err(p.line, `ttl must be in range [0, 3600]: ${p.args[0]}`, 'kubernetes');
      }
      break;
    case 'hosts':
      for (const p of d.block ?? []) {
        if (HOSTS_PROPS.has(p.name)) continue;
        // an inline host line: an address and names
        if (!/^[\d.]+$|:/.test(p.name)) throw err(p.line, `unknown property '${p.name}'`, 'hosts');
      }
      break;
    default:
      break;
  }
}

/** CoreDNS's refusal of a Corefile, or undefined when it would start (for the coredns container). */
export function checkCorefile(text: string, file = '/etc/coredns/Corefile'): string | undefined {
  try {
    parseCorefile(text, file);
    return undefined;
  } catch (e) {
    if (e instanceof CorefileError) return e.message;
    throw e;
  }
}
