// Imports a Killercoda scenario folder (index.json, markdown steps, verify.sh, background.sh,
// assets) as a kubedojo scenario: each step becomes a task whose statement is the step's text and
// whose verify.sh becomes a `script` check; background scripts become setup `run` steps.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { Domain, SetupStep } from './types.ts';

interface KcStep {
  title?: string;
  text?: string;
  verify?: string;
  background?: string;
  foreground?: string;
}

interface KcIndex {
  title?: string;
  description?: string;
  details?: {
    intro?: KcStep;
    steps?: KcStep[];
    finish?: KcStep;
    assets?: Record<string, { file: string; target: string; chmod?: string }[]>;
  };
  backend?: { imageid?: string };
}

export class ImportError extends Error {}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '') || 'imported';
}

/** Killercoda's markdown actions ({{exec}}, {{copy}}) mean nothing here. */
function cleanMarkdown(md: string): string {
  return md.replace(/\{\{(exec|copy|execute)( [^}]*)?\}\}/g, '').replace(/\r\n/g, '\n').trim();
}

/** A shell script without its shebang line. */
function cleanScript(sh: string): string {
  return sh.replace(/\r\n/g, '\n').replace(/^#!.*\n/, '').trim();
}

const DOMAIN_WORDS: [Domain, RegExp][] = [
  ['troubleshooting', /troubleshoot|broken|fix|debug|repair|crash|not ready|failing/i],
  ['storage', /persistentvolume|\bpvc?\b|storageclass|volume/i],
  ['services-networking', /service|ingress|networkpolicy|network policy|dns|coredns|gateway/i],
  ['cluster-architecture', /etcd|kubeadm|upgrade|rbac|role|static pod|kube-apiserver|certificate|helm|kustomize|crd/i],
];

export function guessDomain(text: string, fallback = ''): Domain {
  for (const t of [text, fallback]) for (const [d, re] of DOMAIN_WORDS) if (re.test(t)) return d;
  return 'workloads';
}

/** Turns a Killercoda scenario folder into scenario YAML (to be reviewed: no reference solutions exist there). */
export function importKillercoda(dir: string): string {
  const root = resolve(dir);
  const indexFile = join(root, 'index.json');
  if (!existsSync(indexFile)) throw new ImportError(`${dir}: no index.json (is this a Killercoda scenario folder?)`);
  let index: KcIndex;
  try {
    index = JSON.parse(readFileSync(indexFile, 'utf8'));
  } catch (e) {
    throw new ImportError(`${indexFile}: not valid JSON: ${(e as Error).message}`);
  }
  const read = (rel: string | undefined, what: string): string | undefined => {
    if (!rel) return undefined;
    const p = join(root, rel);
    if (!existsSync(p)) throw new ImportError(`${dir}: ${what} names ${rel}, which does not exist`);
    return readFileSync(p, 'utf8');
  };
  const steps = index.details?.steps ?? [];
  if (!steps.length) throw new ImportError(`${indexFile}: details.steps is empty; nothing to import`);
  const image = index.backend?.imageid ?? '';
  const workers = /1node/.test(image) ? 0 : 1;
  const title = index.title ?? basename(root);
  const intro = cleanMarkdown(read(index.details?.intro?.text, 'details.intro.text') ?? '');
  const setup: SetupStep[] = [];
  // assets: files copied to a host before the scenario starts
  for (const [host, files] of Object.entries(index.details?.assets ?? {})) {
    const node = host === 'host01' ? 'controlplane' : `node${String(Number(host.replace(/\D/g, '')) - 1).padStart(2, '0')}`;
    for (const f of files ?? []) {
      const names = f.file === '*' || f.file.endsWith('/*')
        ? readdirSync(join(root, 'assets', f.file.replace(/\/?\*$/, ''))).filter((n) => statSync(join(root, 'assets', f.file.replace(/\/?\*$/, ''), n)).isFile()).map((n) => join(f.file.replace(/\/?\*$/, ''), n))
        : [f.file];
      for (const n of names) {
        const content = read(join('assets', n), `details.assets.${host}`) ?? '';
        const step: SetupStep = { file: { ...(node === 'controlplane' ? {} : { node }), path: `${f.target.replace(/\/$/, '')}/${basename(n)}`, content, ...(f.chmod === '+x' ? { mode: '0755' } : {}) } };
        setup.push(step);
      }
    }
  }
  const introBg = read(index.details?.intro?.background, 'details.intro.background');
  if (introBg && cleanScript(introBg)) setup.push({ run: cleanScript(introBg) });
  const tasks = steps.map((s, i) => {
    const text = cleanMarkdown(read(s.text, `steps[${i}].text`) ?? s.title ?? `Step ${i + 1}`);
    const verify = read(s.verify, `steps[${i}].verify`);
    const bg = read(s.background, `steps[${i}].background`);
    const task: Record<string, unknown> = {
      id: `step${i + 1}`,
      title: s.title ?? `Step ${i + 1}`,
      weight: Math.round(100 / steps.length),
      domain: guessDomain(`${s.title ?? ''} ${text}`, title),
      concepts: [],
      statement: text,
    };
    if (bg && cleanScript(bg)) task.setup = [{ run: cleanScript(bg) }];
    task.checks = verify && cleanScript(verify)
      ? [{ id: 'verify', type: 'script', description: `Killercoda verification of "${s.title ?? `step ${i + 1}`}"`, script: cleanScript(verify) }]
      : [{ id: 'verify', type: 'script', description: 'TODO: the Killercoda step had no verify.sh; write a check', script: 'echo "no check written yet"; exit 1' }];
    task.solution = { commands: '# TODO: Killercoda scenarios carry no reference solution; write the commands a candidate would type\ntrue' };
    return task;
  });
  const scenario = {
    id: slug(basename(root) || title),
    title,
    description: [index.description, intro].filter(Boolean).join('\n\n') || title,
    difficulty: 'medium',
    duration: Math.max(10, steps.length * 8),
    cluster: { workers },
    ...(setup.length ? { setup } : {}),
    tasks,
  };
  const header = [
    `# Imported from the Killercoda scenario "${title}" (${basename(root)}) by \`kubedojo import killercoda\`.`,
    '# To review before publishing: domains and concepts of each task, weights, and the reference',
    '# solutions (Killercoda has none), then prove it with `npm run scenario:check <this file>`.',
    ...(index.details?.finish?.text ? [`# Killercoda's closing text (${index.details.finish.text}) is not imported.`] : []),
  ];
  return `${header.join('\n')}\n${stringify(scenario, { lineWidth: 0, blockQuote: 'literal' })}`;
}
