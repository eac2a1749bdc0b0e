// JSON over fetch with the CSRF header on mutating requests; errors become ApiError with the
// server's sentence and status (API.md: `{ error }`, plus `problems` on 422 and `attemptId` on 409).
import type { Me } from './types.ts';

export class ApiError extends Error {
  constructor(
    public status: number,
    message: string,
    public body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrf = '';
let me: Me | null = null;

export function session(): Me | null {
  return me;
}

export function csrfToken(): string {
  return csrf;
}

export async function loadMe(): Promise<Me> {
  me = await request<Me>('GET', '/api/me');
  csrf = me.csrf;
  return me;
}

async function request<T>(method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrf;
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'The platform server cannot be reached. Check your connection and try again.');
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const obj = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
    const msg = typeof obj.error === 'string' ? obj.error : `${res.status} ${res.statusText}`;
    if (res.status === 401 && url !== '/api/login' && url !== '/api/me') window.dispatchEvent(new CustomEvent('kd:unauthorized'));
    throw new ApiError(res.status, msg, obj);
  }
  return data as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, body),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  postText: <T>(url: string, text: string, type = 'text/yaml') => request<T>('POST', url, text, type),
  getText: async (url: string): Promise<string> => {
    const res = await fetch(url, { credentials: 'same-origin' });
    if (!res.ok) {
      let msg = `${res.status} ${res.statusText}`;
      try {
        const j = (await res.json()) as { error?: string };
        if (j.error) msg = j.error;
      } catch {
        /* not JSON */
      }
      throw new ApiError(res.status, msg);
    }
    return res.text();
  },
};

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
