// A hash router: '#/attempts/12/results' → the view registered for '/attempts/:id/results'.
// A view renders into the outlet and may return a cleanup function, run before the next view.

export type Cleanup = (() => void) | void;
export type View = (params: Record<string, string>, outlet: HTMLElement) => Cleanup | Promise<Cleanup>;

interface Route {
  pattern: RegExp;
  keys: string[];
  view: View;
  chrome: boolean;
}

const routes: Route[] = [];
let cleanup: Cleanup;
let renderSeq = 0;

export function route(path: string, view: View, o: { chrome?: boolean } = {}): void {
  const keys: string[] = [];
  const re = path.replace(/:([a-zA-Z]+)/g, (_m, k: string) => {
    keys.push(k);
    return '([^/]+)';
  });
  routes.push({ pattern: new RegExp(`^${re}$`), keys, view, chrome: o.chrome ?? true });
}

export function currentPath(): string {
  const p = location.hash.replace(/^#/, '');
  return p.split('?')[0] || '/';
}

export function currentQuery(): URLSearchParams {
  const i = location.hash.indexOf('?');
  return new URLSearchParams(i >= 0 ? location.hash.slice(i + 1) : '');
}

export function navigate(path: string, o: { replace?: boolean } = {}): void {
  const target = `#${path}`;
  if (location.hash === target) {
    void render();
    return;
  }
  if (o.replace) {
    history.replaceState(null, '', target);
    void render();
  } else location.hash = target;
}

export type Shell = (outlet: HTMLElement, chrome: boolean) => void;
let shell: Shell = () => {};
let notFound: View = () => {};

export function start(o: { shell: Shell; notFound: View }): void {
  shell = o.shell;
  notFound = o.notFound;
  window.addEventListener('hashchange', () => void render());
  void render();
}

export async function render(): Promise<void> {
  const seq = ++renderSeq;
  if (typeof cleanup === 'function') {
    try {
      cleanup();
    } catch (e) {
      console.error(e);
    }
  }
  cleanup = undefined;
  const path = currentPath();
  const outlet = document.getElementById('app') as HTMLElement;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1] ?? '')));
    shell(outlet, r.chrome);
    const main = document.getElementById('main') as HTMLElement;
    const c = await r.view(params, main);
    if (seq !== renderSeq) {
      if (typeof c === 'function') c();
    } else cleanup = c;
    return;
  }
  shell(outlet, true);
  await notFound({}, document.getElementById('main') as HTMLElement);
}
