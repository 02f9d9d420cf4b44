"""Pure plotly figure builders for the app's pages (no Streamlit here).

* :mod:`scorecard.charts.map` - the strategy map (objectives in perspective bands, cause -> effect
  arrows drawn as annotations so that they survive PNG / SVG / HTML export).
* :mod:`scorecard.charts.heatmap` - the KPI x period traffic-light heatmap, the index trend with
  light bands, the "why the index moved" waterfall and small table builders (OMAX scale, KPIs
  that need action).

Builders take a scorecard and scores, a language ("en" / "id") and a font size, and return a
``plotly.graph_objects.Figure`` (or plain rows); colours, shapes and words of lights come from
:mod:`scorecard.method.lights` only, and colour is never the only signal.
"""
