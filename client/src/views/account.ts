// The logged-in user's account: who they are and a form to change the password (a first-run
// admin logs in with a one-time password and changes it here).
import { api, errorMessage, session } from '../api.ts';
import { h, mount, toast } from '../dom.ts';
import { pageHead } from './common.ts';

export function accountView(_p: Record<string, string>, outlet: HTMLElement): void {
  const me = session();
  const current = h('input', { id: 'pw-current', type: 'password', required: true, autocomplete: 'current-password' });
  const next = h('input', { id: 'pw-new', type: 'password', required: true, minlength: '8', autocomplete: 'new-password' });
  const again = h('input', { id: 'pw-again', type: 'password', required: true, minlength: '8', autocomplete: 'new-password' });
  const err = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'stack account-form' },
    h('div', { class: 'field' }, h('label', { for: 'pw-current' }, 'Current password'), current),
    h('div', { class: 'field' }, h('label', { for: 'pw-new' }, 'New password'), next, h('small', { class: 'hint' }, 'At least 8 characters.')),
    h('div', { class: 'field' }, h('label', { for: 'pw-again' }, 'New password again'), again),
    err,
    h('div', null, h('button', { type: 'submit', class: 'btn btn-primary' }, 'Change password')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    err.hidden = true;
    if (next.value !== again.value) {
      err.textContent = 'The two new passwords differ.';
      err.hidden = false;
      return;
    }
    try {
      await api.post('/api/me/password', { current: current.value, password: next.value });
      form.reset();
      toast('Password changed.', 'ok');
    } catch (ex) {
      err.textContent = errorMessage(ex);
      err.hidden = false;
    }
  });
  mount(outlet,
    pageHead('Account'),
    h('section', { class: 'panel' },
      h('dl', { class: 'facts facts-row' },
        h('div', null, h('dt', null, 'Username'), h('dd', null, me?.user?.username ?? '—')),
        h('div', null, h('dt', null, 'Role'), h('dd', null, me?.user?.role ?? '—')),
        h('div', null, h('dt', null, 'Group'), h('dd', null, me?.user?.group ?? '—')))),
    me?.authMode === 'accounts' ? h('section', { class: 'panel' }, h('h2', null, 'Change password'), form) : h('p', { class: 'muted' }, 'Single-user local mode: there is no password.'));
}
