/* Draws every chart on the page as it comes into view: an element with data-chart="<id>" gets the plotly figure stored in
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

  // A phone (a chart narrower than NARROW px) gets the same figure made to fit: labels on shorter lines,
  // smaller type, every other tick where the ticks are given, room right of the bars for their words, and
  // no button bar over the picture (the numbers download as Excel and CSV under every chart).
  var NARROW = 560;
  var LINE = 20;  // characters per line of a category label on a phone

  function rewrap(label, width) {
    width = width || LINE;
    if (typeof label !== "string") {
      return label;
    }
    var words = label.split("<br>").join(" ").split(" "), lines = [], line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    lines.push(line);
    return lines.join("<br>");
  }

  function fitNarrow(figure) {
    var layout = figure.layout, yCategories = null;
    layout.font = Object.assign({}, layout.font, {size: 11});
    layout.legend = Object.assign({}, layout.legend, {font: {size: 11}});
    figure.data.forEach(function (trace) {
      if (trace.type === "heatmap" || !Array.isArray(trace.y) || typeof trace.y[0] !== "string") {
        return;
      }
      if (!yCategories) {
        yCategories = (layout.yaxis && layout.yaxis.categoryarray) || trace.y;
      }
      trace.y = trace.y.map(function (label) { return rewrap(label); });
      if (trace.mode === "text" && trace.cliponaxis === false && layout.xaxis && layout.xaxis.range) {
        // The words right of the bars go into the margin, so the bars keep the plot's whole width.
        layout.margin = Object.assign({}, layout.margin, {r: 100});
        layout.xaxis.range = [layout.xaxis.range[0], Math.min(layout.xaxis.range[1], 100)];
        // plotly drops points outside the range: the words start at its right end, into the margin.
        trace.x = trace.x.map(function () { return layout.xaxis.range[1]; });
        trace.textfont = Object.assign({}, trace.textfont, {size: 11});
      }
    });
    if (yCategories) {
      if (layout.yaxis && layout.yaxis.categoryarray) {
        layout.yaxis.categoryarray = layout.yaxis.categoryarray.map(function (label) { return rewrap(label); });
      }
      // Every row gets the height of the longest label (plotly spaces categories evenly).
      var lines = Math.max.apply(null, yCategories.map(function (label) { return rewrap(label).split("<br>").length; }));
      layout.height = Math.max(layout.height || 0, 110 + yCategories.length * Math.max(34, 13 * lines + 12));
    }
    Object.keys(layout).forEach(function (key) {
      var axis = layout[key];
      if (!/^[xy]axis\d*$/.test(key) || !axis) {
        return;
      }
      axis.tickfont = Object.assign({}, axis.tickfont, {size: 10});
      if (Array.isArray(axis.tickvals) && axis.tickvals.length > 4) {
        var keep = function (value, index) { return index % 2 === 0; };
        axis.tickvals = axis.tickvals.filter(keep);
        if (Array.isArray(axis.ticktext)) {
          axis.ticktext = axis.ticktext.filter(keep);
        }
      } else if (key.charAt(0) === "x" && !axis.tickvals && axis.type !== "category") {
        axis.nticks = 5;
      }
      if (axis.title && axis.title.text && axis.title.text.length > 40) {
        axis.title = Object.assign({}, axis.title, {text: rewrap(axis.title.text, 45), font: {size: 11}});
      }
    });
    return figure;
  }

  // Charts are drawn when they come into view (or just before), one per task: a phone shows the page's words,
  // tables and headline numbers at once instead of waiting for every chart below the fold. plotly.js itself (a
  // second of script on a phone) is fetched only when the first chart comes near: a page read without scrolling to
  // a chart never runs it. A chart in a closed <details> has no box and is drawn when the details are opened.
  var PLOTLY_URL = document.currentScript && document.currentScript.getAttribute("data-plotly");
  var plotlyReady = null;

  function withPlotly(then) {
    if (window.Plotly) {
      if (!withPlotly.registered) {
        window.Plotly.register(DANISH);
        withPlotly.registered = true;
      }
      then();
      return;
    }
    if (!plotlyReady) {
      plotlyReady = [];
      var script = document.createElement("script");
      script.src = PLOTLY_URL;
      script.onload = function () {
        var waiting = plotlyReady;
        plotlyReady = [];
        waiting.forEach(function (callback) { withPlotly(callback); });
      };
      document.head.appendChild(script);
    }
    plotlyReady.push(then);
  }

  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting && entry.target.clientWidth > 0) {
        observer.unobserve(entry.target);
        setTimeout(function () { withPlotly(function () { drawOne(entry.target); }); }, 0);
      }
    });
  }, {rootMargin: "300px 0px"}) : null;

  // A chart with a still picture (data-chart-on-demand, drawn by the server) is made interactive when the reader
  // reaches for it: a pointer over it, a tap, or its button. Until then plotly.js is not even fetched. Once the
  // reader has, the chart htmx swaps in with a new answer (a lever changed) is drawn interactive straight away.
  var interactiveWanted = false;

  function onDemand(element) {
    if (interactiveWanted) {
      withPlotly(function () { drawOne(element); });
      return;
    }
    if (element.hasAttribute("data-chart-waiting")) {
      return;
    }
    element.setAttribute("data-chart-waiting", "");
    var go = function (event) {
      if (event.type === "click" && !event.target.closest("[data-chart-draw]")) {
        return;
      }
      interactiveWanted = true;
      element.removeAttribute("data-chart-waiting");
      ["pointerenter", "touchstart", "click"].forEach(function (type) { element.removeEventListener(type, go); });
      var fromButton = event.type === "click";  // the button goes with the picture: the focus moves to the chart
      withPlotly(function () {
        drawOne(element);
        if (fromButton) {
          element.setAttribute("tabindex", "-1");
          element.focus();
        }
      });
    };
    element.addEventListener("pointerenter", go);
    element.addEventListener("touchstart", go, {passive: true});
    element.addEventListener("click", go);
  }

  function draw(root) {
    root.querySelectorAll("[data-chart]:not([data-chart-drawn])").forEach(function (element) {
      if (element.hasAttribute("data-chart-on-demand")) {
        onDemand(element);
      } else if (observer) {
        observer.observe(element);
      } else {
        withPlotly(function () { drawOne(element); });
      }
    });
  }

  function drawOne(element) {
    if (element.hasAttribute("data-chart-drawn") || !element.isConnected) {
      return;
    }
    var source = document.getElementById(element.getAttribute("data-chart"));
    if (!source) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    var narrow = element.clientWidth > 0 && element.clientWidth < NARROW;
    if (narrow) {
      figure = fitNarrow(figure);
    }
    element.setAttribute("data-chart-drawn", "");
    element.textContent = "";
    var options = narrow ? Object.assign({}, config, {displayModeBar: false}) : config;
    window.Plotly.newPlot(element, figure.data, figure.layout, options).then(function () {
      label(element);
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
