/* Draws every chart on the page: an element with data-chart="<id>" gets the plotly figure stored in
 * the <script type="application/json" id="<id>"> that Django's json_script wrote. Charts that htmx
 * swaps in are drawn after the swap; going back reloads a page with charts (chart.html, base.html).
 * No inline scripts: the page's CSP allows only this file. */
(function () {
  "use strict";

  // plotly's buttons and messages in Danish, like the rest of the page.
  var DANISH = {
    moduleType: "locale",
    name: "da",
    dictionary: {
      "Download plot as a PNG": "Hent diagrammet som PNG",
      "Download plot": "Hent diagrammet",
      "Zoom": "Zoom",
      "Pan": "Panorer",
      "Zoom in": "Zoom ind",
      "Zoom out": "Zoom ud",
      "Reset axes": "Nulstil akserne",
      "Autoscale": "Tilpas akserne",
      "Double-click to zoom back out": "Dobbeltklik for at zoome ud igen",
      "Double-click on legend to isolate one trace": "Dobbeltklik på signaturforklaringen for kun at vise én serie",
      "Show closest data on hover": "Vis nærmeste data ved mus over",
      "Compare data on hover": "Sammenlign data ved mus over",
      "Taking snapshot - this may take a few seconds": "Gemmer billedet – det kan tage et par sekunder",
      "Snapshot succeeded": "Billedet er gemt",
      "Sorry, there was a problem downloading your snapshot!": "Billedet kunne ikke hentes."
    },
    format: {
      days: ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
      shortDays: ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
      months: ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
               "november", "december"],
      shortMonths: ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
      date: "%d.%m.%Y",
      decimal: ",",
      thousands: "."
    }
  };

  var config = {
    responsive: true,
    displaylogo: false,
    // plotly.js 4 offers to upload the chart to Plotly's cloud by default: municipal data stays here.
    showSendToCloud: false,
    locale: "da",
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines", "sendChartToCloud"],
  };

  // A screen reader meets the drawn chart as one picture with the chart's title and summary; plotly's
  // other layers are decoration. The buttons stay outside the picture, reachable by keyboard.
  function label(element) {
    element.querySelectorAll("svg.main-svg").forEach(function (svg, index) {
      if (index === 0) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", element.getAttribute("data-label") || "");
      } else {
        svg.setAttribute("aria-hidden", "true");
      }
    });
  }

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
      window.Plotly.newPlot(element, figure.data, figure.layout, config).then(function () {
        label(element);
      });
    });
  }

  function drawAll() {
    if (window.Plotly && !drawAll.registered) {
      window.Plotly.register(DANISH);
      drawAll.registered = true;
    }
    draw(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
  document.addEventListener("htmx:afterSettle", drawAll);
})();
