// Breaks explore-model-imports-a-mock: a reference model borrowing the mock's own routes.
import { routes } from "../../../vendors/acme/mock/routes.ts";

export const model = { routes };
