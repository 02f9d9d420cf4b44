"""Storage: the database schema and migrations, scorecards as JSON, the audit log, workspaces and live
workshops. Imports the base layer, io and method. No Streamlit, no plotly.
"""
