"""The method (METHOD.md): AHP, weights through the hierarchy, OMAX, traffic lights, scoring, what-if.

Pure arithmetic on :mod:`scorecard.model`; imports only the base layer (model, messages, display) and
:mod:`scorecard.io.numbers` for periods. No Streamlit, no plotly, no files.
"""
