import { Cookie, CookieJar } from "tough-cookie";

/**
 * One jar per named session. Expiry is the server's decision, judged by the server's
 * clock (its Date header), not by this machine's: a mock's virtual clock may be hours
 * away from the wall clock, and tough-cookie would otherwise drop or keep the wrong
 * cookies.
 */
export class SessionCookies {
  private readonly jar = new CookieJar(undefined, { looseMode: true, allowSpecialUseDomain: true, rejectPublicSuffixes: false });

  async store(setCookies: readonly string[], url: string, serverNow: number): Promise<void> {
    const now = new Date(serverNow);
    for (const header of setCookies) {
      const cookie = Cookie.parse(header, { loose: true });
      if (!cookie) continue;
      if (cookie.TTL(serverNow) <= 0) {
        await this.remove(cookie.key, url);
        continue;
      }
      await this.jar.setCookie(cookie, url, { now, ignoreError: true });
    }
  }

  async header(url: string): Promise<string | undefined> {
    const cookies = await this.jar.getCookies(url, { expire: false });
    return cookies.length ? cookies.map((c) => c.cookieString()).join("; ") : undefined;
  }

  async value(name: string, url: string): Promise<string | undefined> {
    const cookies = await this.jar.getCookies(url, { expire: false, allPaths: true });
    return cookies.find((c) => c.key === name)?.value;
  }

  async set(name: string, value: string, url: string): Promise<void> {
    await this.jar.setCookie(new Cookie({ key: name, value, path: "/" }), url, { ignoreError: true });
  }

  async remove(name: string, url: string): Promise<void> {
    const cookies = await this.jar.getCookies(url, { expire: false, allPaths: true });
    const store = this.jar.store;
    for (const cookie of cookies.filter((c) => c.key === name)) {
      await store.removeCookie(cookie.domain, cookie.path, cookie.key);
    }
  }

  /** Does the jar hold any cookie at all, for any path? */
  hasAny(): boolean {
    return (this.jar.serializeSync()?.cookies.length ?? 0) > 0;
  }

  async clear(): Promise<void> {
    await this.jar.removeAllCookies();
  }
}

export interface ParsedSetCookie {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  expires?: string;
  maxAge?: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: string;
  /** The cookie asks the client to forget it (past Expires or Max-Age ≤ 0), by the server's clock. */
  cleared: boolean;
}

/** A Set-Cookie header's name and value only: what the secret registry and the drivers need from it. */
export function setCookiePair(header: string): { name: string; value: string } | undefined {
  const cookie = Cookie.parse(header, { loose: true });
  return cookie ? { name: cookie.key, value: cookie.value } : undefined;
}

export function parseSetCookie(header: string, serverNow: number): ParsedSetCookie | undefined {
  const cookie = Cookie.parse(header, { loose: true });
  if (!cookie) return undefined;
  const parsed: ParsedSetCookie = {
    name: cookie.key,
    value: cookie.value,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    cleared: cookie.TTL(serverNow) <= 0,
  };
  if (cookie.path) parsed.path = cookie.path;
  if (cookie.domain) parsed.domain = cookie.domain;
  if (cookie.expires instanceof Date) parsed.expires = cookie.expires.toUTCString();
  if (typeof cookie.maxAge === "number") parsed.maxAge = cookie.maxAge;
  if (cookie.sameSite) parsed.sameSite = cookie.sameSite;
  return parsed;
}

/** The server's notion of "now": its Date header when present and sane, else the harness clock. */
export function serverTime(headers: Record<string, string>, fallback: number): number {
  const date = headers.date ? Date.parse(headers.date) : Number.NaN;
  return Number.isNaN(date) ? fallback : date;
}
