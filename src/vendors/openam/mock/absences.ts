import type { DocumentedAbsence } from "../../../vendor-api/mock.ts";

const NOTES = "wire-notes-vmanage-openam.md";

/**
 * What AM documents as not there on the sessions endpoint (wire notes §2.2 Errors, from
 * SessionResourceV2): answers the suites may rely on, never unmodelled requests. The
 * sessions route answers them (sessions.ts); an unknown action needs a caller session,
 * since the authentication filter runs before the action is looked up.
 */
export function openamAbsences(contextPath: string): DocumentedAbsence[] {
  const sessions = `${contextPath}/json/realms/root/sessions`;
  return [
    {
      method: "POST",
      path: `${sessions}?_action=frobnicate`,
      status: 501,
      why: `${NOTES} §2.2 Errors [SRC]: "Unknown \`_action\`: 501 Not Supported, "Action <x> not implemented for this resource""`,
    },
    {
      method: "GET",
      path: `${sessions}/AQIC5wM2LY4SfcxOTdM`,
      status: 501,
      why: `${NOTES} §2.2 Errors [SRC]: "Read, create, update, delete and patch on \`/sessions/<id>\`: not supported."`,
    },
  ];
}
