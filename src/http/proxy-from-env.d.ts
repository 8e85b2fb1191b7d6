// proxy-from-env ships no types; this is the one function used (src/http/proxy.ts).
declare module "proxy-from-env" {
  /** The proxy URL for `url` from *_PROXY, or "" when NO_PROXY excludes it or none is set. */
  export function getProxyForUrl(url: string | URL): string;
}
