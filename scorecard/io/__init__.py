"""Files in and out: numbers and periods as people type them, upload safety (preflight), the product's
workbook format (format / reader / writer), the demo and the reference case.

Imports only the base layer (model, messages, display). No Streamlit, no plotly.
"""
