/**
 * The documented behaviours the suites assert, with their stable ids, transcribed from
 * the vendor catalogue (BEHAVIOURS.md). `sureness` is the catalogue's own words:
 * DOC and WIRE behaviours are asserted strictly; an OPEN part is observed and recorded.
 * Each vendor's list lives in its folder (src/vendors/<vendor>/behaviours.ts);
 * specs/harness/catalogue.spec.ts keeps them in step with the catalogue.
 */
export interface Behaviour {
  id: string;
  vendor: string;
  service: string;
  sureness: string;
  text: string;
  /** Set on a team's own behaviour (src/catalogue/team-behaviours.ts): reports list those apart from the vendor's. */
  origin?: "team";
  /** A team behaviour's document or ticket. */
  source?: string;
}

export interface ServiceInfo {
  vendor: string;
  service: string;
  title: string;
  /** The vendor's own documentation page, linked from every report entry. */
  docUrl: string;
}

/**
 * Where the project's catalogue (behaviours.ts) departs from the shared vendor catalogue
 * (BEHAVIOURS.md, which this project cannot edit): each departure names what the shared
 * row says, what the project says instead, and the recorded traffic that forced it —
 * recordings outrank documents and reimplementations (docs/fidelity.md). The catalogue
 * spec (specs/harness/catalogue.spec.ts) fails on any difference from BEHAVIOURS.md that
 * is not listed here, on a correction whose `shared` side no longer matches BEHAVIOURS.md
 * (the shared row changed: revisit the correction), and on evidence the corpus lacks.
 */
export interface CatalogueCorrection {
  id: string;
  /** The shared catalogue's row, word for word. */
  shared: { text: string; sureness: string };
  /** The project's row, as behaviours.ts carries it. */
  corrected: { text: string; sureness: string };
  /** Why, in a sentence. */
  reason: string;
  /** Recorded exchanges that show it: a corpus file (evidence/recordings/<vendor>/), the request, and the status recorded. */
  evidence: readonly { file: string; request: string; status: number }[];
}
