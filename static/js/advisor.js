// Screen changes everyone can follow (htmx swaps). A new screen or a new track:
// its heading takes the focus and one polite live region says where the person
// is (htmx itself takes the <title> a partial response carries). An in-place
// update (a form marked data-in-place, such as a step's progress buttons): the
// focus goes back to the control that was pressed. No inline script: this file only.
(function () {
  "use strict";
  var pressed = null;

  function announce(text) {
    var region = document.getElementById("announcer");
    if (!region || !text) return;
    region.textContent = "";
    // Set after a tick, so that screen readers announce the same words twice too.
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

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
      var again = document.querySelector(selector);
      pressed = null;
      if (focusOn(again)) return;
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
