import type { Session, VendorDriver } from "../../vendor-api/driver.ts";
import { createDriverContext, type RecordingContext } from "../../engine/driver-context.ts";
import type { TimeControl } from "../../engine/time.ts";
import { SessionCookies } from "../../http/cookie-jar.ts";
import type { Transport } from "../../http/transport.ts";
import type { ResolvedTarget } from "../../targets/types.ts";
import { probeSession } from "../../engine/probe.ts";

/**
 * Logins, probes and logouts for a measurement, through the same driver context the
 * engine uses (cookie jars, secret registration), counting every request. Exchanges
 * are dropped as they come: a measurement keeps verdicts, not traffic.
 */
export class SessionOps {
  requests = 0;
  private readonly ctx: RecordingContext;
  private serial = 0;

  constructor(
    private readonly env: { target: ResolvedTarget; driver: VendorDriver; transport: Transport; time: TimeControl },
    private readonly loginWith: Record<string, unknown>,
    /** An action to probe with instead of the driver's probe (one that counts as use). */
    private readonly probeWith?: string,
  ) {
    const { target } = env;
    this.ctx = createDriverContext({
      target: { name: target.name, vendor: target.vendor, baseUrl: target.baseUrl, options: target.options },
      transport: env.transport,
      now: () => env.time.now(),
      stepTimeoutMs: () => target.stepTimeoutMs,
    });
  }

  private settle(): void {
    this.requests += this.ctx.take().length;
  }

  async open(): Promise<Session> {
    const session: Session = { name: `measure-${++this.serial}`, cookies: new SessionCookies(), state: {}, open: false };
    const { credentials } = this.env.target;
    const result = await this.env.driver.login(this.ctx, session, { credentials, with: this.loginWith });
    this.settle();
    if (!result.ok)
      throw new Error(`login for the measurement failed (status ${result.exchange.response.status}); check the target's credentials`);
    session.open = true;
    return session;
  }

  async alive(session: Session): Promise<boolean> {
    const action = this.probeWith ? this.env.driver.actions[this.probeWith] : undefined;
    const verdict = action
      ? this.env.driver.classify((await action.run(this.ctx, session, {})).exchange)
      : (await probeSession(this.env.driver, this.ctx, session)).verdict;
    this.settle();
    if (verdict !== "ok") session.open = false;
    return verdict === "ok";
  }

  /** Logs out what is still open; a session the server already ended needs nothing. */
  async close(sessions: readonly Session[]): Promise<void> {
    for (const session of sessions.filter((s) => s.open)) {
      await this.env.driver.logout(this.ctx, session, {}).catch(() => undefined);
      session.open = false;
    }
    this.settle();
  }
}
