import { expect, test } from "@playwright/test";
import { bodyPath } from "../../src/http/body-path.ts";
import { escapeXml, parseXml } from "../../src/http/xml.ts";
import { CONSOLE_PATH, type Host, hmcHost, LOGON } from "../../test-support/hmc-mock.ts";

/**
 * IBM's PowerVM library pypowervm (powervm/pypowervm@8613035a) against the hmc mock:
 * Session() → Adapter.read('ManagementConsole') → Session logoff, and the parse of an
 * error body. pypowervm is a Python package and PyPI cannot be reached from here, so its
 * requests and its parser's strictness are restated below in our own words, each with the
 * file and line it comes from. The strictness that matters: lxml's `etree.fromstring` on
 * a `str` refuses a document whose XML declaration names an encoding ("Unicode strings
 * with encoding declaration are not supported"), and pypowervm hands it a str for every
 * Atom body and every error body, bytes only for the LogonResponse.
 */

const WEB_NS = "http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/";
const UOM_NS = "http://www.ibm.com/xmlns/systems/power/firmware/uom/mc/2012_10/";
const ATOM_NS = "http://www.w3.org/2005/Atom";
// const.py:54 TYPE_TEMPLATE = 'application/vnd.ibm.powervm.%s+xml; type=%s'
const webType = (type: string) => `application/vnd.ibm.powervm.web+xml; type=${type}`;

/** What lxml says when handed a str with an encoding declaration (lxml's parser, _parseMemoryDocument). */
class LxmlValueError extends Error {}

/**
 * lxml's `etree.fromstring`: a str may not declare its encoding (the check is anchored at the
 * very start of the text, as lxml's own); bytes may. The document is then parsed as XML.
 */
function fromstring(input: string | Uint8Array): Record<string, unknown> {
  if (typeof input === "string" && /^<\?xml[^>]+\sencoding\s*=\s*["'][^"']*["']/.test(input))
    throw new LxmlValueError(
      "Unicode strings with encoding declaration are not supported. Please use bytes input or XML fragments without declaration.",
    );
  return parseXml(typeof input === "string" ? input : new TextDecoder().decode(input));
}

/** The root element's local name and namespace, as lxml's `root.tag` gives `{ns}name`. */
function rootTag(doc: Record<string, unknown>): string {
  const [key] = Object.keys(doc).filter((k) => !k.startsWith("?"));
  const local = (key ?? "").split(":").pop() ?? "";
  return `{${String(bodyPath(doc, `${local}.#namespace`))}}${local}`;
}

interface PypowervmResponse {
  status: number;
  headers: Headers;
  /** adapter.py:409-412: `body=response.text`, the decoded str, as requests gives it. */
  body: string;
}

/** The pypowervm session and adapter, reduced to the calls this flow makes. */
class Pypowervm {
  token: string | undefined;
  schemaVersion: string | undefined;
  mcType: string | undefined;

  constructor(private readonly host: Host) {}

  private async request(method: string, path: string, headers: Record<string, string>, body?: Uint8Array): Promise<PypowervmResponse> {
    // adapter.py:283-288: every request but the Logon carries X-API-Session.
    const all = this.token === undefined ? headers : { ...headers, "X-API-Session": this.token };
    const res = await this.host.app.request(path, { method, headers: all, ...(body ? { body } : {}) });
    return { status: res.status, headers: res.headers, body: await res.text() };
  }

  /** Session._logon, adapter.py:444-514. */
  async logon(userid: string, password: string): Promise<void> {
    // const.py:59-67 LOGONREQUEST_TEMPLATE_PASS: V1_0, no Metadata, with an XML declaration;
    // adapter.py:470 escapes the password (sax_utils.escape), :476 sends it UTF-8 encoded.
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<LogonRequest xmlns="${WEB_NS}" schemaVersion="V1_0">\n    <UserID>${userid}</UserID>\n    <Password>${escapeXml(password)}</Password>\n</LogonRequest>`;
    // adapter.py:463-466: Accept LogonResponse, Content-Type LogonRequest.
    const headers = { Accept: webType("LogonResponse"), "Content-Type": webType("LogonRequest") };
    const resp = await this.request("PUT", LOGON, headers, new TextEncoder().encode(xml));
    if (resp.status !== 200) throw new Error(`pypowervm: HttpError ${resp.status} on PUT ${LOGON}`);
    // adapter.py:502: `etree.fromstring(resp.body.encode('utf-8'))`: bytes, so a declaration is fine here.
    const root = fromstring(new TextEncoder().encode(resp.body));
    // adapter.py:522 `root.findtext('{WEB_NS}X-API-Session')`: the element in the web namespace, whatever its prefix.
    if (rootTag(root) !== `{${WEB_NS}}LogonResponse`) throw new Error(`pypowervm: the Logon answered ${rootTag(root)}`);
    const token = bodyPath(root, "LogonResponse.X-API-Session");
    if (bodyPath(root, "LogonResponse.X-API-Session.#namespace") !== WEB_NS || typeof token !== "string" || !token)
      throw new Error("pypowervm: Failed to parse a session token from the PowerVM response.");
    this.token = token;
    // adapter.py:509-510: the console type from X-MC-Type (HMC when absent), the schema version from the root.
    this.mcType = resp.headers.get("x-mc-type") ?? "HMC";
    this.schemaVersion = String(bodyPath(root, "LogonResponse.@schemaVersion"));
  }

  /**
   * Adapter.read('ManagementConsole'): build_path (adapter.py:960-963) → /rest/api/uom/ManagementConsole;
   * _read_by_path (adapter.py:807-820) asks for Atom; read_by_path (adapter.py:802-803) unmarshals it.
   */
  async read(rootType: string): Promise<{ response: PypowervmResponse; feed: Record<string, unknown> }> {
    const path = `/rest/api/uom/${rootType}`;
    const response = await this.request("GET", path, { Accept: "application/atom+xml" });
    if (response.status >= 400) throw this.httpError("GET", path, response);
    return { response, feed: this.extractAtom("GET", path, response) };
  }

  /** Response._extract_atom and _unmarshal_atom, adapter.py:1137-1192. */
  private extractAtom(method: string, path: string, response: PypowervmResponse): Record<string, unknown> {
    let root: Record<string, unknown>;
    try {
      // adapter.py:1145: `etree.fromstring(self.body)`, self.body being a str.
      root = fromstring(response.body);
    } catch (error) {
      // adapter.py:1146-1148 and 1188-1192: the reason becomes an AtomError.
      throw new Error(`pypowervm AtomError for ${method} ${path}: Error parsing XML response from PowerVM: ${(error as Error).message}`);
    }
    if (rootTag(root) !== `{${ATOM_NS}}feed` && rootTag(root) !== `{${ATOM_NS}}entry`)
      throw new Error(`pypowervm AtomError for ${method} ${path}: Response is not an Atom feed/entry`);
    return root;
  }

  /**
   * exceptions.py:64-85 HttpError: best effort, so a body lxml refuses is swallowed and the
   * message loses the HMC's Message: "HTTP error 401 for method GET on path …: Unauthorized".
   */
  private httpError(method: string, path: string, response: PypowervmResponse): Error & { herWrap: Record<string, unknown> | undefined } {
    let reason = response.status === 401 ? "Unauthorized" : String(response.status);
    let herWrap: Record<string, unknown> | undefined;
    try {
      // exceptions.py:73: `etree.fromstring(resp.body)`, a str again.
      const root = fromstring(response.body);
      if (rootTag(root) === `{${ATOM_NS}}entry`) {
        herWrap = bodyPath(root, "entry.content.HttpErrorResponse") as Record<string, unknown>;
        const message = bodyPath(root, "entry.content.HttpErrorResponse.Message");
        if (typeof message === "string" && message) reason += ` -- ${message}`;
      }
    } catch {
      // exceptions.py:84-85 `except Exception: pass`.
    }
    return Object.assign(new Error(`HTTP error ${response.status} for method ${method} on path ${path}: ${reason}`), { herWrap });
  }

  /** Session._logoff, adapter.py:561-568: DELETE Logon, relogin off; a failure is logged and ignored. */
  async logoff(): Promise<number> {
    const resp = await this.request("DELETE", LOGON, {});
    this.token = undefined;
    return resp.status;
  }
}

test("the lxml rule as restated: a str with an encoding declaration is refused, the same bytes or a str without it are read", () => {
  const declared = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<feed xmlns="${ATOM_NS}"/>`;
  expect(() => fromstring(declared)).toThrow(LxmlValueError);
  expect(rootTag(fromstring(new TextEncoder().encode(declared)))).toBe(`{${ATOM_NS}}feed`);
  expect(rootTag(fromstring(`<?xml version="1.0"?>\n<feed xmlns="${ATOM_NS}"/>`))).toBe(`{${ATOM_NS}}feed`);
  expect(rootTag(fromstring(`<a:feed xmlns:a="${ATOM_NS}"/>`))).toBe(`{${ATOM_NS}}feed`);
});

test("pypowervm: Session logon → Adapter.read('ManagementConsole') → the ManagementConsole wrapper's fields → logoff, against the hmc mock", async () => {
  const host = hmcHost();
  const client = new Pypowervm(host);
  await client.logon("hscroot", "hmc-pass-1");
  expect([client.mcType, client.schemaVersion]).toEqual(["HMC", "V1_0"]);

  const { response, feed } = await client.read("ManagementConsole");
  expect(response.status).toBe(200);
  expect(response.headers.get("etag")).toMatch(/^-?\d+$/);
  // wrappers/management_console.py:27-49: what the ManagementConsole wrapper reads.
  const console = "feed.entry.content.ManagementConsole";
  expect(bodyPath(feed, `${console}.#namespace`)).toBe(UOM_NS);
  expect(bodyPath(feed, `${console}.ManagementConsoleName`)).toBeTruthy();
  expect(bodyPath(feed, `${console}.MachineTypeModelAndSerialNumber.MachineType`)).toBeTruthy();
  expect(bodyPath(feed, `${console}.ManagedSystems.link.@rel`)).toBe("related");
  expect(bodyPath(feed, `${console}.NetworkInterfaces.ManagementConsoleNetworkInterface.InterfaceName`)).toBeTruthy();
  expect(bodyPath(feed, `${console}.NetworkInterfaces.ManagementConsoleNetworkInterface.NetworkAddress`)).toBeTruthy();

  expect([200, 204]).toContain(await client.logoff());
  const after = await host.app.request(CONSOLE_PATH, { headers: { Accept: "application/atom+xml" } });
  expect(after.status).toBe(401);
});

test("pypowervm: an HMC error body parses into HttpError's her_wrap and its Message reaches the exception text", async () => {
  const client = new Pypowervm(hmcHost());
  // An X-API-Session the console never issued: the mock answers 401 with an HttpErrorResponse.
  client.token = "not-a-session-of-this-console";
  const error = await client.read("ManagementConsole").then(
    () => undefined,
    (e: Error & { herWrap?: Record<string, unknown> }) => e,
  );
  expect(error?.message).toMatch(/^HTTP error 401 for method GET on path \/rest\/api\/uom\/ManagementConsole: Unauthorized -- \S/);
  expect(bodyPath(error?.herWrap, "HTTPStatus")).toBe("401");
});

test("pypowervm: a LogonResponse with a prefixed root (variant logon-response-prefixed) and a V1_1_0 one still yield the session", async () => {
  for (const options of [{ logonResponsePrefix: "web" }, { logonResponseVersion: "V1_1_0" }]) {
    const client = new Pypowervm(hmcHost({ options }));
    await client.logon("hscroot", "hmc-pass-1");
    expect(client.token, JSON.stringify(options)).toBeTruthy();
    expect((await client.read("ManagementConsole")).response.status).toBe(200);
    expect([200, 204]).toContain(await client.logoff());
  }
});
