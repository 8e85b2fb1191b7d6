import { type Behaviour, findBehaviour, findService, isOpen, isTeamBehaviour } from "../catalogue/behaviours.ts";
import type { Exchange } from "../http/exchange.ts";
import type { FailureKind } from "../engine/failure.ts";
import { redact } from "../redact/secrets.ts";

export interface AllureLabel {
  name: string;
  value: string;
}

export interface AllureLink {
  url: string;
  name: string;
  type?: string;
}

export interface AllureMetadata {
  labels: AllureLabel[];
  links: AllureLink[];
  /** Markdown: each covered behaviour's catalogue entry. */
  description: string;
}

/** Labels of a team's own behaviour: its id, and its sureness (which the gate's team rule reads, allurerc.mjs). */
export const TEAM_BEHAVIOUR_LABEL = "team-behaviour";
export const TEAM_SURENESS_LABEL = "team-sureness";

/** DOC and WIRE are asserted strictly; a behaviour that is only OPEN is observed (BEHAVIOURS.md). */
export const isAsserted = (b: Behaviour) => /DOC|WIRE/.test(b.sureness);

/**
 * What a scenario's Allure page shows: grouped vendor → service → behaviour id; one
 * `sureness` label per covered id (the quality gate and categories read them, allurerc.mjs);
 * severity critical when a DOC or WIRE behaviour is covered; a link per behaviour id to
 * the vendor's page it comes from; the description is the catalogue entry of each id.
 */
export function allureMetadata(
  suite: { vendor: string; service: string },
  loaded: { scenario: { covers: readonly string[]; name: string } },
  /** The suite vendor's driver (its title names the epic), passed in: a worker imports only the drivers it runs. */
  driver: { title: string },
): AllureMetadata {
  const service = findService(suite.vendor, suite.service);
  const ids = loaded.scenario.covers;
  const covered = ids.map((id) => findBehaviour(id)).filter((b): b is Behaviour => b !== undefined);
  const behaviours = covered.filter((b) => !isTeamBehaviour(b));
  const team = covered.filter(isTeamBehaviour);
  const labels: AllureLabel[] = [
    { name: "epic", value: driver.title },
    { name: "feature", value: service?.title ?? suite.service },
    ...ids.map((id) => ({ name: "story", value: id })),
    ...behaviours.map((b) => ({ name: "sureness", value: `${b.id}: ${b.sureness}` })),
    // The team's own ids under labels of their own: the gate and the categories keep them apart from the vendor's (allurerc.mjs).
    ...team.flatMap((b) => [
      { name: TEAM_BEHAVIOUR_LABEL, value: b.id },
      { name: TEAM_SURENESS_LABEL, value: `${b.id}: ${b.sureness}` },
    ]),
    ...(team.length ? [{ name: "tag", value: "team-behaviour" }] : []),
    { name: "severity", value: covered.some(isAsserted) ? "critical" : "minor" },
  ];
  const teamLinks: AllureLink[] = team
    .filter((b) => /^https?:\/\//.test(b.source ?? ""))
    .map((b) => ({ url: b.source ?? "", name: `${b.id} (${b.sureness}) — team behaviour source`, type: "link" }));
  const vendorLinks: AllureLink[] = behaviours
    .map((b) => ({
      url: service?.docUrl ?? "",
      name: `${b.id} (${b.sureness}) — ${service?.title ?? b.service} documentation`,
      type: "link",
    }))
    .filter((l) => l.url);
  const links = [...vendorLinks, ...teamLinks];
  const description = [
    `**${loaded.scenario.name}**`,
    "",
    ...behaviours.flatMap((b) => [
      `### ${b.id} — ${b.sureness}${isOpen(b) ? " (the OPEN part is observed, not asserted)" : ""}`,
      "",
      b.text,
      "",
      service ? `Vendor documentation: [${service.title}](${service.docUrl})` : "",
      "",
    ]),
    ...team.flatMap((b) => [
      `### ${b.id} — ${b.sureness} (team behaviour)${isOpen(b) ? " (the OPEN part is observed, not asserted)" : ""}`,
      "",
      b.text,
      "",
      `Source: ${b.source ?? "not given"}`,
      "",
    ]),
    ...ids.filter((id) => !findBehaviour(id)).map((id) => `### ${id}\n\n(not in the catalogue)\n`),
  ].join("\n");
  return { labels, links, description };
}

/** The label the fixture adds when a scenario fails, so categories and the quality gate read the kind, not the message. */
export function failureKindLabel(kind: FailureKind): AllureLabel {
  return { name: "failure-kind", value: kind };
}

/**
 * An exchange's attachment title; the session probe (a request the harness sends to ask
 * "is this session alive?", not a step of the scenario) is named as such.
 */
export function exchangeAttachmentName(
  exchange: Pick<Exchange, "label" | "request" | "response">,
  options: { probe?: boolean } = {},
): string {
  const path = new URL(exchange.request.url).pathname;
  const probe = options.probe ?? /^probe\b/.test(exchange.label);
  const label = probe ? `session probe (${exchange.label.replace(/^probe\s*/, "") || "probe"})` : exchange.label;
  // A path can carry a session id (a session resource, a token's handle): titles are redacted like every attachment.
  return redact(`${label}: ${exchange.request.method} ${path} → ${exchange.response.status}`);
}
