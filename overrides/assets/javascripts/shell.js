// The menu by keyboard at every width (the page shell; overrides/partials/menu-button.html,
// nav.html, nav-item.html, toc.html).
//
// Below 76.25em Material shows the navigation as a drawer that slides over the page, opened by
// a hidden checkbox (#__drawer); its submenus slide in the same way (one checkbox each). Shown
// or not, every link in them stays in the Tab order, and the menu had no control a keyboard
// could reach. Here:
// - the header's menu button opens and closes the drawer (through the checkbox, so Material's
//   own code sees the change), with aria-expanded in step; focus moves into the drawer when it
//   opens and back to the button when it closes; Escape and the drawer's close button close it;
// - while the drawer is closed it is inert; while it is open the rest of the page is inert,
//   and in the drawer only the level being shown can take focus (the other levels are inert);
// - the labels that open a submenu open it with Space as well as Enter (Material's), and the
//   focus follows into the submenu and back out;
// - at desktop width nothing is inert, and a label that only heads an always-open section of
//   the menu is taken out of the Tab order.
// Only attributes and properties are set (inert, aria-expanded, tabIndex): no inline styles.
(() => {
  "use strict";
  const toggle = document.getElementById("__drawer");
  const button = document.querySelector("[data-shell-menu]");
  const drawer = document.getElementById("site-menu");
  const root = drawer && drawer.querySelector(".md-nav--primary");
  if (!toggle || !button || !drawer || !root) return;
  const closer = drawer.querySelector("[data-shell-menu-close]");
  const asDrawer = window.matchMedia("(max-width: 76.234375em)"); // Material's breakpoint
  let madeInert = [];

  // The submenu a checkbox opens: its sibling <nav> in the same list item.
  const submenuOf = (box) => box.parentElement.querySelector(":scope > nav.md-nav");
  const shown = (element) => element.getClientRects().length > 0;
  const firstFocusable = (within) =>
    within.querySelector(":scope > .md-nav__list a[href], :scope > .md-nav__list [tabindex='0']");

  // The deepest open level of the drawer: the root, or an open submenu of an open level.
  function currentLevel() {
    let level = root;
    for (;;) {
      const next = [...level.querySelectorAll(":scope > .md-nav__list > .md-nav__item > .md-toggle:checked")]
        .map(submenuOf).find((menu) => menu && shown(menu));
      if (!next) return level;
      level = next;
    }
  }

  function setInert(elements) {
    for (const element of elements) {
      if (!element.inert) { element.inert = true; madeInert.push(element); }
    }
  }

  function clearInert() {
    for (const element of madeInert) element.inert = false;
    madeInert = [];
  }

  // Everything outside `keep` along its ancestors up to <body> (the overlay and the
  // checkboxes excepted, which take no focus and must keep working).
  function outside(keep, top) {
    const found = [];
    for (let node = keep; node && node !== top; node = node.parentElement) {
      for (const sibling of node.parentElement.children) {
        if (sibling !== node && !sibling.matches("input, label.md-overlay, script")) found.push(sibling);
      }
    }
    return found;
  }

  // In the drawer, only the shown level takes focus: its own closed submenus and everything the
  // open levels above it show under it are inert. The close button stays usable.
  function levelsInert(level) {
    const found = [...level.querySelectorAll(".md-toggle")].map(submenuOf).filter(Boolean);
    if (level !== root) found.push(...outside(level, root).filter((element) => element !== closer));
    return found;
  }

  function sync() {
    clearInert();
    const open = toggle.checked && asDrawer.matches;
    button.setAttribute("aria-expanded", String(open));
    for (const label of root.querySelectorAll(".md-nav__item--section > .md-nav__link[for], .md-nav__item--section > .md-nav__container > [for]")) {
      label.tabIndex = asDrawer.matches ? 0 : -1; // at desktop width a section is always open
    }
    if (!asDrawer.matches) return;
    if (!open) { setInert([drawer]); return; }
    setInert(outside(drawer, document.body));
    setInert(levelsInert(currentLevel()));
  }

  function openDrawer() {
    if (!toggle.checked) toggle.click();
    sync();
    const target = firstFocusable(currentLevel()) || closer;
    if (target) target.focus({ preventScroll: true });
  }

  function closeDrawer() {
    if (toggle.checked) toggle.click();
    sync();
    button.focus({ preventScroll: true });
  }

  button.addEventListener("click", () => (toggle.checked ? closeDrawer() : openDrawer()));
  if (closer) closer.addEventListener("click", closeDrawer);

  // Any other change of the drawer (the overlay, Material closing it after a link): keep in step,
  // and give the focus back to the button if it was left in the closed drawer.
  toggle.addEventListener("change", () => {
    const wasInside = drawer.contains(document.activeElement) || document.activeElement === document.body;
    sync();
    if (!toggle.checked && wasInside && asDrawer.matches) button.focus({ preventScroll: true });
  });

  // A submenu opened or closed (a label clicked, Enter or Space): focus into it, or back to
  // the label that opened it.
  root.addEventListener("change", (event) => {
    const box = event.target;
    if (!box.matches(".md-toggle") || !asDrawer.matches || !toggle.checked) return;
    sync();
    const menu = submenuOf(box);
    if (box.checked && menu) {
      // preventScroll: the submenu is still sliding in; scrolling to it now would shift the drawer.
      const target = firstFocusable(menu) || menu.querySelector(":scope > .md-nav__title[tabindex]");
      if (target) target.focus({ preventScroll: true });
    } else {
      const opener = box.parentElement.querySelector(`[for="${CSS.escape(box.id)}"][tabindex='0']:not(.md-nav__title)`);
      if (opener) opener.focus({ preventScroll: true });
    }
  });

  // Space on a focused label opens its submenu, as Enter does (Material handles Enter).
  root.addEventListener("keydown", (event) => {
    if (event.key === " " && event.target.matches("label[for][tabindex]")) {
      event.preventDefault();
      event.target.click();
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.checked && asDrawer.matches) {
      event.preventDefault();
      closeDrawer();
    }
  });

  // A page restored from the browser's history comes back closed (the checkboxes carry no
  // autocomplete="off", which is invalid on them: overrides/base.html).
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && toggle.checked) toggle.click();
    sync();
  });
  asDrawer.addEventListener("change", sync);
  sync();

  // The submenu titles (the way back) and the current page's table-of-contents entry become Tab
  // stops only now: Material's script, which ran first, sets up every `label[tabindex]` with a
  // click handler that needs the label's id, and these labels have none.
  document.addEventListener("DOMContentLoaded", () => {
    for (const label of root.querySelectorAll("[data-shell-focusable]")) label.tabIndex = 0;
  });
})();
