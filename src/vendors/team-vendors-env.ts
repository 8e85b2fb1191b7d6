/**
 * Where a team's own vendor folders are named for every process of a run: sessionprobe.json
 * `vendors`, as absolute paths separated like PATH (the CLI sets it; Playwright's runner and
 * workers inherit it). Apart from the registry so the CLI can set it before the registry loads.
 */
export const TEAM_VENDORS_ENV = "SESSIONPROBE_VENDORS";
