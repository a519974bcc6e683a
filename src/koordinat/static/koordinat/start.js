// Starts GOV.UK Frontend's components (loaded as a module: browsers without modules get the
// pages without them, which work without JavaScript).
import { initAll } from "../dist/govuk-frontend.min.js";
import { initPickers } from "./picker.js";

initAll();
initPickers();

// htmx swaps in new parts of a page (a report's decision answers with the page's whole <main>):
// start the components in what it swapped in, so that the success banner or the error summary there
// takes the focus and is read out, as after a page load.
document.body.addEventListener("htmx:afterSettle", (event) => {
  const swapped = event.detail && event.detail.elt;
  if (swapped instanceof Element && swapped.isConnected) {
    initAll({ scope: swapped });
    initPickers(swapped);
  }
});
