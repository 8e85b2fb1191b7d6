import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createSecureContext } from "node:tls";
import { environmentProxy, type ProxySetting, parseProxyUrl } from "../http/proxy.ts";
import { secrets } from "../redact/secrets.ts";
import type { TargetEntry } from "./schema.ts";
import type { ResolvedTarget } from "./types.ts";

/** What resolving one target needs from the loader: the environment, the file's folder, and where to put problems. */
export interface NetworkContext {
  env: NodeJS.ProcessEnv;
  baseDir: string;
  problems: string[];
  where: (path: (string | number)[]) => string;
}

const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;
const WHOLE_ENV_REF = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** Every ${env:NAME} in `text` replaced; a variable that is not set is a problem, and undefined comes back. */
function withEnvironment(text: string, field: string, at: (string | number)[], ctx: NetworkContext): string | undefined {
  let missing = false;
  const out = text.replace(ENV_REF, (_ref, name: string) => {
    const value = ctx.env[name];
    if (value === undefined || value === "") {
      ctx.problems.push(`${ctx.where(at)}: environment variable ${name} is not set (needed for ${field}); export it before the run`);
      missing = true;
      return "";
    }
    return value;
  });
  return missing ? undefined : out;
}

/** A literal password between "scheme://user:" and "@": it would end up in the repository. */
function hasLiteralPassword(raw: string): boolean {
  // Each ${env:…} stands as one placeholder character, so the colon inside it is not taken for the user:password one.
  const userinfo = raw.replace(ENV_REF, "\u0000").match(/^[a-z][a-z0-9+.-]*:\/\/([^@/]*)@/i)?.[1];
  const password = userinfo?.includes(":") ? userinfo.slice(userinfo.indexOf(":") + 1) : undefined;
  return password !== undefined && password !== "" && password !== "\u0000";
}

/**
 * The target's `proxy:`: a URL (its credentials only as ${env:NAME}), `none`, or nothing — then the
 * environment's HTTPS_PROXY / HTTP_PROXY / NO_PROXY decide per request. An environment proxy that
 * applies to this target is checked here too, so a malformed one stops the run before any request,
 * and its credentials are secrets in every process that reads the targets file.
 */
export function resolveProxy(entry: TargetEntry, ctx: NetworkContext): ProxySetting {
  const raw = entry.proxy?.trim();
  if (raw === "none") return { kind: "none" };
  if (raw === undefined) {
    // A baseUrl that is no URL is told by the schema; its scheme is all that matters here.
    const named = environmentProxy(entry.baseUrl.startsWith("https:") ? "https:" : "http:", ctx.env);
    if (named) checkProxy(named.value, named.source.toUpperCase(), ["baseUrl"], ctx);
    return { kind: "environment" };
  }
  if (hasLiteralPassword(raw)) {
    ctx.problems.push(
      `${ctx.where(["proxy"])}: the proxy's password must come from the environment: write http://\${env:PROXY_USER}:\${env:PROXY_PASSWORD}@host:port, or proxy: \${env:NAME} for the whole URL`,
    );
    return { kind: "none" };
  }
  const url = withEnvironment(raw, "proxy", ["proxy"], ctx);
  if (url === undefined || !checkProxy(url, "proxy", ["proxy"], ctx)) return { kind: "none" };
  return { kind: "url", url };
}

function checkProxy(url: string, source: string, at: (string | number)[], ctx: NetworkContext): boolean {
  try {
    parseProxyUrl(url, source);
    return true;
  } catch (error) {
    // The URL's own text may hold a password: the message names the source, never the value.
    const reason = error instanceof TypeError ? `${source} is not a URL (expected http://host:port)` : (error as Error).message;
    ctx.problems.push(`${ctx.where(at)}: ${reason}`);
    return false;
  }
}

type Tls = ResolvedTarget["tls"];

/** A file the tls: section names, read relative to the targets file; unreadable is a problem. */
function readTlsFile(field: "ca" | "cert" | "key" | "pfx", entry: NonNullable<TargetEntry["tls"]>, ctx: NetworkContext) {
  const path = resolve(ctx.baseDir, entry[field] as string);
  const what = { ca: "CA", cert: "client certificate", key: "private key", pfx: "PKCS#12" }[field];
  try {
    return { path, content: readFileSync(path) };
  } catch (error) {
    ctx.problems.push(`${ctx.where(["tls", field])}: cannot read the ${what} file ${path}: ${(error as Error).message}`);
    return undefined;
  }
}

/** tls.passphrase: only ${env:NAME}, registered as a secret; undefined when absent or unusable (a problem is told). */
function passphrase(entry: NonNullable<TargetEntry["tls"]>, ctx: NetworkContext): string | undefined {
  if (entry.passphrase === undefined) return undefined;
  const name = entry.passphrase.match(WHOLE_ENV_REF)?.[1];
  if (!name) {
    ctx.problems.push(
      `${ctx.where(["tls", "passphrase"])}: passphrase must come from the environment: write \${env:NAME} (a literal value would end up in the repository)`,
    );
    return undefined;
  }
  const value = withEnvironment(entry.passphrase, "tls.passphrase", ["tls", "passphrase"], ctx);
  secrets.add(value, "credential");
  return value;
}

/** What OpenSSL says of a certificate and key that will not load, in the targets file's words. */
function materialProblem(message: string, fields: { pfx: boolean; passphrase: boolean }): string {
  const which = fields.pfx ? "tls.pfx" : "tls.key";
  if (
    /bad decrypt|mac verify|bad password|unsupported|interrupted or cancelled|PEM_read_bio/i.test(message) &&
    !/no start line/.test(message)
  )
    return fields.passphrase
      ? `cannot decrypt ${which} with tls.passphrase: is it the right passphrase?`
      : `${which} is encrypted or unreadable: if it is encrypted, set tls.passphrase: \${env:NAME}`;
  if (/key values mismatch/i.test(message))
    return "tls.key is not the private key of tls.cert: give the key the certificate was issued for";
  if (/no start line|bad base64|wrong tag|not enough data|header too long/i.test(message))
    return fields.pfx
      ? "tls.pfx is not a PKCS#12 file (.p12/.pfx)"
      : "tls.cert and tls.key must be PEM files (-----BEGIN CERTIFICATE----- and -----BEGIN … PRIVATE KEY-----)";
  return `the client certificate cannot be used: ${message.split("\n")[0]}`;
}

/**
 * The tls: section: the CA to trust, and the client certificate for servers that require
 * mutual TLS — tls.cert with tls.key (PEM), or tls.pfx (PKCS#12), a passphrase from the
 * environment. Each file is read and the pair is loaded once here, so a missing file, a key
 * without its certificate or a wrong passphrase stops the run before any request.
 */
export function resolveTls(entry: TargetEntry["tls"], ctx: NetworkContext): Tls {
  const tls: Tls = {};
  if (!entry) return tls;
  if (entry.insecure) tls.insecure = true;
  if (entry.ca) {
    const ca = readTlsFile("ca", entry, ctx);
    tls.caPath = resolve(ctx.baseDir, entry.ca);
    if (ca) tls.ca = ca.content.toString("utf8");
  }
  const before = ctx.problems.length;
  if (entry.pfx && (entry.cert || entry.key))
    ctx.problems.push(`${ctx.where(["tls", "pfx"])}: use either tls.pfx or tls.cert with tls.key, not both`);
  else if (entry.key && !entry.cert)
    ctx.problems.push(`${ctx.where(["tls", "key"])}: tls.key needs tls.cert: the client certificate (PEM) the key belongs to`);
  else if (entry.cert && !entry.key)
    ctx.problems.push(
      `${ctx.where(["tls", "cert"])}: tls.cert needs tls.key: the certificate's private key (PEM); or give both in one PKCS#12 file as tls.pfx`,
    );
  else if (entry.passphrase !== undefined && !entry.key && !entry.pfx)
    ctx.problems.push(`${ctx.where(["tls", "passphrase"])}: tls.passphrase decrypts tls.key or tls.pfx, and neither is set`);
  if (ctx.problems.length > before) return tls;
  const secret = passphrase(entry, ctx);
  const material = {
    ...(entry.cert ? { cert: readTlsFile("cert", entry, ctx)?.content.toString("utf8") } : {}),
    ...(entry.key ? { key: readTlsFile("key", entry, ctx)?.content.toString("utf8") } : {}),
    ...(entry.pfx ? { pfx: readTlsFile("pfx", entry, ctx)?.content } : {}),
    ...(secret !== undefined ? { passphrase: secret } : {}),
  };
  if (ctx.problems.length > before || !(entry.cert || entry.pfx)) return tls;
  try {
    createSecureContext(material);
  } catch (error) {
    const fields = { pfx: Boolean(entry.pfx), passphrase: secret !== undefined };
    ctx.problems.push(`${ctx.where(["tls", entry.pfx ? "pfx" : "cert"])}: ${materialProblem((error as Error).message, fields)}`);
    return tls;
  }
  return Object.assign(tls, material);
}
