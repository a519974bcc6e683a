// Runs first thing in <body>, before the page paints: GOV.UK Frontend styles the page for JavaScript
// only under these classes. A file, not inline script: the Content-Security-Policy allows none.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
