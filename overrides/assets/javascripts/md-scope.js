// Material 9.8.1's inline storage helpers (partials/javascripts/base.html), as a file, so that
// every page has the same Content-Security-Policy. The scope, the site's root, comes from the
// script element (data-md-scope), as the inline script had it from the template.
var __md_scope = new URL(document.currentScript.dataset.mdScope, location),
  __md_hash = (e) => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0),
  __md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e)),
  __md_set = (e, _, t = localStorage, a = __md_scope) => {
    try {
      t.setItem(a.pathname + "." + e, JSON.stringify(_));
    } catch (e) {}
  };
