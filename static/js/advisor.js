// Screen changes everyone can follow (htmx swaps). A new screen or a new track:
// its heading takes the focus and one polite live region says where the person
// is (htmx itself takes the <title> a partial response carries). An in-place
// update (a form marked data-in-place, such as a step's progress buttons): the
// focus goes back to the control that was pressed. No inline script: this file only.
(function () {
  "use strict";

  // One polite live region (#announcer) says what changed: every part below speaks through it.
  function announce(text) {
    var region = document.getElementById("announcer");
    if (!region || !text) return;
    region.textContent = "";
    // Set after a tick, so that screen readers announce the same words twice too.
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  (function () {
    "use strict";
    var pressed = null;

    function focusOn(element) {
      if (!element) return false;
      if (!element.matches("a, button, input, select, textarea") && !element.hasAttribute("tabindex")) {
        element.setAttribute("tabindex", "-1");
      }
      element.focus();
      return document.activeElement === element;
    }

    document.addEventListener("htmx:beforeRequest", function (event) {
      var form = event.detail.elt && event.detail.elt.closest("form[data-in-place]");
      var control = document.activeElement;
      pressed = form && control && control.form === form
        ? { action: form.getAttribute("action"), value: control.value }
        : null;
    });

    document.addEventListener("htmx:afterSettle", function (event) {
      var target = event.detail.target;
      if (!target) return;
      var swapped = (target.id && document.getElementById(target.id)) || target;
      if (pressed) {
        var selector = 'form[action="' + pressed.action + '"] button[value="' + pressed.value + '"]';
        // Kept until the next request: an out-of-band swap in the same response settles again.
        if (focusOn(document.querySelector(selector))) return;
      }
      // An error summary first: it names what still needs an answer; then the new heading.
      var heading = null;
      ["[data-focus-first]", "#detail-heading", "h1", "h2"].some(function (selector) {
        heading = swapped.querySelector(selector);
        return heading !== null;
      });
      if (focusOn(heading)) announce(swapped.getAttribute("data-announce") || heading.textContent.trim());
    });
  })();

  // Links to copy (a report's private and read-only links). Without JavaScript the
  // field is still there to select by hand; with it, a click selects the whole link
  // and the Copy button (hidden in the markup) appears. The result is said in the
  // same polite live region, and shown on the button for a moment.
  (function () {
    "use strict";

    function selectAll(input) {
      input.focus();
      input.select();
      input.setSelectionRange(0, input.value.length);
    }

    // The old way, for browsers without the asynchronous clipboard (or outside HTTPS).
    function copyBySelection(input) {
      selectAll(input);
      try {
        return document.execCommand("copy");
      } catch (error) {
        return false;
      }
    }

    function copied(button, ok) {
      announce(button.getAttribute(ok ? "data-copied" : "data-copy-failed"));
      if (!ok) return;
      var label = button.getAttribute("data-label") || button.textContent;
      button.setAttribute("data-label", label);
      button.textContent = button.getAttribute("data-copied");
      window.clearTimeout(button._restore);
      button._restore = window.setTimeout(function () { button.textContent = label; }, 2000);
    }

    function copy(button) {
      var input = document.getElementById(button.getAttribute("data-copy"));
      if (!input) return;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(
          function () { copied(button, true); },
          function () { copied(button, copyBySelection(input)); }
        );
      } else {
        copied(button, copyBySelection(input));
      }
    }

    function enhance(root) {
      root.querySelectorAll("button[data-copy][hidden]").forEach(function (button) {
        button.hidden = false;
      });
    }

    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button[data-copy]");
      if (button) {
        copy(button);
        return;
      }
      var input = event.target.closest && event.target.closest("input[data-select-on-focus]");
      if (input) selectAll(input);
    });
    document.addEventListener("focusin", function (event) {
      if (event.target.matches && event.target.matches("input[data-select-on-focus]")) event.target.select();
    });
    document.addEventListener("htmx:afterSettle", function (event) { enhance(event.detail.target || document); });
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { enhance(document); });
    } else {
      enhance(document);
    }
  })();

  // The paper pages (print view, one-page summary): a Print button, since a phone has
  // no Ctrl+P. Hidden in the markup and shown here, in place of the sentence that
  // tells people without JavaScript how to print.
  (function () {
    "use strict";

    function enhance() {
      document.querySelectorAll("button[data-print][hidden]").forEach(function (button) {
        button.hidden = false;
      });
      document.querySelectorAll("[data-without-script]").forEach(function (element) {
        element.hidden = true;
      });
    }

    document.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("button[data-print]")) window.print();
    });
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", enhance);
    } else {
      enhance();
    }
  })();
})();
