/* Draws every chart on the page: an element with data-chart="<id>" gets the plotly figure stored in
 * the <script type="application/json" id="<id>"> that Django's json_script wrote. Charts that htmx
 * swaps in are drawn after the swap; going back reloads a page with charts (chart.html, base.html).
 * No inline scripts: the page's CSP allows only this file. */
(function () {
  "use strict";

  var config = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
  };

  function draw(root) {
    if (!window.Plotly) {
      return;
    }
    root.querySelectorAll("[data-chart]:not([data-chart-drawn])").forEach(function (element) {
      var source = document.getElementById(element.getAttribute("data-chart"));
      if (!source) {
        return;
      }
      var figure = JSON.parse(source.textContent);
      element.setAttribute("data-chart-drawn", "");
      element.textContent = "";
      window.Plotly.newPlot(element, figure.data, figure.layout, config);
    });
  }

  function drawAll() {
    draw(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
  document.addEventListener("htmx:afterSettle", drawAll);
})();
