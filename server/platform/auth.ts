// Accounts and sessions: scrypt password hashes, cookie sessions stored in SQLite (the cookie holds
// a random token, the table its sha256), a CSRF token per session, login rate limiting, and the
// role checks every route and socket event goes through.
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Db, Role, UserRow } from '../../db/index.ts';

export const COOKIE = 'kd_session';
export const CSRF_COOKIE = 'kd_csrf';
const SESSION_HOURS = 12;
const SCRYPT = { N: 16384, r: 8, p: 1 };

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !hash) return false;
  const want = Buffer.from(hash, 'base64');
  const got = scryptSync(password, Buffer.from(salt, 'base64'), want.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(want, got);
}

export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}

function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export interface PublicUser {
  id: number;
  username: string;
  role: Role;
}

export function publicUser(u: UserRow): PublicUser {
  return { id: u.id, username: u.username, role: u.role };
}

/** What a request (or socket) knows about who is asking. */
export interface Who {
  user: UserRow | null;
  sessionId: string | null;
  csrf: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    who: Who;
  }
}

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

/** Failed logins per username+IP: 5 within 5 minutes locks that pair out until the window passes. */
export class LoginLimiter {
  private failures = new Map<string, number[]>();
  constructor(readonly max = 5, readonly windowMs = 5 * 60 * 1000) {}

  private recent(key: string): number[] {
    const cut = Date.now() - this.windowMs;
    const xs = (this.failures.get(key) ?? []).filter((t) => t > cut);
    if (xs.length) this.failures.set(key, xs);
    else this.failures.delete(key);
    return xs;
  }

  blocked(key: string): boolean {
    return this.recent(key).length >= this.max;
  }

  fail(key: string): void {
    this.failures.set(key, [...this.recent(key), Date.now()]);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}

export class Auth {
  readonly limiter = new LoginLimiter();

  constructor(readonly db: Db, readonly mode: 'accounts' | 'local') {}

  /** On first run (no users) creates `admin`; returns the one-time password to print, if it made one. */
  ensureAdmin(password?: string): { username: string; password: string } | undefined {
    if (this.mode === 'local') {
      if (!this.db.userByName('local')) this.db.createUser('local', hashPassword(randomPassword()), 'admin', null);
    }
    const admin = this.db.userByName('admin');
    if (admin) {
      if (password) this.db.setPassword(admin.id, hashPassword(password));
      return undefined;
    }
    if (this.mode === 'local' && !password) return undefined;
    const pw = password ?? randomPassword();
    this.db.createUser('admin', hashPassword(pw), 'admin', null);
    return password ? undefined : { username: 'admin', password: pw };
  }

  localUser(): UserRow {
    return this.db.userByName('local')!;
  }

  /** Creates a session for a user; returns the cookie token and the session's CSRF token. */
  startSession(userId: number): { token: string; csrf: string } {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    this.db.createSession(tokenId(token), userId, csrf, new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString());
    return { token, csrf };
  }

  endSession(sessionId: string): void {
    this.db.deleteSession(sessionId);
  }

  /** Resolves a cookie header to the user and CSRF token of its session (sliding expiry). */
  resolve(cookieHeader: string | undefined): Who {
    const token = parseCookies(cookieHeader)[COOKIE];
    if (!token) return { user: null, sessionId: null, csrf: null };
    const id = tokenId(token);
    const s = this.db.session(id);
    if (!s || s.expires_at < new Date().toISOString()) return { user: null, sessionId: null, csrf: null };
    const user = this.db.user(s.user_id) ?? null;
    if (!user) return { user: null, sessionId: null, csrf: null };
    if (Date.parse(s.expires_at) - Date.now() < (SESSION_HOURS - 1) * 3600_000) this.db.touchSession(id, new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString());
    return { user, sessionId: id, csrf: s.csrf };
  }

  setCookie(req: Request, res: Response, token: string): void {
    res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: SESSION_HOURS * 3600_000 });
  }

  /** Middleware: attaches req.who; in local mode makes a session for the local admin when none. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      req.who = this.resolve(req.headers.cookie);
      if (this.mode === 'local' && (!req.who.user || req.who.user.username !== 'local')) {
        const user = this.localUser();
        const { token, csrf } = this.startSession(user.id);
        this.setCookie(req, res, token);
        req.who = { user, sessionId: tokenId(token), csrf };
      }
      if (!req.who.sessionId) {
        // not logged in: a double-submit token in its own cookie protects the login form
        let anon = parseCookies(req.headers.cookie)[CSRF_COOKIE];
        if (!anon || !/^[A-Za-z0-9_-]{20,64}$/.test(anon)) {
          anon = randomBytes(24).toString('base64url');
          res.cookie(CSRF_COOKIE, anon, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
        }
        req.who.csrf = anon;
      }
      next();
    };
  }

  /** Middleware: mutating requests must carry the session's CSRF token. */
  csrf() {
    return (req: Request, _res: Response, next: NextFunction): void => {
      if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
      const sent = req.get('x-csrf-token');
      if (!sent || !req.who.csrf || !safeEqual(sent, req.who.csrf)) return next(new HttpError(403, 'missing or invalid CSRF token'));
      next();
    };
  }
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws 401 when nobody is logged in, 403 when the user's role is not one of `roles` (admin always passes). */
export function requireRole(req: Request, ...roles: Role[]): UserRow {
  const u = req.who.user;
  if (!u) throw new HttpError(401, 'log in first');
  if (roles.length && u.role !== 'admin' && !roles.includes(u.role)) throw new HttpError(403, `this needs the ${roles.join(' or ')} role`);
  return u;
}
