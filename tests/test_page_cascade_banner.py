"""The cascade page's first impression (AppTest): the shipped example says it is an example, in both languages,
and offers the blank tree workbook and the upload of a filled one; uploading from the banner shows the office's
own tree (and the banner goes); a stored tree link never shows the banner."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from scorecard.io.cascade_demo import demo_tree
from scorecard.io.tree_template import write_tree_template
from scorecard.store.storage import Store
from scorecard.store.tree_store import TreeStore
from tests.conftest import APPTEST_TIMEOUT, ROOT, no_exception, open_page, texts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BANNER_EN = "This is an example tree"
BANNER_ID = "Ini pohon contoh"


@pytest.fixture(autouse=True)
def _own_db(tmp_path, monkeypatch):
    monkeypatch.setenv("SCORECARD_DB_URL", f"sqlite:///{tmp_path / 'app.sqlite'}")


def _labels(at: AppTest) -> list[str]:
    return [b.label for b in at.get("download_button")]


def _one_unit_tree() -> bytes:
    wb = load_workbook(io.BytesIO(write_tree_template(lang="id")))
    wb["Unit kerja"].append(["BAPPEDA", "Bappeda Kabupaten Contoh", "Planning agency", None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("lang", "banner", "download", "uploader"), [
    ("en", BANNER_EN, "1. Download the blank tree workbook", "2. Upload your filled tree workbook (.xlsx)"),
    ("id", BANNER_ID, "1. Unduh buku kerja pohon kosong", "2. Unggah buku kerja pohon yang sudah diisi (.xlsx)"),
])
def test_the_example_says_it_is_one_and_offers_both_ways_to_start(lang, banner, download, uploader):
    at = open_page("pages/cascade.py", lang)
    assert banner in at.main.markdown[0].value  # the first text of the page under its title
    assert download in _labels(at)
    assert at.file_uploader(key="cascade_banner_upload").label == uploader


def test_uploading_a_filled_tree_from_the_banner_shows_it_and_the_banner_goes():
    at = open_page("pages/cascade.py", "en")
    # the blank template as downloaded: refused with the reason, the example stays
    at.file_uploader(key="cascade_banner_upload").set_value(("blank.xlsx", write_tree_template(lang="en"), XLSX))
    at.run()
    no_exception(at)
    assert any("The workbook has no units yet" in e.value for e in at.error)
    assert BANNER_EN in texts(at)
    # with the office typed in: read, the page shows that tree, the banner is gone
    at.file_uploader(key="cascade_banner_upload").set_value(("pohon.xlsx", _one_unit_tree(), XLSX))
    at.run()
    no_exception(at)
    assert "Read: 1 units, 0 SKP rows." in [s.value for s in at.success]
    assert BANNER_EN not in texts(at)
    assert at.selectbox(key="cascade_unit").options == ["BAPPEDA — Planning agency"]
    at.run()  # stays gone on the next run; the message was shown once
    assert BANNER_EN not in texts(at) and "Read: 1 units, 0 SKP rows." not in [s.value for s in at.success]


def test_no_banner_when_a_stored_tree_link_is_open(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'app.sqlite'}")
    store.migrate()
    _, office = TreeStore(store).create_tree(demo_tree(), "kepala")
    store.dispose()
    for lang in ("en", "id"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APPTEST_TIMEOUT)
        at.session_state["lang"] = lang
        at.query_params["tt"] = office
        at.run()
        at.switch_page("pages/cascade.py").run()
        no_exception(at)
        body = texts(at)
        assert ("Opened with an edit link for unit DINAS." if lang == "en" else "Dibuka dengan tautan ubah") in body
        assert BANNER_EN not in body and BANNER_ID not in body
        assert not any(b.startswith(("1. Download", "1. Unduh")) for b in _labels(at))


def test_storing_the_example_turns_the_banner_off():
    at = open_page("pages/cascade.py", "en")
    assert BANNER_EN in texts(at)
    at.button(key="cascade_store").click().run()
    no_exception(at)
    assert "Opened with an edit link for unit DINAS." in texts(at) and BANNER_EN not in texts(at)
