// Watch: a chunked stream of {"type","object"} lines from the store's events, with the
// resourceVersion semantics of kube-apiserver's watch cache (0/empty = current state first,
// N = replay after N, too old = 410 Expired), WatchList initial events, bookmarks and Table rows.
import type { ServerResponse, IncomingMessage } from 'node:http';
import type { KObject } from '../kinds/types.ts';
import { ResourceRegistry, gvString } from './registry.ts';
import type { StoreEvent } from './store.ts';
import { includeObject, wantsTable, type Rest, type RestContext } from './rest.ts';
import { toTable } from './table.ts';
import { gone } from './errors.ts';

const BOOKMARK_EVERY_MS = 30_000;

export function serveWatch(rest: Rest, ctx: RestContext, req: IncomingMessage, res: ServerResponse, now: () => Date): void {
  const { kind: k, query } = ctx;
  const match = rest.selector(ctx);
  const prefix = ResourceRegistry.keyPrefix(k, ctx.rp.namespace);
  const nameOnly = ctx.rp.name; // GET .../pods/x?watch=true (old style) watches one object
  const table = wantsTable(ctx.accept);
  const include = includeObject(query);
  const store = rest.store;
  let columnsSent = false;
  let closed = false;

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();

  const write = (type: string, object: unknown) => {
    if (closed) return;
    res.write(JSON.stringify({ type, object }) + '\n');
  };
  const send = (type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KObject) => {
    if (table) {
      write(type, toTable(k, [obj], { resourceVersion: obj.metadata?.resourceVersion }, now(), include, !columnsSent));
      columnsSent = true;
    } else write(type, obj);
  };
  const bookmark = (rv: number, initialEnd = false) => {
    const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
    if (initialEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    write('BOOKMARK', { kind: k.kind, apiVersion: gvString(k.group, k.version), metadata });
  };
  const selected = (o: KObject | undefined) => !!o && (!nameOnly || o.metadata?.name === nameOnly) && match(o);

  const translate = (ev: StoreEvent) => {
    if (!ev.key.startsWith(prefix)) return;
    const now = selected(ev.obj);
    const before = ev.prev ? selected(ev.prev) : false;
    if (ev.type === 'DELETED') {
      if (before || now) send('DELETED', ev.obj);
    } else if (ev.type === 'ADDED') {
      if (now) send('ADDED', ev.obj);
    } else if (now && before) send('MODIFIED', ev.obj);
    else if (now) send('ADDED', ev.obj);
    else if (before) send('DELETED', ev.obj);
  };

  // Subscribe first and queue, so nothing between the snapshot and the live stream is lost.
  let queue: StoreEvent[] | undefined = [];
  const unsubscribe = store.subscribe((ev) => (queue ? queue.push(ev) : translate(ev)));

  const rvParam = query.get('resourceVersion') ?? '';
  const initial = query.get('sendInitialEvents') === 'true';
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  let from: number;
  if (initial || rvParam === '' || rvParam === '0') {
    from = store.revision;
    for (const s of store.list(prefix)) if (selected(s.obj)) send('ADDED', s.obj);
    if (initial && bookmarks) bookmark(from, true);
  } else {
    const rv = Number(rvParam);
    const events = Number.isFinite(rv) ? store.since(rv) : undefined;
    if (!events) {
      const e = gone(`too old resource version: ${rvParam} (${store.oldest})`);
      write('ERROR', e.toStatus());
      closed = true;
      unsubscribe();
      res.end();
      return;
    }
    from = rv;
    for (const ev of events) translate(ev);
    from = Math.max(from, store.revision);
  }
  const pending = queue.filter((ev) => ev.rev > from);
  queue = undefined;
  for (const ev of pending) translate(ev);

  const timers: NodeJS.Timeout[] = [];
  if (bookmarks) timers.push(setInterval(() => bookmark(store.revision), BOOKMARK_EVERY_MS));
  const timeout = Number(query.get('timeoutSeconds') ?? 0);
  const finish = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    for (const t of timers) clearInterval(t);
    res.end();
  };
  timers.push(setTimeout(finish, (timeout > 0 ? timeout : 1800 + Math.floor(Math.random() * 1800)) * 1000));
  req.on('close', finish);
  res.on('close', finish);
}
