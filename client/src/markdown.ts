// Markdown for task statements and explanations: raw HTML is shown as text, links may only point
// to http(s)/mailto/relative targets, images become links (the exam environment is offline).
// Inline code becomes click-to-copy; code blocks get a copy button.
import { Marked, type Tokens } from 'marked';
import { copyText, h, toast } from './dom.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function safeHref(href: string): string | null {
  const t = href.trim();
  if (/^(https?:|mailto:|#|\/(?!\/)|\.{0,2}\/)/i.test(t) || !/^[a-z][a-z0-9+.-]*:/i.test(t)) return t;
  return null;
}

const md = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    link(this: any, token: Tokens.Link): string {
      const inner = this.parser.parseInline(token.tokens);
      const href = safeHref(token.href);
      if (href === null) return inner;
      return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${inner}</a>`;
    },
    image(token: Tokens.Image): string {
      return `<span class="md-image">[image: ${escapeHtml(token.text || token.href)}]</span>`;
    },
  },
});

export function renderMarkdown(src: string): HTMLElement {
  const div = h('div', { class: 'md' });
  div.innerHTML = md.parse(src ?? '', { async: false }) as string;
  enhanceCode(div);
  return div;
}

/** Makes inline code copy on click and gives code blocks a copy button. */
export function enhanceCode(root: HTMLElement): void {
  for (const code of Array.from(root.querySelectorAll('code'))) {
    if (code.parentElement?.tagName === 'PRE') continue;
    makeCopyable(code, code.textContent ?? '');
  }
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    const text = pre.textContent ?? '';
    const wrap = h('div', { class: 'codeblock' });
    pre.replaceWith(wrap);
    wrap.append(pre, copyButton(text));
  }
}

export function makeCopyable(el: HTMLElement, text: string): void {
  el.classList.add('copyable');
  el.tabIndex = 0;
  el.setAttribute('role', 'button');
  el.title = 'Click to copy';
  el.setAttribute('aria-label', `${text} (click to copy)`);
  const go = () => {
    void copyText(text).then(() => {
      el.classList.add('copied');
      setTimeout(() => el.classList.remove('copied'), 900);
      toast(`Copied: ${text.length > 60 ? text.slice(0, 57) + '…' : text}`, 'ok', 1500);
    });
  };
  el.addEventListener('click', go);
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      go();
    }
  });
}

export function copyButton(text: string, label = 'Copy'): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'btn btn-small copy-btn', title: 'Copy to clipboard' }, label);
  b.addEventListener('click', () => {
    void copyText(text).then(() => {
      b.textContent = 'Copied';
      setTimeout(() => (b.textContent = label), 1200);
    });
  });
  return b;
}

/** A code block with a copy button (for reference solutions). */
export function codeBlock(text: string): HTMLElement {
  return h('div', { class: 'codeblock' }, h('pre', null, h('code', null, text)), copyButton(text));
}
