"""The newsgraph explorer: `newsgraph app` (or `streamlit run app.py`).

This file only declares the pages; each page in app_pages/ holds its UI and reads the graph through
queries/explore.py. (Not `pages/`: Streamlit treats a folder of that name beside the entry script as the old
multipage layout and then never runs this file, so st.navigation, the page titles and the shared
connection check would be skipped.) The settings and the Neo4j driver are created once per server (st.cache_resource)
in app_pages/common.py; the driver is re-checked at every use so the app recovers when Neo4j comes back. The
embedding model starts loading in a background thread once the first page is drawn, once per server.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import streamlit as st

# `streamlit run` puts this folder on sys.path; a run from elsewhere (tests, `python -m`) may not.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from app_pages.common import PAGES, reader, warm_up_embedder

# Neo4j's hints ("label not in the database yet") would flood the server log of a young graph.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

st.set_page_config(page_title="newsgraph explorer", page_icon=":material/hub:", layout="wide")

navigation = st.navigation(
    {
        "Explore": [
            st.Page(PAGES["overview"], title="Overview", icon=":material/home:", url_path="overview", default=True),
            st.Page(PAGES["search"], title="Search", icon=":material/search:", url_path="search"),
            st.Page(PAGES["statements"], title="Who said what", icon=":material/format_quote:", url_path="statements"),
            st.Page(PAGES["quote-trail"], title="Quote trail", icon=":material/route:", url_path="quote-trail"),
            st.Page(PAGES["timeline"], title="Timeline", icon=":material/timeline:", url_path="timeline"),
            st.Page(PAGES["entity"], title="Entity profile", icon=":material/person:", url_path="entity"),
            st.Page(PAGES["graph"], title="Graph", icon=":material/hub:", url_path="graph"),
            st.Page(PAGES["article"], title="Article reader", icon=":material/article:", url_path="article"),
        ],
        "Work": [
            st.Page(PAGES["cypher"], title="Cypher console", icon=":material/terminal:", url_path="cypher"),
            st.Page(PAGES["ingest"], title="Ingest", icon=":material/download:", url_path="ingest"),
            st.Page(PAGES["audit"], title="Audit", icon=":material/fact_check:", url_path="audit"),
            st.Page(PAGES["merges"], title="Merge suggestions", icon=":material/merge:", url_path="merges"),
        ],
    }
)
with st.sidebar:
    st.caption("newsgraph — who said what, when, with the source for every fact.")
reader()  # a clear message instead of a page when Neo4j is down
try:
    navigation.run()
finally:
    # Once the page is drawn (also when it stopped early), the embedding model starts loading in the background,
    # so the first search by meaning finds it loaded; started before, its imports slowed the first page by ~1.5 s.
    warm_up_embedder()
