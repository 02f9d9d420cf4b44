"""The baseline of the slider benchmark: a bare Streamlit app with one slider and one text.

It carries the same containers the benchmark watches on the Weights page (``w_cr`` and an
``sc-index`` text inside ``w_live``), so that ``bench.browser_bench`` measures both apps the same way:
key press on the slider -> both texts changed on screen.
"""

import streamlit as st

value = st.select_slider("judgment", options=list(range(-8, 9)), value=0, key="bare")
with st.container(key="w_cr"):
    st.markdown(f"CR {value}")
with st.container(key="w_live"):
    st.html(f'<div class="sc-index">{value}</div>')
