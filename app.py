"""The newsgraph explorer: `newsgraph app` (or `streamlit run app.py`).

This file only declares the pages; each page in pages/ holds its UI and reads the graph through
graph/explore.py. The settings and the Neo4j driver are created once per server (st.cache_resource)
in pages/common.py; the driver is re-checked at every use so the app recovers when Neo4j comes back.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run` puts this folder on sys.path; a run from elsewhere (tests, `python -m`) may not.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages.common import PAGES, reader

st.set_page_config(page_title="newsgraph explorer", page_icon="🕸️", layout="wide")

navigation = st.navigation(
    {
        "Explore": [
            st.Page(PAGES["overview"], title="Overview", icon="🏠", url_path="overview", default=True),
            st.Page(PAGES["search"], title="Search", icon="🔎", url_path="search"),
            st.Page(PAGES["statements"], title="Who said what", icon="💬", url_path="statements"),
            st.Page(PAGES["timeline"], title="Timeline", icon="📈", url_path="timeline"),
            st.Page(PAGES["entity"], title="Entity profile", icon="👤", url_path="entity"),
            st.Page(PAGES["graph"], title="Graph", icon="🕸️", url_path="graph"),
            st.Page(PAGES["article"], title="Article reader", icon="📰", url_path="article"),
        ],
        "Work": [
            st.Page(PAGES["cypher"], title="Cypher console", icon="⌨️", url_path="cypher"),
            st.Page(PAGES["ingest"], title="Ingest", icon="📥", url_path="ingest"),
        ],
    }
)
with st.sidebar:
    st.caption("newsgraph — who said what, when, with the source for every fact.")
reader()  # a clear message instead of a page when Neo4j is down
navigation.run()
