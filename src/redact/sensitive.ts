/**
 * What counts as sensitive by name, for values the drivers did not register
 * explicitly: header names, JSON keys and XML element names that carry credentials.
 * The transport applies these rules to every exchange (src/http/learn-secrets.ts).
 */
const SENSITIVE_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-api-session|x-xsrf-token|x-csrf-token|x-openam-password|iplanetdirectorypro|vsessionid)$|token|password|secret|session/i;
const SENSITIVE_KEY = /password|passwd|secret|token|session(id|handle)?$|sessionuid|apikey|api_key|jsessionid|^tokenid$|credential/i;
const NOT_SECRET_KEY =
  /^(tokenName|tokenType|sessionTimeout|maxSessionTime|maxIdleTime|.*ExpirationTime|.*Date|forgotPassword|forgotUsername)$/i;

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key) && !NOT_SECRET_KEY.test(key);
}
