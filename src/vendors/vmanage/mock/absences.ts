import type { DocumentedAbsence } from "../../../vendor-api/mock.ts";
import type { VmanageOptions } from "./options.ts";

const NOTES = "wire-notes-vmanage-openam.md";

/**
 * What a vManage release documents as not there, under these options: answers the
 * suites may rely on (python-viptela reads the token's 404 as "before 19.2"), never
 * unmodelled requests. The routes answer them (login-routes.ts, dataservice.ts).
 */
export function vmanageAbsences(options: VmanageOptions): DocumentedAbsence[] {
  const absent: DocumentedAbsence[] = [];
  if (!options.xsrfEnforced)
    absent.push({
      method: "GET",
      path: "/dataservice/client/token",
      status: 404,
      why: `${NOTES} §1.2 Releases before 19.2: "The endpoint is missing and returns 404."`,
    });
  if (options.logoutMethod === "get")
    absent.push({
      method: "POST",
      path: "/logout",
      status: 405,
      why: `${NOTES} §1.5 GET before 20.12, POST after: catalystwan "POST /logout if version >= 20.12, otherwise GET /logout"`,
    });
  if (options.logoutMethod === "post")
    absent.push({
      method: "GET",
      path: "/logout",
      status: 405,
      why: `${NOTES} §1.5 GET before 20.12, POST after: sastre "POST if version > 20.11"`,
    });
  return absent;
}
