// Starts GOV.UK Frontend's components (loaded as a module: browsers without modules get the
// pages without them, which work without JavaScript).
import { initAll } from "../dist/govuk-frontend.min.js";

initAll();
