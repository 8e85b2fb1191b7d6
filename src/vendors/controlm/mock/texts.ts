/**
 * Every ErrorList and SuccessData text the mock answers with. The exact texts are not
 * public (wire notes §1.3: "The exact message texts … were not found in any public
 * source [UNVERIFIED]"; §1.4: the delete message "is [UNVERIFIED]"), so the
 * `messageTexts` option picks one of two wordings: suites may only rely on the shape.
 * The default wording keeps the two texts the sources do show: "Login failed" (the
 * spec's 401 description) and "Passwored changed successfully" [sic, spec text].
 */
export interface ControlmTexts {
  loginFieldsRequired: string;
  loginFailed: string;
  unauthorized: string;
  contentType: string;
  notAJsonObject: string;
  passwordFieldsRequired: string;
  unknownSecret(key: string): string;
  wrongCurrentPassword: string;
  passwordChanged: string;
  tokenNameRequired: string;
  tokenTypeUnsupported(type: string): string;
  updateNeedsEveryField: string;
  rolesRequired: string;
  notInRole(user: string, role: string): string;
  badDate: string;
  dateNotFuture: string;
  newNameEmpty: string;
  nameTooLong(field: string, max: number): string;
  tooManyTokens(user: string, max: number): string;
  nameTaken(name: string): string;
  tokenNotFound(name: string): string;
  nameCannotChange: string;
  annotationRequired(headers: string[]): string;
  tokenDeleted(name: string): string;
  noSuchResource(method: string, path: string): string;
}

const defaults: ControlmTexts = {
  loginFieldsRequired: "username and password are required",
  loginFailed: "Login failed",
  unauthorized: "Unauthorized: the request needs a valid session token (Authorization: Bearer) or API token (x-api-key)",
  contentType: "Request content type must be application/json",
  notAJsonObject: "Request body is not a valid JSON object",
  passwordFieldsRequired: "currentPassword and newPassword are required",
  unknownSecret: (key) => `Secret ${key} is not defined`,
  wrongCurrentPassword: "Errors in password change details: the current password is wrong",
  passwordChanged: "Passwored changed successfully",
  tokenNameRequired: "tokenName is required",
  tokenTypeUnsupported: (type) => `Token type ${type} is not supported; use User`,
  updateNeedsEveryField: "All token fields must be given on update: tokenName, roles, expirationDate",
  rolesRequired: "At least one role is required",
  notInRole: (user, role) => `User ${user} is not a member of role ${role}`,
  badDate: "expirationDate must be a real date in YYYY-MM-DD format",
  dateNotFuture: "expirationDate must be a future date (UTC)",
  newNameEmpty: "newTokenName must be a non-empty string",
  nameTooLong: (field, max) => `${field} must be at most ${max} characters long`,
  tooManyTokens: (user, max) => `User ${user} already has ${max} tokens, the most allowed: delete one first`,
  nameTaken: (name) => `Token name ${name} already exists`,
  tokenNotFound: (name) => `Token ${name} not found`,
  nameCannotChange: "The token name cannot be changed",
  annotationRequired: (headers) => `An annotation is required for this action: send the ${headers.join(" and ")} header(s)`,
  tokenDeleted: (name) => `Token ${name} deleted successfully`,
  noSuchResource: (method, path) => `No such resource: ${method} ${path}`,
};

const alternate: ControlmTexts = {
  loginFieldsRequired: "Missing credentials",
  loginFailed: "Authentication failed for the given user name and password",
  unauthorized: "Token is not valid or has expired",
  contentType: "Unsupported media type",
  notAJsonObject: "Failed to parse the request payload",
  passwordFieldsRequired: "Missing password fields",
  unknownSecret: (key) => `The secret '${key}' does not exist`,
  wrongCurrentPassword: "Failed to change password",
  passwordChanged: "Password changed successfully",
  tokenNameRequired: "Token name must be provided",
  tokenTypeUnsupported: (type) => `Invalid token type '${type}'`,
  updateNeedsEveryField: "Missing token properties",
  rolesRequired: "Roles must be provided",
  notInRole: (_user, role) => `Role '${role}' is not permitted`,
  badDate: "Invalid expiration date",
  dateNotFuture: "Expiration date has to be in the future",
  newNameEmpty: "Invalid new token name",
  nameTooLong: (field, max) => `The ${field} exceeds the maximum length of ${max}`,
  tooManyTokens: (_user, max) => `Token limit reached (${max})`,
  nameTaken: (name) => `A token named '${name}' exists`,
  tokenNotFound: (name) => `Token '${name}' does not exist`,
  nameCannotChange: "Token name is read-only",
  annotationRequired: (headers) => `Annotation is mandatory (${headers.join(", ")})`,
  tokenDeleted: (name) => `Token '${name}' was removed`,
  noSuchResource: (method, path) => `Resource not found (${method} ${path})`,
};

export function controlmTexts(wording: "default" | "alternate"): ControlmTexts {
  return wording === "alternate" ? alternate : defaults;
}
