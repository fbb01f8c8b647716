/* Keeps keyboard and screen-reader users with htmx's partial updates.
 *
 * - Announcing: what a swap brings in and marks with data-announce (the coverage after a save, the
 *   number of interventions a filter shows) is read out through the page's one live region,
 *   #live-status in base.html. A live region that is itself swapped in is not read reliably.
 * - Focus: a swapped-in form or message takes focus itself (autofocus; htmx honours it). When a swap
 *   removes the element that had focus and brings nothing to focus (e.g. "Fortryd" closes a form),
 *   focus goes back to the link that opened that part of the page, or else to the main content.
 *   Links that htmx replaces with themselves carry an id, so htmx keeps their focus.
 * No inline scripts: the page's CSP allows only files like this one. */
(function () {
  "use strict";

  var opener = null; // the element outside a swap target that last filled it, e.g. "Ny indsats"

  var pending = []; // what swaps settling together said: read out as one message
  var timer = null;

  function announce(root) {
    var parts = [];
    if (root.matches && root.matches("[data-announce]")) {
      parts.push(root);
    }
    if (root.querySelectorAll) {
      root.querySelectorAll("[data-announce]").forEach(function (element) {
        parts.push(element);
      });
    }
    var text = parts.map(function (element) {
      return element.textContent.replace(/\s+/g, " ").trim();
    }).join(" ");
    var region = document.getElementById("live-status");
    if (!text || !region) {
      return;
    }
    pending.push(text);
    if (timer !== null) {
      return;
    }
    // Emptied first, so the same words (the same count after another filter) are read again.
    region.textContent = "";
    timer = window.setTimeout(function () {
      region.textContent = pending.join(" ");
      pending = [];
      timer = null;
    }, 150);
  }

  function focusLost() {
    var active = document.activeElement;
    return !active || active === document.body || !document.documentElement.contains(active);
  }

  function restoreFocus() {
    if (!focusLost()) {
      return;
    }
    var back = opener && document.documentElement.contains(opener) ? opener : document.getElementById("main");
    if (back) {
      back.focus();
    }
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    var trigger = event.detail.elt;
    if (target && trigger && trigger.focus && !target.contains(trigger)) {
      opener = trigger;
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    // Only when the swap takes away the element that has focus (not, say, a status that polls while
    // the user reads elsewhere); checked after the swap has settled and htmx has moved focus to any
    // [autofocus] it brought.
    var target = event.detail.target;
    var active = document.activeElement;
    if (target && active && active !== document.body && target.contains(active)) {
      window.setTimeout(restoreFocus, 150);
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    announce(event.target);
  });
})();
