/* Charts of the council dashboards, drawn with Chart.js from the JSON of /api/v1/dashboard/.
 *
 * Each page renders its numbers as tables; this script adds the charts. The root element carries the API URL
 * (data-dashboard-api, data-statistics-api, data-priority-api or data-compare-api) and the translated labels
 * (data-label-*). Charts are drawn once the JSON arrives; a failure leaves the tables as they are.
 */
(function () {
  "use strict";

  var STATUS_COLOURS = {
    on_track: "#198754",
    at_risk: "#d39e00",
    off_track: "#dc3545",
    no_data: "#adb5bd",
  };
  var PALETTE = ["#0b4f8a", "#d9480f", "#2b8a3e", "#862e9c", "#c92a2a", "#1098ad", "#5c940d", "#e67700", "#495057"];

  function num(value) {
    return value === null || value === undefined || value === "" ? null : Number(value);
  }

  function label(root, key, fallback) {
    return (root && root.dataset["label" + key.charAt(0).toUpperCase() + key.slice(1)]) || fallback;
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (r) {
      if (!r.ok) {
        throw new Error(url + " answered " + r.status);
      }
      return r.json();
    });
  }

  function baseOptions(small) {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: !small, position: "bottom" } },
      scales: { x: { ticks: { font: { size: small ? 9 : 12 } } }, y: { display: !small, beginAtZero: false } },
    };
  }

  /* An indicator: measured values (points coloured by status) and the target line, dashed. */
  function indicatorChart(canvas, indicator, root, small) {
    var years = indicator.years.map(function (y) { return y.year; });
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: years,
        datasets: [
          {
            label: label(root, "value", "Value"),
            data: indicator.years.map(function (y) { return num(y.value); }),
            borderColor: "#0b4f8a",
            backgroundColor: "#0b4f8a",
            pointBackgroundColor: indicator.years.map(function (y) { return STATUS_COLOURS[y.status]; }),
            pointRadius: indicator.years.map(function (y) { return y.year === indicator.year ? 5 : 3; }),
            spanGaps: true,
          },
          {
            label: label(root, "target", "Target"),
            data: indicator.years.map(function (y) { return num(y.target); }),
            borderColor: "#6c757d",
            borderDash: [5, 4],
            pointRadius: 0,
            spanGaps: true,
          },
        ],
      },
      options: baseOptions(small),
    });
  }

  function drawDashboard(root, data) {
    var byId = {};
    data.priorities.forEach(function (p) {
      p.indicators.forEach(function (i) { byId[i.id] = i; });
    });
    (data.plan_indicators || []).forEach(function (i) { byId[i.id] = i; });
    root.querySelectorAll("canvas.indicator-chart").forEach(function (canvas) {
      var indicator = byId[canvas.dataset.indicator];
      if (indicator) {
        indicatorChart(canvas, indicator, root, true);
      }
    });
    var rollup = document.getElementById("chart-rollup");
    if (rollup) {
      var statuses = ["on_track", "at_risk", "off_track", "no_data"];
      new Chart(rollup, {
        type: "bar",
        data: {
          labels: data.domains.map(function (d) { return d.code || d.name || "–"; }),
          datasets: statuses.map(function (s) {
            return {
              label: label(root, s, s),
              data: data.domains.map(function (d) { return d.rollup[s]; }),
              backgroundColor: STATUS_COLOURS[s],
            };
          }),
        },
        options: Object.assign(baseOptions(false), {
          indexAxis: "y",
          scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } },
        }),
      });
    }
  }

  function drawPriority(root, data) {
    var byId = {};
    data.indicators.forEach(function (i) { byId[i.id] = i; });
    root.querySelectorAll("canvas.indicator-chart").forEach(function (canvas) {
      var indicator = byId[canvas.dataset.indicator];
      if (indicator) {
        indicatorChart(canvas, indicator, root, false);
      }
    });
  }

  function lineChart(canvas, years, series, options) {
    if (!canvas) {
      return null;
    }
    return new Chart(canvas, {
      type: (options && options.type) || "line",
      data: {
        labels: years,
        datasets: series.map(function (s, n) {
          var colour = s.colour || PALETTE[n % PALETTE.length];
          return {
            label: s.label,
            data: years.map(function (y) { return num(s.values[y]); }),
            borderColor: colour,
            backgroundColor: colour,
            borderDash: s.dashed ? [5, 4] : [],
            spanGaps: true,
          };
        }),
      },
      options: baseOptions(false),
    });
  }

  function pointsByYear(points, field) {
    var out = {};
    points.forEach(function (p) { out[p.year] = p[field || "value"]; });
    return out;
  }

  function drawStatistics(root, data) {
    function lines(table) {
      return table.series.map(function (s) { return { label: s.label, values: pointsByYear(s.points) }; });
    }
    lineChart(document.getElementById("chart-crime"), data.crime.years, lines(data.crime));
    lineChart(document.getElementById("chart-accidents"), data.accidents.years, lines(data.accidents));
    lineChart(document.getElementById("chart-victims"), data.victims.years, lines(data.victims));
    data.surveys.forEach(function (table, n) {
      var chart = document.getElementById("chart-survey-" + n);
      if (chart) { lineChart(chart, table.years, lines(table), { type: "bar" }); }
    });
    var staff = document.getElementById("chart-staff");
    if (staff && data.staff.lines.length) {
      var labels = data.staff.lines.map(function (l) { return l.label; });
      new Chart(staff, {
        type: "bar",
        data: {
          labels: labels,
          datasets: [
            { label: label(root, "actual", "Actual"), data: data.staff.lines.map(function (l) { return num(l.actual); }), backgroundColor: PALETTE[0] },
            { label: label(root, "fte", "FTE"), data: data.staff.lines.map(function (l) { return num(l.fte); }), backgroundColor: PALETTE[1] },
            { label: label(root, "authorised", "Authorised"), data: data.staff.lines.map(function (l) { return num(l.authorised); }), backgroundColor: PALETTE[2] },
          ],
        },
        options: baseOptions(false),
      });
    }
    // The financial plan: per category the total of its lines (computed), per year and kind; no balance.
    var finance = document.getElementById("chart-finance");
    if (finance && data.finance.columns.length) {
      new Chart(finance, {
        type: "bar",
        data: {
          labels: data.finance.columns.map(function (c) { return c.year + " " + c.kind_label; }),
          datasets: data.finance.categories.map(function (c, i) {
            return { label: c.label, data: c.totals.map(function (t) { return num(t.value); }), backgroundColor: PALETTE[i % PALETTE.length] };
          }),
        },
        options: baseOptions(false),
      });
    }
  }

  function drawComparison(root, data) {
    lineChart(
      document.getElementById("chart-compare"),
      data.years,
      data.zones.map(function (z) {
        var values = {};
        z.values.forEach(function (c) { values[c.year] = c.value; });
        return { label: z.zone_name, values: values };
      })
    );
  }

  function run(attribute, draw) {
    document.querySelectorAll("[" + attribute + "]").forEach(function (root) {
      var url = root.getAttribute(attribute);
      getJSON(url)
        .then(function (data) {
          draw(root, data);
          root.dataset.chartsReady = "true";
        })
        .catch(function (error) {
          root.dataset.chartsReady = "failed";
          if (window.console) {
            console.warn("Charts not drawn:", error);
          }
        });
    });
  }

  /* Filters apply as soon as they change (the button stays for keyboard users and without JavaScript). */
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function () { form.submit(); });
  });

  if (typeof Chart === "undefined") {
    return;
  }
  run("data-dashboard-api", drawDashboard);
  run("data-priority-api", drawPriority);
  run("data-statistics-api", drawStatistics);
  run("data-compare-api", drawComparison);
})();
