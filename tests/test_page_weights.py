"""The Weights (AHP) page with Streamlit's AppTest: a slider release changes the judgment, the CR
and the index; the suggestion is applied only on a click and Undo brings it back; positions
survive page switches; settings, sensitivity and scenarios work; every label follows the language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scorecard.method import ahp
from scorecard.model import ROOT

ROOT_DIR = Path(__file__).resolve().parent.parent
APP = str(ROOT_DIR / "app.py")
PAGE = "pages/weights.py"
TIMEOUT = 60


@pytest.fixture(autouse=True)
def db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'weights-page.sqlite'}"
    monkeypatch.setenv("SCORECARD_DB_URL", url)
    return url


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def weights_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    no_exception(at)
    return at


def key(node: str, a: str, b: str, lang: str = "en") -> str:
    return f"wj|{lang}|{node}|{a}|{b}"


def html_bodies(at: AppTest) -> str:
    return "\n".join(h.body for h in at.html)


def cr_text(at: AppTest) -> str:
    """The CR shown in the node's consistency badge, e.g. '0.057'."""
    m = re.search(r'class="sc-big"><span class="sc-badge"[^>]*>CR ([0-9.,]+)', html_bodies(at))
    assert m, "no CR badge on the page"
    return m.group(1)


def index_text(at: AppTest) -> str:
    m = re.search(r'class="sc-index">([0-9.,]+)', html_bodies(at))
    assert m, "no index card on the page"
    return m.group(1)


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [w.label for w in at.select_slider] + [w.label for w in at.selectbox] + [b.label for b in at.button]
    return "\n".join(parts) + "\n" + html_bodies(at)


def judgment(at: AppTest, node: str, a: str, b: str) -> float:
    pairs = at.session_state["sc"].judgments.get(node, {})
    if (a, b) in pairs:
        return pairs[(a, b)]
    return 1.0 / pairs[(b, a)] if (b, a) in pairs else 1.0


def root_pair(at: AppTest) -> tuple[str, str]:
    kids = at.session_state["sc"].children(ROOT)
    return kids[0], kids[1]


def test_root_comparison_renders_a_slider_per_pair():
    at = weights_page()
    sc = at.session_state["sc"]
    kids = sc.children(ROOT)
    keys = {s.key for s in at.select_slider}
    for i in range(len(kids)):
        for j in range(i + 1, len(kids)):
            assert key(ROOT, kids[i], kids[j]) in keys
    s = at.select_slider(key=key(ROOT, kids[0], kids[1]))
    assert sc.perspective(kids[0]).name_en in s.label and sc.perspective(kids[1]).name_en in s.label
    assert len(s.options) == 17
    body = texts(at)
    assert "Weights (AHP)" in body and "Performance index" in body
    assert re.search(r"CR [0-9.]+ ≤ 0\.10", body)
    assert "λmax" in body and "CI " in body
    # the verbal meaning under the slider
    assert "equally important" in body or "more important than" in body


def test_slider_release_changes_judgment_cr_and_index():
    at = weights_page()
    a, b = root_pair(at)
    cr0, idx0, rev0 = cr_text(at), index_text(at), at.session_state["sc_rev"]
    at.select_slider(key=key(ROOT, a, b)).set_value(-6).run()  # a is 7 times as important as b
    no_exception(at)
    assert judgment(at, ROOT, a, b) == pytest.approx(7.0)
    assert at.session_state["sc_rev"] == rev0 + 1
    assert cr_text(at) != cr0
    assert index_text(at) != idx0
    assert "strongly more important than" in texts(at)
    assert "Last change" in texts(at)
    # the other direction: b is 3 times as important as a
    at.select_slider(key=key(ROOT, a, b)).set_value(2).run()
    no_exception(at)
    assert judgment(at, ROOT, a, b) == pytest.approx(1 / 3)


def test_positions_survive_a_page_switch():
    at = weights_page()
    a, b = root_pair(at)
    at.select_slider(key=key(ROOT, a, b)).set_value(-4).run()
    at.switch_page("pages/overview.py").run()
    no_exception(at)
    at.switch_page(PAGE).run()
    no_exception(at)
    assert at.select_slider(key=key(ROOT, a, b)).value == -4
    assert judgment(at, ROOT, a, b) == pytest.approx(5.0)


def test_suggestion_is_applied_on_click_and_undo_restores():
    at = weights_page()
    a, b = root_pair(at)
    # make the root comparison clearly inconsistent: a far above b while the rest says otherwise
    at.select_slider(key=key(ROOT, a, b)).set_value(-8).run()
    no_exception(at)
    sc = at.session_state["sc"]
    nw_matrix, _ = ahp.matrix_from_pairs(sc.children(ROOT), sc.judgments[ROOT])
    sug = ahp.most_inconsistent(nw_matrix, k=1, method=sc.settings.priority_method, ri=sc.settings.ri_table)[0]
    x, y = sc.children(ROOT)[sug.i], sc.children(ROOT)[sug.j]
    before_value, before_cr = judgment(at, ROOT, x, y), cr_text(at)
    assert "Most inconsistent judgment" in texts(at)
    assert at.select_slider(key=key(ROOT, x, y)).label.startswith("⚠")
    # nothing changes until the user clicks
    at.run()
    assert judgment(at, ROOT, x, y) == pytest.approx(before_value)
    at.button(key="w_apply").click().run()
    no_exception(at)
    assert judgment(at, ROOT, x, y) == pytest.approx(sug.suggested)
    assert cr_text(at) != before_cr
    assert float(cr_text(at)) == pytest.approx(sug.cr_after, abs=1e-3)
    # Undo (the page's button) brings the judgment, the CR and the slider back
    at.button(key="w_undo").click().run()
    no_exception(at)
    assert judgment(at, ROOT, x, y) == pytest.approx(before_value)
    assert cr_text(at) == before_cr
    from scorecard.ui.pairwise import position_of

    assert at.select_slider(key=key(ROOT, x, y)).value == position_of(before_value)


def test_objective_node_and_kpi_sliders():
    at = weights_page()
    sc = at.session_state["sc"]
    node = next(o.code for o in sc.objectives if len(sc.kpis_of(o.code)) >= 3)
    picker = next(s for s in at.selectbox if s.label == "Which comparison?")
    picker.set_value(node).run()
    no_exception(at)
    assert at.session_state["w_node"] == node
    kids = sc.children(node)
    assert at.select_slider(key=key(node, kids[0], kids[1])).label.count("**") == 4
    assert kids[0] in texts(at)
    # objectives with a single KPI are not offered
    single = [o.code for o in sc.objectives if len(sc.kpis_of(o.code)) < 2]
    picker = next(s for s in at.selectbox if s.label == "Which comparison?")
    assert not {o for o in picker.options if any(o.startswith(f"{m} {c} ") for c in single for m in "●■")}
    assert len(picker.options) == sum(1 for n in sc.nodes() if len(sc.children(n)) >= 2)


def test_settings_are_committed():
    at = weights_page()
    rev0 = at.session_state["sc_rev"]
    at.radio(key="w_set_priority_method_en").set_value("geometric").run()
    no_exception(at)
    assert at.session_state["sc"].settings.priority_method == "geometric"
    assert at.session_state["sc_rev"] == rev0 + 1
    at.radio(key="w_set_cr_policy_en").set_value("by-size").run()
    no_exception(at)
    assert at.session_state["sc"].settings.cr_policy == "by-size"
    # The geometric method shows the GCI with its own limit (0.35 for 4 perspectives), not the CR policy.
    assert "GCI" in html_bodies(at) and "≤ 0.35" in html_bodies(at) and "≤ 0.08" not in html_bodies(at)
    at.radio(key="w_set_priority_method_en").set_value("eigen").run()
    assert "≤ 0.08" in html_bodies(at)  # 4 perspectives: the by-size CR limit is 0.08
    at.button(key="w_undo").click().run()
    at.button(key="w_undo").click().run()
    assert at.session_state["sc"].settings.cr_policy == "fixed"
    assert at.radio(key="w_set_cr_policy_en").value == "fixed"


def test_sensitivity_view_lists_tornado_and_flips():
    at = weights_page()
    at.segmented_control(key="w_view_en").set_value("sens").run()
    no_exception(at)
    body = texts(at)
    assert "How sensitive is the index" in body
    assert "Smallest change that turns the light" in body
    assert at.get("plotly_chart"), "the tornado chart is missing"
    assert not at.select_slider  # the judgment sliders are not computed in this view


def test_scenarios_save_compare_activate():
    at = weights_page()
    a, b = root_pair(at)
    at.select_slider(key=key(ROOT, a, b)).set_value(-6).run()
    at.segmented_control(key="w_view_en").set_value("scen").run()
    no_exception(at)
    at.text_input(key="w_scn_name").input("Workshop").run()
    at.button(key="w_scn_save").click().run()
    at.button(key="w_scn_equal").click().run()
    no_exception(at)
    names = [s["name"] for s in at.session_state["scenarios"]]
    assert names == ["Workshop", "Equal weights"]
    saved = at.session_state["scenarios"][0]
    assert set(saved) >= {"name", "local", "judgments"}
    table = scenario_table(at)
    assert {"Workshop", "Equal weights"} <= set(table.columns)
    idx_before = index_text_or_table(at)
    at.button(key="w_scn_act_Equal weights").click().run()
    no_exception(at)
    sc = at.session_state["sc"]
    assert all(v == pytest.approx(1.0) for pairs in sc.judgments.values() for v in pairs.values())
    assert index_text_or_table(at) != idx_before
    at.button(key="w_scn_act_Workshop").click().run()
    assert judgment(at, ROOT, a, b) == pytest.approx(7.0)
    at.button(key="w_scn_del_Equal weights").click().run()
    assert [s["name"] for s in at.session_state["scenarios"]] == ["Workshop"]


def scenario_table(at: AppTest):
    return next(d.value for d in at.dataframe if "Workshop" in d.value.columns)


def index_text_or_table(at: AppTest) -> str:
    """The working index in the scenario comparison table (first data column)."""
    return str(scenario_table(at).iloc[0, 1])


def test_indonesian_labels():
    at = weights_page("id")
    body = texts(at)
    assert "Bobot (AHP)" in body
    assert "Perbandingan mana?" in body
    assert "Indeks kinerja" in body
    assert "sama penting" in body or "daripada" in body
    a, b = root_pair(at)
    at.select_slider(key=key(ROOT, a, b, "id")).set_value(-6).run()
    no_exception(at)
    assert "sangat lebih penting daripada" in texts(at)
    assert re.search(r"CR [0-9]+,[0-9]+", html_bodies(at))  # decimal comma


def test_language_switch_keeps_positions():
    at = weights_page("en")
    a, b = root_pair(at)
    at.select_slider(key=key(ROOT, a, b)).set_value(-2).run()
    at.session_state["lang"] = "id"  # what the sidebar radio (key "lang") sets
    at.run()
    no_exception(at)
    assert "Perbandingan mana?" in texts(at)
    # fresh widgets for the new language, set from the judgments (not from stale option texts)
    assert at.select_slider(key=key(ROOT, a, b, "id")).value == -2
    assert judgment(at, ROOT, a, b) == pytest.approx(3.0)
    assert at.radio(key="w_set_priority_method_id").value == at.session_state["sc"].settings.priority_method


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_node_renders(lang):
    at = weights_page(lang)
    sc = at.session_state["sc"]
    for node in (n for n in sc.nodes() if len(sc.children(n)) >= 2):
        at.session_state["w_node"] = node
        at.run()
        no_exception(at)
        kids = sc.children(node)
        assert len(at.select_slider) == len(kids) * (len(kids) - 1) // 2
        assert at.select_slider[0].key == key(node, kids[0], kids[1], lang)


def test_a_pair_can_be_skipped_and_judged_again():
    at = weights_page()
    sc = at.session_state["sc"]
    a, b = root_pair(at)
    rev0 = at.session_state["sc_rev"]
    at.checkbox(key=key(ROOT, a, b) + "|skip").check().run()
    no_exception(at)
    pairs = at.session_state["sc"].judgments[ROOT]
    assert (a, b) not in pairs and (b, a) not in pairs and at.session_state["sc_rev"] == rev0 + 1
    assert at.select_slider(key=key(ROOT, a, b)).disabled
    body = texts(at)
    assert "1 pair(s) skipped" in body and "Not judged (not sure / skipped)" in body
    cr_text(at)  # a CR is still shown (Harker)
    kids = sc.children(ROOT)
    raw, _ = ahp.matrix_from_pairs(kids, at.session_state["sc"].judgments[ROOT], missing_as=float("nan"))
    w = at.session_state["sc"].settings.priority_method
    expected = ahp.analyze(raw, method=w).weights
    bars = html_bodies(at).split('class="sc-wbars"')[1]  # the node's weight bars (first on the page)
    shown = [float(x.replace(",", ".")) for x in re.findall(r'<span class="v">([0-9.,]+)\s*%', bars)][:4]
    assert sorted(shown) == pytest.approx(sorted(100 * x for x in expected), abs=0.06)  # Harker, as printed
    at.checkbox(key=key(ROOT, a, b) + "|skip").uncheck().run()
    no_exception(at)
    assert judgment(at, ROOT, a, b) == ahp.nearest_scale(expected[0] / expected[1])  # what the others imply
    at.button(key="w_undo").click().run()
    at.button(key="w_undo").click().run()
    assert at.session_state["sc"].judgments[ROOT] == sc.judgments[ROOT]


def test_hint_without_apply_when_nothing_is_worth_changing():
    at = weights_page()
    sc = at.session_state["sc"]
    kids = sc.children(ROOT)
    new = sc.copy()
    v = [8.0, 4.0, 2.0, 1.0]  # perfectly consistent judgments of the 4 perspectives
    new.judgments[ROOT] = {(kids[i], kids[j]): v[i] / v[j] for i in range(4) for j in range(i + 1, 4)}
    at.session_state["sc"] = new
    at.session_state["sc_rev"] = at.session_state["sc_rev"] + 1
    at.run()
    no_exception(at)
    body = html_bodies(at)
    assert "Nothing to change" in body
    assert not [x for x in at.button if x.key == "w_apply"]
    assert all(not s.label.startswith("⚠") for s in at.select_slider)


def test_big_scorecard_shows_the_heaviest_kpis_until_asked_for_all():
    """200 KPIs: the global weights start with the 25 heaviest (a slider release redraws them) and
    say what the rest weigh; the toggle shows all 200. The slider still saves (deferred to the end of
    the run) and the store holds the judgment."""
    from bench.gen import generate
    from scorecard.store.storage import Store
    from scorecard.ui import global_weights as gw

    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["sc"] = generate(200, 3, seed=7)
    at.session_state["sc_rev"] = 0
    at.session_state["sc_undo"] = []
    at.run()
    at.switch_page(PAGE).run()
    no_exception(at)

    def table_rows() -> int:
        html_of = [e.proto.body for e in at.get("html") if "sc-gtable" in e.proto.body]
        assert len(html_of) == 1
        return html_of[0].count("<tr>") - 1  # minus the header row

    assert table_rows() == gw.TOP_KPIS
    cap = " ".join(c.value for c in at.caption)
    assert re.search(r"The 25 heaviest of 200 KPIs; the other 175 weigh [0-9.]+ % together", cap), cap
    slider = at.select_slider[0]
    before = int(slider.value)
    slider.set_value(before + 1 if before < 8 else before - 1).run()
    no_exception(at)
    assert table_rows() == gw.TOP_KPIS
    with Store() as s:
        (info,) = s.list_scorecards()
        assert s.load_scorecard(info.id).judgments == at.session_state["sc"].judgments
    at.toggle(key="w_gw_all").set_value(True).run()
    no_exception(at)
    assert table_rows() == 200
