import { expect, test } from "@playwright/test";
import { redact } from "../redact/secrets.ts";
import { learnExchangeSecrets } from "./learn-secrets.ts";

const request = (headers: Record<string, string>, body: string) => ({ method: "POST", url: "https://ctm.example/x", headers, body });

test("a password sent in a hand-written JSON request body is redacted from then on", () => {
  learnExchangeSecrets(
    request({ "content-type": "application/json" }, '{"currentPassword":"Cur-71-q","newPassword":"Np-93-x9"}'),
    undefined,
  );
  const shown = redact('{"currentPassword":"Cur-71-q","newPassword":"Np-93-x9"}');
  expect(shown).not.toContain("Cur-71-q");
  expect(shown).not.toContain("Np-93-x9");
});

test("a form body's password is learned, its user name is not; a malformed JSON body is left as it is", () => {
  learnExchangeSecrets(request({ "Content-Type": "application/x-www-form-urlencoded" }, "j_username=admin&j_password=Fp-55-z1"), undefined);
  expect(redact("Fp-55-z1 admin")).toContain("admin");
  expect(redact("Fp-55-z1")).not.toContain("Fp-55-z1");
  expect(() => learnExchangeSecrets(request({ "content-type": "application/json" }, '{"newPassword":"Mp-1'), undefined)).not.toThrow();
});
