/* Search over labels: suggestions under the search box on every page, and filtering on the
   search page. Reads window.IMVO_SEARCH (search-index.js), so it works from file:// too. */
(function () {
  "use strict";
  var body = document.body;
  var root = body.getAttribute("data-root") || "";
  var lang = body.getAttribute("data-lang") || "nl";
  var defaultLang = body.getAttribute("data-default-lang") || "nl";
  var entries = (window.IMVO_SEARCH && window.IMVO_SEARCH.entries) || [];

  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function pageOf(entry) {
    var name = lang === defaultLang ? "index.html" : "index." + lang + ".html";
    return root + entry.path + "/" + name + (entry.fragment ? "#" + entry.fragment : "");
  }
  function matches(query) {
    var q = fold(query).trim();
    if (!q) { return []; }
    var label = function (e) { return fold(e[lang] || e.nl || e.en); };
    var rank = function (e) {  // the label that starts with the query first, then the shorter
      var text = label(e);
      return [text.indexOf(q) === 0 ? 0 : text.indexOf(q) >= 0 ? 1 : 2, text.length];
    };
    return entries.filter(function (e) {
      return fold(e.nl).indexOf(q) >= 0 || fold(e.en).indexOf(q) >= 0;
    }).sort(function (a, b) {
      var x = rank(a), y = rank(b);
      return x[0] - y[0] || x[1] - y[1];
    });
  }

  var input = document.getElementById("site-search");
  var list = document.getElementById("search-suggestions");
  if (input && list) {
    input.addEventListener("input", function () {
      var found = matches(input.value).slice(0, 10);
      list.textContent = "";
      found.forEach(function (e) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = pageOf(e);
        a.textContent = e[lang] || e.nl || e.en;
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = found.length === 0;
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { list.hidden = true; }
      if (event.key === "ArrowDown" && !list.hidden && list.firstChild) {
        event.preventDefault();
        list.firstChild.firstChild.focus();
      }
    });
    list.addEventListener("keydown", function (event) {  // arrows move through the suggestions
      var item = document.activeElement && document.activeElement.parentNode;
      if (!item || item.parentNode !== list) { return; }
      if (event.key === "ArrowDown" && item.nextSibling) {
        event.preventDefault();
        item.nextSibling.firstChild.focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        (item.previousSibling ? item.previousSibling.firstChild : input).focus();
      } else if (event.key === "Escape") {
        list.hidden = true;
        input.focus();
      }
    });
  }

  var results = document.getElementById("search-results");
  if (results) {
    var params = new URLSearchParams(window.location.search);
    var query = params.get("q") || "";
    if (input) { input.value = query; }
    var status = document.getElementById("search-status");
    var none = document.getElementById("search-none");
    var q = fold(query).trim();
    var shown = 0;
    Array.prototype.forEach.call(results.children, function (li) {
      var hit = !q || fold(li.getAttribute("data-label")).indexOf(q) >= 0;
      li.hidden = !hit;
      if (hit) { shown += 1; }
    });
    if (q && status) {
      status.textContent = (status.getAttribute("data-template") || "{n}").replace("{n}", String(shown));
    }
    if (none) { none.hidden = shown > 0; }
  }
})();
