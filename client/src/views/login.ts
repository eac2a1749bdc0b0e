import { api, errorMessage, loadMe, session } from '../api.ts';
import { h, mount } from '../dom.ts';
import { currentQuery, navigate } from '../router.ts';
import type { User } from '../types.ts';

export function loginView(_p: Record<string, string>, outlet: HTMLElement): void {
  const next = currentQuery().get('next') || '/';
  if (session()?.user) {
    navigate(next, { replace: true });
    return;
  }
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const err = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { class: 'btn btn-primary btn-block', type: 'submit' }, 'Log in');
  const form = h('form', { class: 'login-form', 'aria-labelledby': 'login-title' },
    h('div', { class: 'login-brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '⎈'), 'kubedojo'),
    h('h1', { id: 'login-title' }, 'Log in'),
    h('p', { class: 'muted' }, 'Kubernetes administrator practice: real kubectl, timed tasks, graded results.'),
    h('div', { class: 'field' }, h('label', { for: 'username' }, 'Username'), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, 'Password'), password),
    err,
    submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    err.hidden = true;
    submit.disabled = true;
    submit.textContent = 'Logging in…';
    try {
      await api.post<{ user: User }>('/api/login', { username: username.value.trim(), password: password.value });
      await loadMe();
      navigate(next, { replace: true });
    } catch (ex) {
      err.textContent = errorMessage(ex);
      err.hidden = false;
      password.select();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Log in';
    }
  });
  mount(outlet, h('div', { class: 'login-wrap' }, form));
  username.focus();
}
