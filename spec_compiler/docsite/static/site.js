// spec-compiler docs: progressive enhancement only; every page works without it.
(function () {
  "use strict";

  function setupFilter() {
    var box = document.querySelector(".filter");
    var input = document.getElementById("spec-filter");
    if (!box || !input) { return; }
    var rows = Array.prototype.slice.call(document.querySelectorAll(".spec-row"));
    var count = box.querySelector(".filter-count");
    box.hidden = false;
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.getAttribute("data-search") || "";
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      if (count) { count.textContent = shown + " of " + rows.length + " shown"; }
    }
    input.addEventListener("input", apply);
    apply();
  }

  function copyText(text, button) {
    function done(label) {
      button.textContent = label;
      window.setTimeout(function () { button.textContent = "Copy JSON"; }, 1500);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done("Copied"); },
        function () { done("Copy failed"); });
      return;
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    done(ok ? "Copied" : "Copy failed");
  }

  function setupCopy() {
    document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-copy"));
      if (!target) { return; }
      button.hidden = false;
      button.addEventListener("click", function () { copyText(target.textContent, button); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupFilter();
    setupCopy();
  });
}());
