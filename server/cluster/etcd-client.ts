// A small etcd v3 client over etcd's JSON gateway (/v3/kv/*, /v3/watch), with TLS client
// certificates as kube-apiserver uses them. No gRPC stack to load: the runtime starts faster.
import https from 'node:https';
import { readFileSync } from 'node:fs';

export interface EtcdTls {
  ca: string | Buffer;
  cert: string | Buffer;
  key: string | Buffer;
}

export interface KeyValue {
  key: string;
  value: Buffer;
  createRevision: number;
  modRevision: number;
  version: number;
}

export interface WatchEvent {
  type: 'PUT' | 'DELETE';
  kv: KeyValue;
  prevKv?: KeyValue;
}

export class EtcdError extends Error {
  constructor(message: string, readonly code?: number) {
    super(message);
  }
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/** The key just after every key with this prefix (etcd's range_end for a prefix query). */
export function prefixEnd(prefix: string): string {
  const b = Buffer.from(prefix);
  for (let i = b.length - 1; i >= 0; i--) {
    if (b[i] < 0xff) {
      const out = Buffer.from(b.subarray(0, i + 1));
      out[i]++;
      return out.toString('latin1');
    }
  }
  return '\0';
}

function toKv(raw: any): KeyValue {
  return {
    key: Buffer.from(raw.key ?? '', 'base64').toString(),
    value: Buffer.from(raw.value ?? '', 'base64'),
    createRevision: Number(raw.create_revision ?? 0),
    modRevision: Number(raw.mod_revision ?? 0),
    version: Number(raw.version ?? 0),
  };
}

export class EtcdClient {
  private agent: https.Agent;
  private host: string;
  private port: number;

  constructor(endpoint: string, tls: EtcdTls) {
    const u = new URL(endpoint);
    this.host = u.hostname;
    this.port = Number(u.port || 2379);
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 16, ca: tls.ca, cert: tls.cert, key: tls.key });
  }

  static fromFiles(endpoint: string, files: { ca: string; cert: string; key: string }): EtcdClient {
    return new EtcdClient(endpoint, { ca: readFileSync(files.ca), cert: readFileSync(files.cert), key: readFileSync(files.key) });
  }

  close(): void {
    this.agent.destroy();
  }

  private call(path: string, body: unknown, timeoutMs = 10000): Promise<any> {
    const data = Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = https.request(
        { host: this.host, port: this.port, path, method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': data.length }, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            let json: any;
            try {
              json = JSON.parse(text);
            } catch {
              return reject(new EtcdError(`etcd: bad reply to ${path}: ${text.slice(0, 200)}`));
            }
            if (res.statusCode !== 200 || json.error) return reject(new EtcdError(`etcd: ${json.message ?? json.error ?? text}`, json.code));
            resolve(json);
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new EtcdError(`etcd: request ${path} timed out`)));
      req.on('error', (e) => reject(e instanceof EtcdError ? e : new EtcdError(`etcd: ${e.message}`)));
      req.end(data);
    });
  }

  async range(key: string, o: { prefix?: boolean; revision?: number; limit?: number; keysOnly?: boolean } = {}): Promise<{ kvs: KeyValue[]; revision: number; more: boolean }> {
    const body: any = { key: b64(key) };
    if (o.prefix) body.range_end = b64(Buffer.from(prefixEnd(key), 'latin1'));
    if (o.revision) body.revision = String(o.revision);
    if (o.limit) body.limit = String(o.limit);
    if (o.keysOnly) body.keys_only = true;
    const r = await this.call('/v3/kv/range', body);
    return { kvs: (r.kvs ?? []).map(toKv), revision: Number(r.header?.revision ?? 0), more: !!r.more };
  }

  async put(key: string, value: string | Buffer): Promise<number> {
    const r = await this.call('/v3/kv/put', { key: b64(key), value: b64(value) });
    return Number(r.header.revision);
  }

  /**
   * Writes `value` when the key's mod revision equals `expect` (0: the key must not exist).
   * Returns the new revision, or null with the current value when the comparison failed.
   */
  async putIf(key: string, value: string | Buffer, expect: number): Promise<{ ok: true; revision: number } | { ok: false; current?: KeyValue }> {
    const compare = expect === 0
      ? { key: b64(key), target: 'CREATE', result: 'EQUAL', create_revision: '0' }
      : { key: b64(key), target: 'MOD', result: 'EQUAL', mod_revision: String(expect) };
    const r = await this.call('/v3/kv/txn', {
      compare: [compare],
      success: [{ request_put: { key: b64(key), value: b64(value) } }],
      failure: [{ request_range: { key: b64(key) } }],
    });
    if (r.succeeded) return { ok: true, revision: Number(r.header.revision) };
    const kv = r.responses?.[0]?.response_range?.kvs?.[0];
    return { ok: false, current: kv ? toKv(kv) : undefined };
  }

  /** Deletes the key when its mod revision equals `expect` (any revision when expect is 0). */
  async deleteIf(key: string, expect: number): Promise<{ ok: boolean; revision: number }> {
    const compare = expect === 0
      ? { key: b64(key), target: 'VERSION', result: 'GREATER', version: '0' }
      : { key: b64(key), target: 'MOD', result: 'EQUAL', mod_revision: String(expect) };
    const r = await this.call('/v3/kv/txn', { compare: [compare], success: [{ request_delete_range: { key: b64(key) } }], failure: [] });
    return { ok: !!r.succeeded, revision: Number(r.header.revision) };
  }

  /** Creates many keys in transactions of at most 128 operations (etcd's --max-txn-ops default). */
  async putMany(entries: [string, string | Buffer][]): Promise<number> {
    let rev = 0;
    for (let i = 0; i < entries.length; i += 128) {
      const chunk = entries.slice(i, i + 128);
      const r = await this.call('/v3/kv/txn', { compare: [], success: chunk.map(([k, v]) => ({ request_put: { key: b64(k), value: b64(v) } })), failure: [] });
      rev = Number(r.header.revision);
    }
    return rev;
  }

  async status(): Promise<{ version: string; revision: number; dbSize: number }> {
    const r = await this.call('/v3/maintenance/status', {}, 2000);
    return { version: r.version, revision: Number(r.header?.revision ?? 0), dbSize: Number(r.dbSize ?? 0) };
  }

  /**
   * Watches a prefix from a revision. Calls onEvents for each batch; onError when the stream ends
   * or fails (the caller decides whether to resume). Returns a function that cancels the watch.
   */
  watch(prefix: string, startRevision: number, onEvents: (evs: WatchEvent[], revision: number) => void, onError: (e: Error) => void): () => void {
    const body = Buffer.from(JSON.stringify({
      create_request: { key: b64(prefix), range_end: b64(Buffer.from(prefixEnd(prefix), 'latin1')), start_revision: String(startRevision), prev_kv: true, progress_notify: true },
    }));
    let closed = false;
    const req = https.request(
      { host: this.host, port: this.port, path: '/v3/watch', method: 'POST', agent: false, ca: (this.agent.options as any).ca, cert: (this.agent.options as any).cert, key: (this.agent.options as any).key, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          let nl: number;
          // The gateway streams one JSON object per line.
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl).trim();
            buf = buf.slice(nl + 1);
            if (!line) continue;
            let msg: any;
            try {
              msg = JSON.parse(line);
            } catch {
              continue;
            }
            if (msg.error) {
              onError(new EtcdError(`etcd watch: ${msg.error.message ?? JSON.stringify(msg.error)}`));
              continue;
            }
            const r = msg.result ?? {};
            if (r.compact_revision && Number(r.compact_revision) > 0) {
              onError(new EtcdError(`etcd watch: required revision has been compacted (${r.compact_revision})`, 410));
              continue;
            }
            const evs: WatchEvent[] = (r.events ?? []).map((e: any) => ({ type: e.type === 'DELETE' ? 'DELETE' : 'PUT', kv: toKv(e.kv), prevKv: e.prev_kv ? toKv(e.prev_kv) : undefined }));
            onEvents(evs, Number(r.header?.revision ?? 0));
          }
        });
        res.on('end', () => !closed && onError(new EtcdError('etcd watch stream ended')));
        res.on('error', (e) => !closed && onError(e));
      },
    );
    req.on('error', (e) => !closed && onError(e));
    req.end(body);
    return () => {
      closed = true;
      req.destroy();
    };
  }
}
