// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // On a phone, unused filters fold away behind a "Filters" button (open without JavaScript).
  if (window.matchMedia("(max-width: 767.98px)").matches) {
    document.querySelectorAll("details.filter-fold:not([data-bound])").forEach(function (el) { el.removeAttribute("open"); });
  }
  // On a phone the main menu starts folded (without JavaScript it stays open).
  if (window.matchMedia("(max-width: 1199.98px)").matches) {
    document.querySelectorAll("details.nav-fold").forEach(function (el) { el.removeAttribute("open"); });
  }
  // Messages can be dismissed.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-dismiss-alert]");
    if (button) button.closest(".alert").remove();
  });
  // A <details> menu closes when the person clicks elsewhere or presses Escape.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.user-menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.user-menu[open]").forEach(function (menu) {
      menu.removeAttribute("open");
      menu.querySelector("summary").focus();
    });
  });
  // No inline handlers (the Content-Security-Policy forbids them): the attributes below say what to do.
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
  });
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
  // Searchable selects (Tom Select) where the page loaded it; the plain select stays without it.
  if (window.TomSelect) {
    document.querySelectorAll("select[data-searchable]").forEach(function (el) {
      new TomSelect(el, { plugins: el.multiple ? ["remove_button"] : [], maxOptions: null, allowEmptyOption: true });
      // Tom Select's own input now carries the label; the original select only holds the value.
      el.setAttribute("aria-hidden", "true");
      el.setAttribute("tabindex", "-1");
    });
  }
})();
