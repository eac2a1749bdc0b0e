// busybox nslookup (1.36): A and AAAA queries for each search-list name when HOST has no dot,
// a PTR query for an address; replies printed as they come, `** server can't find …` for error
// codes (exit 1), `;; connection timed out; no servers could be reached` when nothing answers.
import { ask, isIPv4, readResolvConf, sleep } from './lib.ts';

const TYPES = ['soa', 'ns', 'a', 'aaaa', 'cname', 'mx', 'txt', 'ptr', 'srv', 'any'];
const USAGE = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n';

export async function nslookup(argv: string[]): Promise<number> {
  const types: string[] = [];
  let port = 53;
  let timeout = 5;
  let retry = 2;
  const pos: string[] = [];
  for (const a of argv) {
    if (!a.startsWith('-')) {
      pos.push(a);
      continue;
    }
    const [k, v = ''] = a.slice(1).split('=');
    if (k === 'type' || k === 'query' || k === 'q' || k === 't') {
      if (!TYPES.includes(v.toLowerCase())) {
        process.stderr.write(`nslookup: invalid query type "${v}"\n`);
        return 1;
      }
      types.push(v.toUpperCase());
    } else if (k === 'port') port = Number(v);
    else if (k === 'retry') retry = Math.max(1, Number(v));
    else if (k === 'timeout') timeout = Math.max(1, Number(v));
    else if (k !== 'debug' && k !== 'd') {
      process.stderr.write(USAGE);
      return 1;
    }
  }
  if (pos.length < 1 || pos.length > 2) {
    process.stderr.write(USAGE);
    return 1;
  }
  const host = pos[0];
  const rc = readResolvConf();
  const servers = pos[1] ? [pos[1]] : rc.nameservers;
  const search = rc.search;
  const queries: { name: string; type: string }[] = [];
  const withSearch = (type: string) => {
    if (type === 'PTR' || !search.length || host.includes('.')) queries.push({ name: host, type });
    else for (const s of search) queries.push({ name: `${host}.${s}`, type });
  };
  if (!types.length) {
    if (isIPv4(host)) queries.push({ name: host.split('.').reverse().join('.') + '.in-addr.arpa', type: 'PTR' });
    else {
      withSearch('A');
      withSearch('AAAA');
    }
  } else for (const t of types) withSearch(t);

  let exitCode = 0;
  for (const server of servers) {
    const replies = new Map<number, any>();
    let refused = 0;
    let dropped = 0;
    for (let qi = 0; qi < queries.length; qi++) {
      const r = isIPv4(server) ? await ask({ op: 'dns', server, port, name: queries[qi].name, type: queries[qi].type }) : { drop: true };
      if (r.refused) refused++;
      else if (r.drop) dropped++;
      else replies.set(qi, r);
    }
    if (!replies.size) {
      // every send round: one ICMP error per query when something rejects
      for (let round = 0; round < retry; round++) {
        for (let i = 0; i < refused; i++) process.stderr.write('nslookup: read: Connection refused\n');
        await sleep((timeout * 1000) / retry);
      }
      if (server !== servers[servers.length - 1]) continue;
      process.stdout.write(';; connection timed out; no servers could be reached\n\n');
      return 1;
    }
    process.stdout.write(`Server:\t\t${server}\nAddress:\t${server}:${port}\n\n`);
    for (let qi = 0; qi < queries.length; qi++) {
      const r = replies.get(qi);
      if (!r) continue;
      if (r.rcode !== 'NOERROR') {
        process.stdout.write(`** server can't find ${queries[qi].name}: ${r.rcode}\n`);
        exitCode = 1;
      } else {
        if (!r.aa) process.stdout.write('Non-authoritative answer:\n');
        for (const a of r.answers ?? []) process.stdout.write(format(a));
      }
      process.stdout.write('\n');
    }
    if (dropped || refused) {
      await sleep(timeout * 1000);
      let err = false;
      for (let qi = 0; qi < queries.length; qi++) {
        if (!replies.has(qi)) {
          process.stdout.write(`*** Can't find ${queries[qi].name}: No answer\n`);
          err = true;
        }
      }
      if (err) process.stdout.write('\n');
    }
    return exitCode;
  }
  return exitCode;
}

function format(a: { name: string; type: string; data: string }): string {
  switch (a.type) {
    case 'A':
    case 'AAAA':
      return `Name:\t${a.name}\nAddress: ${a.data}\n`;
    case 'CNAME':
      return `${a.name}\tcanonical name = ${a.data}\n`;
    case 'PTR':
      return `${a.name}\tname = ${a.data}\n`;
    case 'NS':
      return `${a.name}\tnameserver = ${a.data}\n`;
    case 'SRV':
      return `${a.name}\tservice = ${a.data}\n`;
    case 'TXT':
      return `${a.name}\ttext = "${a.data}"\n`;
    default:
      return '';
  }
}
