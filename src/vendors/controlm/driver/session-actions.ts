import { jsonRequest, type ActionSpec } from "../../../vendor-api/driver.ts";

/** Session-service actions beyond login/logout. */
export const sessionActions: Record<string, ActionSpec> = {
  "change-password": {
    description: "POST /session/user/password/update {currentPassword, newPassword}",
    needsSession: true,
    async run(ctx, session, args) {
      const body: Record<string, unknown> = { currentPassword: args.currentPassword, newPassword: args.newPassword };
      if (args.user !== undefined) body.user = args.user;
      ctx.secret(String(args.currentPassword ?? ""), "password");
      ctx.secret(String(args.newPassword ?? ""), "password");
      const request = jsonRequest(ctx, "POST", "/session/user/password/update", body);
      const headers = { ...request.headers };
      if (session?.state.token) headers.authorization = `Bearer ${session.state.token}`;
      return {
        exchange: await ctx.send({ ...request, headers }, session ? { label: "change password", session } : { label: "change password" }),
      };
    },
  },
};
