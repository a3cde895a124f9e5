"""Overeenstemming: agreement between two coders, across all coders, and between the model and a coder,
over the fragments each side decided; settle disagreements."""

from __future__ import annotations

import streamlit as st

from verhalen.app import pages
from verhalen.ui.agreement_view import (
    coder_pair_section,
    disagreement_section,
    group_section,
    model_section,
)
from verhalen.ui.shell import bench, t

wb = bench()
st.title(t("page_agreement"))
coders = pages.coders(wb)
if len(coders) < 1:
    st.info(t("agr_no_codings"))
else:
    pair = coder_pair_section(wb, coders)
    group_section(wb, coders)
    model_section(wb, coders)
    if pair is not None:
        disagreement_section(wb, *pair)
