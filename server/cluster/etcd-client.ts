// A small etcd v3 client speaking etcd's native gRPC API (KV, Watch, Maintenance) over one HTTP/2
// connection with TLS client certificates, as kube-apiserver does. The few messages it needs are
// encoded by hand (field numbers from etcd's rpc.proto and mvccpb's kv.proto): no gRPC stack and
// no .proto files to load, and no JSON gateway (which costs etcd a second, internal gRPC hop).
import http2, { type ClientHttp2Session, type ClientHttp2Stream } from 'node:http2';
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

// ---- protobuf: just what these messages use (varints, length-delimited fields) ----

/** A message under construction: a list of encoded pieces. */
class Msg {
  private parts: Buffer[] = [];
  private size = 0;

  private push(b: Buffer): this {
    this.parts.push(b);
    this.size += b.length;
    return this;
  }

  private varint(n: number): this {
    const out: number[] = [];
    while (n > 0x7f) {
      out.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    out.push(n);
    return this.push(Buffer.from(out));
  }

  /** A varint field (int64/uint64/enum/bool); zero values are left out, as proto3 does. */
  int(field: number, n: number | boolean): this {
    const v = typeof n === 'boolean' ? Number(n) : n;
    if (!v) return this;
    return this.varint(field << 3).varint(v);
  }

  /** A length-delimited field: bytes, string or an embedded message. */
  bytes(field: number, b: Buffer | string | Msg | undefined): this {
    if (b === undefined) return this;
    const buf = b instanceof Msg ? b.finish() : typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    return this.varint((field << 3) | 2).varint(buf.length).push(buf);
  }

  finish(): Buffer {
    return this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size);
  }
}

/** Reads a message's fields: `on(field, value)` gets a number for varints, a Buffer otherwise. */
function fields(b: Buffer, on: (field: number, v: number | Buffer) => void): void {
  let i = 0;
  const varint = (): number => {
    let n = 0;
    let mul = 1;
    for (;;) {
      if (i >= b.length) throw new EtcdError('etcd: truncated protobuf message');
      const x = b[i++];
      n += (x & 0x7f) * mul;
      if (x < 0x80) return n;
      mul *= 0x80;
    }
  };
  while (i < b.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    switch (tag & 7) {
      case 0:
        on(field, varint());
        break;
      case 2: {
        const len = varint();
        on(field, b.subarray(i, i + len));
        i += len;
        break;
      }
      case 1:
        i += 8;
        break;
      case 5:
        i += 4;
        break;
      default:
        throw new EtcdError(`etcd: unexpected protobuf wire type ${tag & 7}`);
    }
  }
}

/** mvccpb.KeyValue: key 1, create_revision 2, mod_revision 3, version 4, value 5. */
function keyValue(b: Buffer): KeyValue {
  const kv: KeyValue = { key: '', value: Buffer.alloc(0), createRevision: 0, modRevision: 0, version: 0 };
  fields(b, (f, v) => {
    if (f === 1) kv.key = (v as Buffer).toString();
    else if (f === 2) kv.createRevision = v as number;
    else if (f === 3) kv.modRevision = v as number;
    else if (f === 4) kv.version = v as number;
    else if (f === 5) kv.value = Buffer.from(v as Buffer); // own copy: the frame's buffer is reused
  });
  return kv;
}

/** ResponseHeader.revision (field 3). */
function headerRevision(b: Buffer): number {
  let rev = 0;
  fields(b, (f, v) => {
    if (f === 3) rev = v as number;
  });
  return rev;
}

/** RangeResponse: header 1, kvs 2, more 3. */
function rangeResponse(b: Buffer): { kvs: KeyValue[]; revision: number; more: boolean } {
  const out = { kvs: [] as KeyValue[], revision: 0, more: false };
  fields(b, (f, v) => {
    if (f === 1) out.revision = headerRevision(v as Buffer);
    else if (f === 2) out.kvs.push(keyValue(v as Buffer));
    else if (f === 3) out.more = v === 1;
  });
  return out;
}

/** TxnResponse: header 1, succeeded 2, responses 3 (ResponseOp: response_range 1). */
function txnResponse(b: Buffer): { revision: number; succeeded: boolean; ranges: ReturnType<typeof rangeResponse>[] } {
  const out = { revision: 0, succeeded: false, ranges: [] as ReturnType<typeof rangeResponse>[] };
  fields(b, (f, v) => {
    if (f === 1) out.revision = headerRevision(v as Buffer);
    else if (f === 2) out.succeeded = v === 1;
    else if (f === 3) fields(v as Buffer, (g, w) => g === 1 && out.ranges.push(rangeResponse(w as Buffer)));
  });
  return out;
}

const TARGET = { VERSION: 0, CREATE: 1, MOD: 2 } as const;
const RESULT = { EQUAL: 0, GREATER: 1 } as const;

/**
 * Compare: result 1, target 2, key 3, then version 4 | create_revision 5 | mod_revision 6 (etcd
 * reads an unset member as zero, so a zero is simply left out).
 */
function compare(key: string, target: keyof typeof TARGET, result: keyof typeof RESULT, n: number): Msg {
  const field = { VERSION: 4, CREATE: 5, MOD: 6 }[target];
  return new Msg().int(1, RESULT[result]).int(2, TARGET[target]).bytes(3, Buffer.from(key)).int(field, n);
}

/** RangeRequest: key 1, range_end 2, limit 3, revision 4, keys_only 8. */
function rangeRequest(key: string, o: { prefix?: boolean; revision?: number; limit?: number; keysOnly?: boolean }): Msg {
  return new Msg().bytes(1, Buffer.from(key)).bytes(2, o.prefix ? Buffer.from(prefixEnd(key), 'latin1') : undefined)
    .int(3, o.limit ?? 0).int(4, o.revision ?? 0).int(8, !!o.keysOnly);
}

/** PutRequest: key 1, value 2. */
const putRequest = (key: string, value: string | Buffer) => new Msg().bytes(1, Buffer.from(key)).bytes(2, Buffer.from(value));

/** TxnRequest: compare 1, success 2, failure 3; RequestOp: request_range 1, request_put 2, request_delete_range 3. */
function txn(compares: Msg[], success: [number, Msg][], failure: [number, Msg][]): Msg {
  const m = new Msg();
  for (const c of compares) m.bytes(1, c);
  for (const [f, op] of success) m.bytes(2, new Msg().bytes(f, op));
  for (const [f, op] of failure) m.bytes(3, new Msg().bytes(f, op));
  return m;
}

/** gRPC's framing: a flag byte (0: not compressed) and a 4-byte big-endian length per message. */
function frame(m: Msg): Buffer {
  const body = m.finish();
  const head = Buffer.alloc(5);
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** Splits a stream of gRPC frames into messages as chunks arrive. */
class Deframer {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer, on: (msg: Buffer) => void): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    while (this.buf.length >= 5) {
      const len = this.buf.readUInt32BE(1);
      if (this.buf.length < 5 + len) break;
      const msg = this.buf.subarray(5, 5 + len);
      this.buf = this.buf.subarray(5 + len);
      on(msg);
    }
  }
}

/** gRPC status codes etcd's errors come with (for messages). */
const GRPC_CODES: Record<number, string> = { 1: 'canceled', 2: 'unknown', 3: 'invalid argument', 4: 'deadline exceeded', 5: 'not found', 7: 'permission denied', 8: 'resource exhausted', 9: 'failed precondition', 11: 'out of range', 14: 'unavailable', 16: 'unauthenticated' };

export class EtcdClient {
  private session?: ClientHttp2Session;
  private closed = false;

  constructor(private readonly endpoint: string, private readonly tls: EtcdTls) {}

  static fromFiles(endpoint: string, files: { ca: string; cert: string; key: string }): EtcdClient {
    return new EtcdClient(endpoint, { ca: readFileSync(files.ca), cert: readFileSync(files.cert), key: readFileSync(files.key) });
  }

  close(): void {
    this.closed = true;
    this.session?.destroy();
    this.session = undefined;
  }

  /** The HTTP/2 connection, made again after it broke (etcd restarted). */
  private conn(): ClientHttp2Session {
    if (this.closed) throw new EtcdError('etcd: client closed');
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const s = http2.connect(this.endpoint, { ca: this.tls.ca, cert: this.tls.cert, key: this.tls.key });
    s.on('error', () => undefined); // each stream reports its own failure
    s.on('close', () => {
      if (this.session === s) this.session = undefined;
    });
    // the connection must not keep an idle runtime's event loop alive
    s.unref();
    this.session = s;
    return s;
  }

  private stream(path: string): ClientHttp2Stream {
    return this.conn().request({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers' });
  }

  /** One unary call: resolves with the reply message, rejects with etcd's error. */
  private call(path: string, body: Msg, timeoutMs = 10000): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      let req: ClientHttp2Stream;
      try {
        req = this.stream(path);
      } catch (e) {
        return reject(e);
      }
      let reply: Buffer | undefined;
      let done = false;
      const finish = (err?: Error) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (err) reject(err);
        else if (reply) resolve(reply);
        else reject(new EtcdError(`etcd: no reply to ${path}`));
      };
      const timer = setTimeout(() => {
        req.close(http2.constants.NGHTTP2_CANCEL);
        finish(new EtcdError(`etcd: request ${path} timed out`));
      }, timeoutMs);
      const status = (h: http2.IncomingHttpHeaders) => {
        const code = Number(h['grpc-status'] ?? 0);
        if (code) finish(new EtcdError(`etcd: ${decodeURIComponent(String(h['grpc-message'] ?? GRPC_CODES[code] ?? `grpc status ${code}`))}`, code));
      };
      const d = new Deframer();
      req.on('response', (h) => {
        if (h[':status'] !== 200) finish(new EtcdError(`etcd: HTTP ${h[':status']} for ${path}`));
        else status(h); // a trailers-only reply carries the status in its headers
      });
      req.on('data', (chunk: Buffer) => d.push(chunk, (m) => (reply = Buffer.from(m))));
      req.on('trailers', status);
      req.on('end', () => finish());
      req.on('close', () => finish(reply ? undefined : new EtcdError(`etcd: ${path} closed without a reply`)));
      req.on('error', (e) => finish(e instanceof EtcdError ? e : new EtcdError(`etcd: ${e.message}`)));
      req.end(frame(body));
    });
  }

  async range(key: string, o: { prefix?: boolean; revision?: number; limit?: number; keysOnly?: boolean } = {}): Promise<{ kvs: KeyValue[]; revision: number; more: boolean }> {
    return rangeResponse(await this.call('/etcdserverpb.KV/Range', rangeRequest(key, o)));
  }

  async put(key: string, value: string | Buffer): Promise<number> {
    let rev = 0;
    fields(await this.call('/etcdserverpb.KV/Put', putRequest(key, value)), (f, v) => {
      if (f === 1) rev = headerRevision(v as Buffer);
    });
    return rev;
  }

  /**
   * Writes `value` when the key's mod revision equals `expect` (0: the key must not exist).
   * Returns the new revision, or null with the current value when the comparison failed.
   */
  async putIf(key: string, value: string | Buffer, expect: number): Promise<{ ok: true; revision: number } | { ok: false; current?: KeyValue }> {
    const c = expect === 0 ? compare(key, 'CREATE', 'EQUAL', 0) : compare(key, 'MOD', 'EQUAL', expect);
    const r = txnResponse(await this.call('/etcdserverpb.KV/Txn', txn([c], [[2, putRequest(key, value)]], [[1, rangeRequest(key, {})]])));
    if (r.succeeded) return { ok: true, revision: r.revision };
    return { ok: false, current: r.ranges[0]?.kvs[0] };
  }

  /** Deletes the key when its mod revision equals `expect` (any revision when expect is 0). */
  async deleteIf(key: string, expect: number): Promise<{ ok: boolean; revision: number }> {
    const c = expect === 0 ? compare(key, 'VERSION', 'GREATER', 0) : compare(key, 'MOD', 'EQUAL', expect);
    const r = txnResponse(await this.call('/etcdserverpb.KV/Txn', txn([c], [[3, new Msg().bytes(1, Buffer.from(key))]], [])));
    return { ok: r.succeeded, revision: r.revision };
  }

  /** Creates many keys in transactions of at most 128 operations (etcd's --max-txn-ops default). */
  async putMany(entries: [string, string | Buffer][]): Promise<number> {
    let rev = 0;
    for (let i = 0; i < entries.length; i += 128) {
      const chunk = entries.slice(i, i + 128);
      rev = txnResponse(await this.call('/etcdserverpb.KV/Txn', txn([], chunk.map(([k, v]) => [2, putRequest(k, v)]), []))).revision;
    }
    return rev;
  }

  /** Maintenance.Status: header 1, version 2, dbSize 3. */
  async status(): Promise<{ version: string; revision: number; dbSize: number }> {
    const out = { version: '', revision: 0, dbSize: 0 };
    fields(await this.call('/etcdserverpb.Maintenance/Status', new Msg(), 2000), (f, v) => {
      if (f === 1) out.revision = headerRevision(v as Buffer);
      else if (f === 2) out.version = (v as Buffer).toString();
      else if (f === 3) out.dbSize = v as number;
    });
    return out;
  }

  /**
   * Watches a prefix from a revision. Calls onEvents for each batch; onError when the stream ends
   * or fails (the caller decides whether to resume). Returns a function that cancels the watch.
   */
  watch(prefix: string, startRevision: number, onEvents: (evs: WatchEvent[], revision: number) => void, onError: (e: Error) => void): () => void {
    let closed = false;
    const fail = (e: Error) => {
      if (closed) return;
      closed = true;
      onError(e);
    };
    let req: ClientHttp2Stream;
    try {
      req = this.stream('/etcdserverpb.Watch/Watch');
    } catch (e) {
      queueMicrotask(() => fail(e as Error));
      return () => {
        closed = true;
      };
    }
    // WatchRequest.create_request (1): key 1, range_end 2, start_revision 3, progress_notify 4, prev_kv 6
    req.write(frame(new Msg().bytes(1, new Msg().bytes(1, Buffer.from(prefix)).bytes(2, Buffer.from(prefixEnd(prefix), 'latin1'))
      .int(3, startRevision).int(4, true).int(6, true))));
    const d = new Deframer();
    req.on('data', (chunk: Buffer) => d.push(chunk, (m) => {
      if (closed) return;
      // WatchResponse: header 1, canceled 4, compact_revision 5, cancel_reason 6, events 11
      let revision = 0;
      let canceled = false;
      let compacted = 0;
      let reason = '';
      const evs: WatchEvent[] = [];
      fields(m, (f, v) => {
        if (f === 1) revision = headerRevision(v as Buffer);
        else if (f === 4) canceled = v === 1;
        else if (f === 5) compacted = v as number;
        else if (f === 6) reason = (v as Buffer).toString();
        else if (f === 11) {
          // mvccpb.Event: type 1 (PUT 0, DELETE 1), kv 2, prev_kv 3
          const ev: WatchEvent = { type: 'PUT', kv: undefined as unknown as KeyValue };
          fields(v as Buffer, (g, w) => {
            if (g === 1) ev.type = w === 1 ? 'DELETE' : 'PUT';
            else if (g === 2) ev.kv = keyValue(w as Buffer);
            else if (g === 3) ev.prevKv = keyValue(w as Buffer);
          });
          evs.push(ev);
        }
      });
      if (compacted > 0) return fail(new EtcdError(`etcd watch: required revision has been compacted (${compacted})`, 410));
      if (canceled) return fail(new EtcdError(`etcd watch: canceled${reason ? `: ${reason}` : ''}`));
      onEvents(evs, revision);
    }));
    const status = (h: http2.IncomingHttpHeaders) => {
      const code = Number(h['grpc-status'] ?? 0);
      if (code) fail(new EtcdError(`etcd watch: ${decodeURIComponent(String(h['grpc-message'] ?? GRPC_CODES[code] ?? code))}`, code));
    };
    req.on('response', status);
    req.on('trailers', status);
    req.on('end', () => fail(new EtcdError('etcd watch stream ended')));
    req.on('close', () => fail(new EtcdError('etcd watch stream closed')));
    req.on('error', (e) => fail(e));
    return () => {
      closed = true;
      req.close(http2.constants.NGHTTP2_CANCEL);
    };
  }
}
