"""Figure and picture builders for the app's pages (no Streamlit here).

* :mod:`scorecard.charts.map` - the strategy map's one layout (objectives in perspective bands, ordered to limit
  crossings; cause -> effect arrow routes with their own ports on the box edges) and its texts; no drawing.
* :mod:`scorecard.charts.map_svg` - that map as inline SVG (the Strategy map page, the presenter, "Download SVG":
  no plotly.js, first load, issue #13); :mod:`scorecard.reports.map_picture` draws it with matplotlib (PNG, PDF).
* :mod:`scorecard.charts.heatmap` - the heatmap page's rows and small tables (OMAX scale, KPIs that need
  action), the index trend as light SVG and the "why the index moved" sentence.
* :mod:`scorecard.charts.heat_html` - the KPI x period traffic-light heatmap and the "why the index moved"
  waterfall as light HTML (no plotly.js on the heatmap page: first load, issue #13).
* :mod:`scorecard.charts.scores` - the scale of one KPI as light SVG (Scores page).
* :mod:`scorecard.charts.tree` - the cascade's performance tree as rows of node data (worst first, Σ sources);
  :mod:`scorecard.charts.tree_html` draws them as an indented light HTML table (Cascade page, no plotly.js).

Builders take a scorecard and scores, a language ("en" / "id") and a font size, and return a
``plotly.graph_objects.Figure``, an HTML / SVG string or plain rows; colours, shapes and words of lights
come from :mod:`scorecard.method.lights` only, and colour is never the only signal.
"""
