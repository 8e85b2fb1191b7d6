import type { MockUser } from "../../../vendor-api/mock.ts";

/** A seeded AM identity. `realm` is the realm path ("/" or "/alpha"); `admin` marks a realm-wide session administrator. */
export interface AmUser extends MockUser {
  realm: string;
  universalId: string;
  admin?: "true";
}

/**
 * Seeded users; passwords are public test values (README). The default is amadmin,
 * because query and logoutByHandle need an administrator (wire notes §2.2).
 * universalIds follow the forms AM prints: amadmin lives in the configuration store.
 */
export const seededUsers: Record<string, AmUser> = {
  default: { username: "amadmin", password: "amadmin-pass-1", realm: "/", universalId: "id=amadmin,ou=user,ou=am-config", admin: "true" },
  demo: { username: "demo", password: "demo-pass-1", realm: "/", universalId: "id=demo,ou=user,dc=openam,dc=forgerock,dc=org" },
  bjensen: { username: "bjensen", password: "bjensen-pass-1", realm: "/", universalId: "id=bjensen,ou=user,dc=openam,dc=forgerock,dc=org" },
  alpha: {
    username: "alice",
    password: "alice-pass-1",
    realm: "/alpha",
    universalId: "id=alice,ou=user,o=alpha,ou=services,dc=openam,dc=forgerock,dc=org",
  },
};

/** The realms the mock knows: the root and every realm a seeded user lives in. */
export const knownRealms: ReadonlySet<string> = new Set(["/", ...Object.values(seededUsers).map((u) => u.realm)]);

export function findUser(realm: string, username: string): AmUser | undefined {
  return Object.values(seededUsers).find((u) => u.realm === realm && u.username === username);
}
