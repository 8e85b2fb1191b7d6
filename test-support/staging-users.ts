/**
 * The built-in mocks' public test users as a staging run reaches them: the values only through the environment,
 * the targets file naming them with ${env:…}. Shared by the harness's staging rehearsal
 * (specs/harness/support/rehearsal-world.ts) and the bench's nightly run (bench/lib/nightly-world.ts).
 */
export const STAGING_ENV: Record<string, string> = {
  CTM_USER: "emuser",
  CTM_PASSWORD: "empass-1234",
  CTM_SECRET: "emuser-password",
  CTM_APIKEY: "ctm-seeded-api-token-emuser-public-0001",
  CTM_USER2: "opsuser",
  CTM_PASSWORD2: "opspass-5678",
  HMC_USER: "hscroot",
  HMC_PASSWORD: "hmc-pass-1",
  HMC_USER2: "hmcoper",
  HMC_PASSWORD2: "oper&pass-2",
  VM_USER: "admin",
  VM_PASSWORD: "admin-pass-1",
  VM_USER2: "operator",
  VM_PASSWORD2: "operator-pass-2",
  AM_USER: "amadmin",
  AM_PASSWORD: "amadmin-pass-1",
  AM_DEMO: "demo",
  AM_DEMO_PASSWORD: "demo-pass-1",
  AM_BJ: "bjensen",
  AM_BJ_PASSWORD: "bjensen-pass-1",
  AM_ALICE: "alice",
  AM_ALICE_PASSWORD: "alice-pass-1",
  AM_ALICE_REALM: "/alpha",
};

/** Each vendor's `credentials:` and `users:` in a targets file, reading the variables above. */
export const STAGING_CREDENTIALS: Record<string, string> = {
  controlm: `credentials: { username: "\${env:CTM_USER}", password: "\${env:CTM_PASSWORD}", apiKey: "\${env:CTM_APIKEY}" }
    users: { other: { username: "\${env:CTM_USER2}", password: "\${env:CTM_PASSWORD2}" } }`,
  hmc: `credentials: { username: "\${env:HMC_USER}", password: "\${env:HMC_PASSWORD}" }
    users: { operator: { username: "\${env:HMC_USER2}", password: "\${env:HMC_PASSWORD2}" } }`,
  vmanage: `credentials: { username: "\${env:VM_USER}", password: "\${env:VM_PASSWORD}" }
    users: { operator: { username: "\${env:VM_USER2}", password: "\${env:VM_PASSWORD2}" } }`,
  openam: `credentials: { username: "\${env:AM_USER}", password: "\${env:AM_PASSWORD}" }
    users:
      demo: { username: "\${env:AM_DEMO}", password: "\${env:AM_DEMO_PASSWORD}" }
      bjensen: { username: "\${env:AM_BJ}", password: "\${env:AM_BJ_PASSWORD}" }
      alpha: { username: "\${env:AM_ALICE}", password: "\${env:AM_ALICE_PASSWORD}", realm: "\${env:AM_ALICE_REALM}" }`,
};
