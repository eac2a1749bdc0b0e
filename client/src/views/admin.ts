// Admin: the users list and a form to create accounts.
import { api, errorMessage } from '../api.ts';
import { fmtDate, h, mount, spinner, toast } from '../dom.ts';
import { render } from '../router.ts';
import type { User } from '../types.ts';
import { errorFrom, pageHead } from './common.ts';

export async function adminUsersView(_p: Record<string, string>, outlet: HTMLElement): Promise<void> {
  mount(outlet, spinner('Loading users…'));
  let users: User[];
  try {
    users = await api.get<User[]>('/api/users');
  } catch (e) {
    mount(outlet, errorFrom(e));
    return;
  }
  const username = h('input', { id: 'nu-name', name: 'username', required: true, autocomplete: 'off' });
  const password = h('input', { id: 'nu-pass', name: 'password', type: 'password', required: true, minlength: '8', autocomplete: 'new-password' });
  const role = h('select', { id: 'nu-role', name: 'role' }, ['candidate', 'instructor', 'reviewer', 'admin'].map((r) => h('option', { value: r }, r)));
  const group = h('input', { id: 'nu-group', name: 'group', placeholder: 'optional' });
  const form = h('form', { class: 'filters', 'aria-label': 'Create a user' },
    h('div', { class: 'field' }, h('label', { for: 'nu-name' }, 'Username'), username),
    h('div', { class: 'field' }, h('label', { for: 'nu-pass' }, 'Password'), password),
    h('div', { class: 'field' }, h('label', { for: 'nu-role' }, 'Role'), role),
    h('div', { class: 'field' }, h('label', { for: 'nu-group' }, 'Group'), group),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create user')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api.post('/api/users', { username: username.value.trim(), password: password.value, role: role.value, group: group.value.trim() || undefined });
      toast(`Created ${username.value.trim()}`, 'ok');
      void render();
    } catch (ex) {
      toast(errorMessage(ex), 'error', 6000);
    }
  });
  mount(outlet,
    pageHead('Users'),
    h('section', { class: 'panel' }, h('h2', null, 'New user'), form),
    h('table', { class: 'table' },
      h('thead', null, h('tr', null, ['Username', 'Role', 'Group', 'Created'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, users.map((u) => h('tr', null, h('td', null, u.username), h('td', null, h('span', { class: 'role-badge' }, u.role)), h('td', null, u.group ?? '—'), h('td', null, fmtDate(u.createdAt)))))));
}
