import type { DriverContext, Session, VendorDriver } from "../vendor-api/driver.ts";
import { SessionCookies } from "../http/cookie-jar.ts";

/**
 * Every session a scenario opened, by name. Teardown logs out whatever is still
 * open, even after a failure or a timeout, so a run never leaves sessions behind
 * on a shared server.
 */
export class SessionLedger {
  private readonly sessions = new Map<string, Session>();

  create(name: string): Session {
    const session: Session = { name, cookies: new SessionCookies(), state: {}, open: false };
    this.sessions.set(name, session);
    return session;
  }

  get(name: string): Session | undefined {
    return this.sessions.get(name);
  }

  /** Sessions opened and neither logged out nor seen expired. */
  open(): Session[] {
    return [...this.sessions.values()].filter((s) => s.open);
  }

  async closeAll(driver: VendorDriver, ctx: DriverContext): Promise<{ closed: number; failed: string[] }> {
    let closed = 0;
    const failed: string[] = [];
    for (const session of this.open()) {
      try {
        const { exchange } = await driver.logout(ctx, session, {});
        const verdict = driver.classify(exchange);
        // A session the server already forgot (expired, evicted) needs no closing either.
        if (verdict === "ok" || verdict === "unauthenticated") closed++;
        else failed.push(`${session.name}: logout answered ${exchange.response.status}`);
      } catch (error) {
        failed.push(`${session.name}: ${(error as Error).message}`);
      }
      session.open = false;
    }
    return { closed, failed };
  }
}
