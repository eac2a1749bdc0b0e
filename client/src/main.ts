// The browser app: loads who is logged in, draws the header for their role and routes to views.
import '@xterm/xterm/css/xterm.css';
import './styles.css';
import { api, errorMessage, loadMe, session } from './api.ts';
import { h, mount } from './dom.ts';
import { currentPath, navigate, route, start } from './router.ts';
import type { Role } from './types.ts';
import { loginView } from './views/login.ts';
import { catalogueView } from './views/catalogue.ts';
import { examView } from './views/exam.ts';
import { resultsView, historyView } from './views/results.ts';
import { reviewAttemptsView, reviewAttemptView, reviewStatsView } from './views/review.ts';
import { instructorListView, instructorEditView } from './views/instructor.ts';
import { adminUsersView } from './views/admin.ts';
import { accountView } from './views/account.ts';
import { errorPanel } from './views/common.ts';

interface NavItem {
  path: string;
  label: string;
  roles: Role[];
}

const NAV: NavItem[] = [
  { path: '/', label: 'Catalogue', roles: ['candidate', 'instructor', 'reviewer', 'admin'] },
  { path: '/history', label: 'My attempts', roles: ['candidate', 'instructor', 'reviewer', 'admin'] },
  { path: '/review', label: 'Review', roles: ['reviewer', 'admin'] },
  { path: '/review/stats', label: 'Item statistics', roles: ['reviewer', 'admin'] },
  { path: '/instructor', label: 'Scenarios', roles: ['instructor', 'admin'] },
  { path: '/admin/users', label: 'Users', roles: ['admin'] },
];

function shell(outlet: HTMLElement, chrome: boolean): void {
  const me = session();
  const main = h('main', { id: 'main', tabindex: '-1', class: !me?.user ? 'bare' : chrome ? 'page' : 'fullscreen' });
  if (!chrome || !me?.user) {
    mount(outlet, main);
    return;
  }
  const path = currentPath();
  const active = (p: string) => (p === '/' ? path === '/' : path === p || (path.startsWith(p + '/') && !NAV.some((n) => n.path !== p && n.path.startsWith(p) && path.startsWith(n.path))));
  const user = me.user;
  const header = h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: '#/' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '⎈'), 'kubedojo'),
    h('nav', { 'aria-label': 'Main' },
      h('ul', null, NAV.filter((n) => n.roles.includes(user.role)).map((n) =>
        h('li', null, h('a', { href: `#${n.path}`, 'aria-current': active(n.path) ? 'page' : undefined }, n.label))))),
    h('div', { class: 'topbar-user' },
      h('a', { class: 'user-name', href: '#/account', title: 'Your account', 'aria-label': `Your account: ${user.username}, ${user.role}` }, user.username, h('span', { class: 'role-badge' }, user.role)),
      me.authMode === 'accounts' ? h('button', { class: 'btn btn-ghost', type: 'button', onclick: logout }, 'Log out') : null));
  mount(outlet, header, main);
}

async function logout(): Promise<void> {
  try {
    await api.post('/api/logout');
  } catch {
    /* the session is gone either way */
  }
  await loadMe().catch(() => undefined);
  navigate('/login');
}

function guard(roles: Role[] | null, view: Parameters<typeof route>[1]): Parameters<typeof route>[1] {
  return (params, outlet) => {
    const me = session();
    if (!me?.user) {
      const back = location.hash.replace(/^#/, '');
      navigate(`/login${back && back !== '/' && !back.startsWith('/login') ? `?next=${encodeURIComponent(back)}` : ''}`, { replace: true });
      return;
    }
    if (roles && !roles.includes(me.user.role) && me.user.role !== 'admin') {
      mount(outlet, errorPanel(403, 'This page is for ' + roles.join(' or ') + ' accounts. Your account does not have that role.'));
      return;
    }
    return view(params, outlet);
  };
}

route('/login', loginView);
route('/', guard(null, catalogueView));
route('/history', guard(null, historyView));
route('/attempts/:id', guard(null, examView));
route('/attempts/:id/results', guard(null, resultsView));
route('/review', guard(['reviewer'], reviewAttemptsView));
route('/review/stats', guard(['reviewer'], reviewStatsView));
route('/review/attempts/:id', guard(['reviewer'], reviewAttemptView));
route('/instructor', guard(['instructor'], instructorListView));
route('/instructor/new', guard(['instructor'], (_p, o) => instructorEditView({}, o)));
route('/instructor/scenarios/:id', guard(['instructor'], instructorEditView));
route('/admin/users', guard(['admin'], adminUsersView));
route('/account', guard(null, accountView));

window.addEventListener('kd:unauthorized', () => {
  void loadMe().then((me) => {
    if (!me.user && !currentPath().startsWith('/login')) navigate('/login');
  });
});

async function boot(): Promise<void> {
  const app = document.getElementById('app') as HTMLElement;
  try {
    await loadMe();
  } catch (e) {
    mount(app, h('main', { id: 'main', class: 'page' }, errorPanel(0, `Cannot load the platform: ${errorMessage(e)}`)));
    return;
  }
  start({ shell, notFound: (_p, outlet) => mount(outlet, errorPanel(404, 'There is no page at this address.')) });
}

document.querySelector('.skip-link')?.addEventListener('click', (e) => {
  e.preventDefault();
  (document.querySelector('.term-pane:not([hidden]) textarea') as HTMLElement | null ?? document.getElementById('main'))?.focus();
});

void boot();
