"""The cascade page (AppTest): the tree, a red office KPI down to the employees, a person's chain, uploads."""

from __future__ import annotations

import pytest

from scorecard.io.cascade_demo import demo_tree
from scorecard.store.storage import Store
from scorecard.store.tree_store import TreeStore
from tests.conftest import no_exception, open_page, texts


@pytest.fixture(autouse=True)
def _own_db(tmp_path, monkeypatch):
    monkeypatch.setenv("SCORECARD_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")


def _html(at) -> str:
    return "\n".join(str(h.proto.body) for h in at.get("html"))


def _tree(at) -> str:
    (tree,) = [str(h.proto.body) for h in at.get("html") if 'class="sc-tree"' in str(h.proto.body)]
    return tree


def test_page_shows_the_story_of_the_shipped_example():
    at = open_page("pages/cascade.py", "en")
    body = texts(at) + _html(at)
    assert "Cascade: performance tree" in body
    assert "index <b>4.74</b>" in body  # office index
    # the red office KPI first, and what is beneath it: CAPIL red, its employees
    assert at.selectbox(key="cascade_kpi").value == "K1"
    assert "Pulled down by: CAPIL c1" in body
    for name in ("Maya Sari", "Dewi Lestari", "Rudi Hartono", "Andi Pratama"):
        assert name in body
    assert "■ Red" in body and "K1 Civil documents issued" in body
    # computed values marked with their sources one click away
    assert "**K1** = sum (2/2) = **47,000**: DAFDUK/d1 39,000, CAPIL/c1 8,000" in body
    assert "`CAPIL/c3`" in body and "`DINAS/K4`" in body  # alignment checks
    # the tree is light HTML (no plotly.js), collapsed to the units, the red unit first under the office
    assert not at.get("plotly_chart")
    tree = _tree(at)
    assert tree.index('data-id="u:DINAS"') < tree.index('data-id="u:CAPIL"') < tree.index('data-id="u:DAFDUK"')
    assert 'data-id="k:CAPIL:c1"' not in tree


def test_expanding_a_unit_and_following_a_person_up(tmp_path):
    at = open_page("pages/cascade.py", "en")
    at.multiselect(key="cascade_expand").set_value(["CAPIL"]).run()
    no_exception(at)
    assert not at.get("plotly_chart")
    tree = _tree(at)
    assert 'data-id="k:CAPIL:c1"' in tree and 'data-id="e:CAPIL:c1:199205052015022006:1"' in tree
    assert 'data-id="k:DAFDUK:d1"' not in tree  # only the expanded unit
    at.selectbox(key="cascade_unit").set_value("CAPIL").run()
    at.selectbox(key="cascade_person").set_value("199205052015022006").run()  # Maya Sari
    no_exception(at)
    chains = [str(h.proto.body) for h in at.get("html") if "<div class='cz-chain'>" in str(h.proto.body)]
    assert len(chains) == 2  # her two SKP rows: documents (sum into c1) and timeliness (aligned with c2)
    first = chains[0]
    assert first.index("1 Jumlah dokumen diterbitkan") < first.index("c1 Civil certificates issued")
    assert first.index("c1 Civil certificates issued") < first.index("K1 Civil documents issued") < first.index(
        "S1 Better civil registration services")


def test_indonesian_page():
    at = open_page("pages/cascade.py", "id")
    body = texts(at) + _html(at)
    assert "Kaskade: pohon kinerja" in body and "Ditarik turun oleh: CAPIL c1" in body and "■ Merah" in body
    assert not at.get("plotly_chart")
    assert "Realisasi / target" in _tree(at) and "<b>CAPIL</b>" in _tree(at)
    assert any("buka unit dengan pilihan di atas" in c.value for c in at.caption)


def test_earlier_period_and_unit_view():
    at = open_page("pages/cascade.py", "en")
    at.selectbox(key="cascade_period").set_value("2023").run()
    no_exception(at)
    assert "2023" in _html(at)


def test_tree_link_opens_the_stored_tree_with_its_rights(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'app.sqlite'}")
    store.migrate()
    tree = demo_tree()
    tree.unit("CAPIL").name_en = "Civil records (stored)"
    _, office = TreeStore(store).create_tree(tree, "kepala")
    view = TreeStore(store).share(office, "CAPIL", "view", "publik", "kepala")
    store.dispose()
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APPTEST_TIMEOUT, ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APPTEST_TIMEOUT)
    at.session_state["lang"] = "en"
    at.query_params["tt"] = view
    at.run()
    at.switch_page("pages/cascade.py").run()
    no_exception(at)
    assert at.selectbox(key="cascade_unit").options == ["CAPIL — Civil records (stored)"]
    assert "Opened with a view link for unit CAPIL." in texts(at)


def test_storing_the_tree_and_handing_out_a_unit_link(tmp_path):
    at = open_page("pages/cascade.py", "en")
    at.button(key="cascade_store").click().run()
    no_exception(at)
    token = at.query_params["tt"]
    token = token[0] if isinstance(token, list) else token
    assert "Opened with an edit link for unit DINAS." in texts(at)
    at.selectbox(key="cascade_share_unit").set_value("CAPIL").run()
    at.selectbox(key="cascade_share_role").set_value("edit").run()
    at.text_input(key="cascade_share_label").input("Kabid Capil").run()
    at.button(key="cascade_share").click().run()
    no_exception(at)
    link = at.code[0].value
    assert link.startswith("/cascade?tt=")
    store = Store(f"sqlite:///{tmp_path / 'app.sqlite'}")
    trees = TreeStore(store)
    grant = trees.grant(link.split("=", 1)[1])
    assert (grant.unit, grant.role, grant.label) == ("CAPIL", "edit", "Kabid Capil")
    assert {c.target.split(":")[0] for c in trees.changes(token)} >= {"tree Disdukcapil Kabupaten Contoh",
                                                                      "edit link for CAPIL"}
    store.dispose()


def _upload_script():
    import os

    import streamlit as st

    from scorecard.ui import cascade_view as cv

    cv.current()
    unit = os.environ["CASCADE_TEST_UNIT"] or None
    with open(os.environ["CASCADE_TEST_FILE"], "rb") as fh:
        ok, text = cv.apply_upload(fh.read(), "upload.xlsx", unit)
    st.markdown(f"{'OK' if ok else 'REFUSED'}: {text}")


def test_a_unit_editor_uploads_their_own_unit_but_not_another(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from scorecard.io.writer import write_workbook

    store = Store(f"sqlite:///{tmp_path / 'app.sqlite'}")
    store.migrate()
    trees = TreeStore(store)
    _, office = trees.create_tree(demo_tree(), "kepala")
    capil = trees.share(office, "CAPIL", "edit", "Kabid Capil", "kepala")
    outcomes = {}
    for unit in ("CAPIL", "DAFDUK"):
        sc = demo_tree().unit(unit).scorecard
        sc.measurements[-1].actual = 11.0
        path = tmp_path / f"{unit}.xlsx"
        path.write_bytes(write_workbook(sc))
        monkeypatch.setenv("CASCADE_TEST_UNIT", unit)
        monkeypatch.setenv("CASCADE_TEST_FILE", str(path))
        at = AppTest.from_function(_upload_script, default_timeout=60)
        at.query_params["tt"] = capil
        at.run()
        no_exception(at)
        outcomes[unit] = at.markdown[0].value
    assert outcomes["CAPIL"].startswith("OK")
    assert outcomes["DAFDUK"].startswith("REFUSED") and 'not "DAFDUK"' in outcomes["DAFDUK"]
    stored = trees.load(office)
    assert stored.revision == 2
    assert stored.tree.unit("CAPIL").scorecard.measurements[-1].actual == 11.0
    assert stored.tree.unit("DAFDUK").scorecard.measurements[-1].actual != 11.0
    assert [c.kind for c in trees.changes(office)][-1] == "upload"
    store.dispose()
