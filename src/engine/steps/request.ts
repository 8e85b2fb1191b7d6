import type { StepResult } from "../../vendor-api/driver.ts";
import type { HttpRequest } from "../../http/exchange.ts";
import type { RequestArgs } from "../../scenario/schema.ts";
import { sessionNamed, type StepEnv } from "./env.ts";
import type { StepHandler } from "./handler.ts";

/** A raw request written in the scenario; with `auth: session` it carries the session's credential the driver's way. */
export async function runRequest(env: StepEnv, args: RequestArgs, name: string): Promise<StepResult> {
  const request: HttpRequest = { method: args.method, url: env.ctx.url(args.path, args.query), headers: { ...args.headers } };
  if (args.json !== undefined) {
    request.body = JSON.stringify(args.json);
    request.headers["content-type"] ??= "application/json";
  } else if (args.form) {
    request.body = new URLSearchParams(args.form).toString();
    request.headers["content-type"] ??= "application/x-www-form-urlencoded";
  } else if (args.body !== undefined) {
    request.body = args.body;
  }
  if (args.followRedirects) request.followRedirects = true;
  if (args.auth === "session") {
    const session = sessionNamed(env, name);
    return {
      exchange: await env.ctx.send(env.driver.authorize(env.ctx, session, request), {
        label: `request ${args.method} ${args.path}`,
        session,
      }),
    };
  }
  return { exchange: await env.ctx.send(request, { label: `request ${args.method} ${args.path}` }) };
}

export const request: StepHandler<"request"> = {
  verb: "request",
  run: (step, context) => runRequest(context, step.request, context.sessionName),
};
