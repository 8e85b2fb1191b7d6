// Breaks explore-model-imports-a-mock: a reference model borrowing the mock's own routes.
import { routes } from "../../../mocks/acme/routes.ts";

export const model = { routes };
