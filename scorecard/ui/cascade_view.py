"""The cascade page's view code: the tree in the session, the performance tree, the drill-down from a
red KPI to the units and employees beneath it, roll-up details, alignment checks and a person's chain.

Which tree: a tree link ``?tt=<token>`` (see :mod:`scorecard.store.tree_store`) opens a stored tree
with that token's rights; otherwise the session's uploaded tree workbook, else the shipped example
(``data/cascade_demo.xlsx``). Evaluations are cached in the session per tree revision and period.
While the example is shown, :func:`demo_banner` says so at the top and offers the two ways to start
with one's own tree: the blank tree workbook (:mod:`scorecard.io.tree_template`) and the upload of a
filled one (the same :func:`apply_upload` as the page's "Upload a workbook" section).
"""

from __future__ import annotations

import html

import streamlit as st

from scorecard import display
from scorecard.method import lights
from scorecard.method.cascade import CascadeResult, Trace, evaluate
from scorecard.model import ScorecardTree
from scorecard.ui import persistence, state
from scorecard.ui.components import badge_html
from scorecard.ui.state import lang, tr

QUERY_KEY = "tt"
_K_TREE = "cascade_tree"  # (tree, revision, grant or None)
_K_CACHE = "_cascade_cache"
_K_DEMO = "_cascade_demo"  # True while the session's tree is the shipped example (a unit upload keeps it)
_K_FLASH = "_cascade_flash"  # the message of an upload made from the banner, shown after its rerun

CSS = """
<style>
.cz-table{border-collapse:collapse;width:100%;font-size:1.05rem}
.cz-table td,.cz-table th{padding:.35rem .6rem;border-bottom:1px solid #e4e7ec;text-align:left;vertical-align:middle}
.cz-table th{background:#f2f4f7;font-weight:600}
.cz-num{text-align:right !important;font-variant-numeric:tabular-nums;white-space:nowrap}
[data-testid="stHtml"]:has(> .cz-table), [data-testid="stHtml"]:has(> div > .cz-table){overflow-x:auto}
@media (max-width:767px){.cz-table{font-size:.9rem} .cz-table td,.cz-table th{padding:.3rem .3rem}}
.cz-chain{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;font-size:1.05rem;margin:.3rem 0 .8rem 0}
.cz-step{border:1px solid #d0d5dd;border-radius:.5rem;padding:.3rem .6rem;background:#fff}
.cz-unit{color:#475467;font-size:.9rem}
</style>
"""


@st.cache_resource(show_spinner=False)
def _demo() -> ScorecardTree:
    from scorecard.io.cascade_demo import load_cascade_demo

    return load_cascade_demo()


def _fresh_demo() -> ScorecardTree:
    import copy

    return copy.deepcopy(_demo())


def current() -> tuple[ScorecardTree, int, object]:
    """(tree, revision, grant) of this session; opens ``?tt=`` links once."""
    state.init()  # a cold server's first deep link reruns through app.py first
    ss = st.session_state
    token = st.query_params.get(QUERY_KEY)
    if token and ss.get("_cascade_token") != token:
        from scorecard.store.tree_store import StorageError, TreeStore

        try:
            loaded = TreeStore(persistence.store()).load(token)
            ss[_K_TREE] = (loaded.tree, loaded.revision, loaded.grant)
            ss[_K_DEMO] = False
        except StorageError as exc:
            st.error(exc.msg.text(lang()))
        ss["_cascade_token"] = token
    elif not token and ss.get("_cascade_token") and ss.get(_K_TREE, (None, 0, None))[2] is not None:
        st.query_params[QUERY_KEY] = ss["_cascade_token"]  # page switches drop it: keep refreshes working
    if _K_TREE not in ss:
        ss[_K_TREE] = (_fresh_demo(), 0, None)
        ss[_K_DEMO] = True
    return ss[_K_TREE]


def is_demo() -> bool:
    """True while the page shows the shipped example tree (no tree link, no whole tree uploaded)."""
    ss = st.session_state
    return bool(ss.get(_K_DEMO)) and ss.get(_K_TREE, (None, 0, None))[2] is None


def result(tree: ScorecardTree, revision: int, period: str | None) -> CascadeResult:
    """The evaluated tree (cached per tree object, revision and period)."""
    key = (id(tree), revision, period)
    cache = st.session_state.setdefault(_K_CACHE, {})
    if key not in cache:
        cache.clear()
        cache[key] = evaluate(tree, period)
    return cache[key]


def periods(tree: ScorecardTree) -> list[str]:
    root = tree.root().scorecard.periods()
    return root or sorted({p for u in tree.units for p in u.scorecard.periods()})


def unit_label(tree: ScorecardTree, code: str) -> str:
    u = tree.unit(code)
    return f"{'· ' * len(tree.ancestors(code))}{code} — {u.label(lang())}"


def apply_upload(data: bytes, name: str, unit: str | None) -> tuple[bool, str]:
    """Read an upload into the session's tree: a whole tree workbook (``unit`` None) or one unit's own
    scorecard workbook put in its place. With a tree link the stored tree is saved too (its access
    rules apply). Returns (accepted, message for people)."""
    from scorecard.io.tree_workbook import read_tree_workbook
    from scorecard.method.cascade import validate_tree
    from scorecard.store.tree_store import StorageError

    tree, revision, grant = current()
    if unit is None:
        res = read_tree_workbook(data, name)
        if res.tree is None:
            return False, res.report.text(lang())
        new = res.tree
    else:
        import dataclasses

        from scorecard.io.reader import read_workbook

        one = read_workbook(data, name)
        if one.scorecard is None:
            return False, one.report.text(lang())
        new = dataclasses.replace(tree, units=[dataclasses.replace(u, scorecard=one.scorecard) if u.code == unit
                                               else u for u in tree.units])
        rep = validate_tree(new)
        if not rep.ok:
            return False, rep.text(lang())
    if grant is not None:
        try:
            revision = _trees().save(st.query_params.get(QUERY_KEY), new, persistence.actor(),
                                     expected_revision=revision, kind="upload")
        except StorageError as exc:
            return False, exc.msg.text(lang())
    else:
        revision += 1
    st.session_state[_K_TREE] = (new, revision, grant)
    if unit is None:
        st.session_state[_K_DEMO] = False
    return True, tr(f"Read: {len(new.units)} units, {len(new.skp)} SKP rows.",
                    f"Terbaca: {len(new.units)} unit, {len(new.skp)} baris SKP.")


def _take(f, unit: str | None) -> tuple[bool, str] | None:
    """Read an uploaded file once (None when there is nothing new); see :func:`apply_upload`."""
    if f is None or st.session_state.get("_cascade_upload_seen") == f.file_id:
        return None
    st.session_state["_cascade_upload_seen"] = f.file_id
    return apply_upload(f.getvalue(), f.name, unit)


def upload(unit: str) -> None:
    """The upload widgets: the whole tree, or the selected unit's own scorecard workbook."""
    target = st.radio(tr("Upload", "Unggah"), ["tree", "unit"], horizontal=True, key="cascade_upload_target",
                      format_func=lambda x: tr("the whole tree (Units sheet and a unit column)",
                                               "seluruh pohon (lembar Unit kerja dan kolom unit)") if x == "tree"
                      else tr(f"{unit}'s own scorecard workbook", f"buku kerja kartu skor {unit} sendiri"))
    f = st.file_uploader(tr("Workbook (.xlsx; up to 20 MB)", "Buku kerja (.xlsx; maks. 20 MB)"), type=["xlsx"],
                         key="cascade_upload")
    done = _take(f, unit if target == "unit" else None)
    if done is not None:
        (st.success if done[0] else st.error)(done[1])


def demo_banner() -> None:
    """At the top of the page while the example tree is shown: say it is an example, and offer the
    blank tree workbook and the upload of a filled one (a whole tree). After a successful upload
    from here the page is drawn again with the new tree (and the banner is gone)."""
    flash = st.session_state.pop(_K_FLASH, None)
    if flash:
        st.success(flash)
    if not is_demo():
        return
    from scorecard.io.tree_template import write_tree_template

    lg = lang()
    with st.container(border=True, key="cascade_demo_banner"):
        st.markdown(tr(
            ":material/info: **This is an example tree**, not your office's: a made-up Disdukcapil office, two "
            "divisions and six employees, to show how a cascade works. To start with your own tree, download "
            "the blank tree workbook, fill in your units, KPIs and SKP rows, and upload it here.",
            ":material/info: **Ini pohon contoh**, bukan milik kantor Anda: Disdukcapil rekaan dengan dua bidang "
            "dan enam pegawai, untuk menunjukkan cara kerja kaskade. Untuk mulai dengan pohon Anda sendiri, unduh "
            "buku kerja pohon kosong, isi unit, IKU dan baris SKP Anda, lalu unggah di sini."))
        left, right = st.columns([2, 3], vertical_alignment="center")
        left.download_button(tr("1. Download the blank tree workbook", "1. Unduh buku kerja pohon kosong"),
                             lambda: write_tree_template(lang=lg), file_name=tr("blank_tree.xlsx",
                                                                                "pohon_kinerja_kosong.xlsx"),
                             key="cascade_dl_template", on_click="ignore", icon=":material/download:",
                             mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        f = right.file_uploader(tr("2. Upload your filled tree workbook (.xlsx)",
                                   "2. Unggah buku kerja pohon yang sudah diisi (.xlsx)"), type=["xlsx"],
                                key="cascade_banner_upload")
    done = _take(f, None)
    if done is None:
        return
    if done[0]:
        st.session_state[_K_FLASH] = done[1]
        st.rerun()  # everything below was drawn from the example
    st.error(done[1])


# ---- drawing ------------------------------------------------------------------------------------

def num(x: float | None, d: int | None = None) -> str:
    """A plain value without a known unit (scorecard.display.number; whole from 1000 on)."""
    if x is None:
        return display.MISSING
    return display.number(x, lang(), d if abs(x) < 1000 else 0)


def _badge(light: str | None) -> str:
    return badge_html(light) if light else html.escape(tr("— no data", "— tanpa data"))


def unit_kpis(res: CascadeResult, unit: str) -> None:
    """The unit's KPIs: light, level, actual, target; roll-ups marked Σ with their supporters one click away."""
    ur = res.units[unit]
    if ur.score is None:
        st.info(tr(f"No data for {res.period}.", f"Tidak ada data untuk {res.period}."))
        return
    head = [tr("Light", "Lampu"), tr("KPI", "IKU"), tr("Level", "Level"), tr("Actual", "Realisasi"), "Target"]
    rows = []
    for k in ur.score.kpis:
        ru = ur.rollups.get(k.code)
        mark = ""
        if ru is not None:
            mark = f" <b title='{html.escape(tr('computed from the units', 'dihitung dari unit'))}'>Σ</b>"
            if ru.disagrees:
                mark += f" ⚠ {html.escape(tr('typed', 'diketik'))} {num(ru.typed)}"
        kpi = ur.scorecard.kpi(k.code)
        name = html.escape(f"{k.code} {kpi.name(lang())}")
        level = display.level(k.level, lang())  # the one rule: cut, as on every other page
        actual = html.escape(display.actual(k.actual, k.actual_text, kpi.unit, lang()))
        rows.append(f"<tr><td>{_badge(k.light)}</td><td>{name}{mark}</td><td class='cz-num'>{level}</td>"
                    f"<td class='cz-num'>{actual}</td><td class='cz-num'>{display.value(k.target, kpi.unit, lang())}"
                    "</td></tr>")
    st.html(CSS + "<table class='cz-table'><tr>" + "".join(
        f"<th class='{'cz-num' if i > 1 else ''}'>{h}</th>" for i, h in enumerate(head)) + "</tr>" + "".join(rows)
        + "</table>")
    rolled = [k for k in ur.score.kpis if k.code in ur.rollups]
    if rolled:
        with st.expander(tr("Σ values computed from the units: where they come from",
                            "Nilai Σ yang dihitung dari unit: asal nilainya")):
            for k in rolled:
                ru = ur.rollups[k.code]
                parts = ", ".join(f"{s.employee or s.unit}/{s.item} {num(s.value)}" for s in ru.supporters[:40])
                more = f" … (+{len(ru.supporters) - 40})" if len(ru.supporters) > 40 else ""
                st.markdown(f"**{k.code}** = {ru.rule} ({ru.reported}/{len(ru.supporters)}) = **{num(ru.value)}**: "
                            f"{parts}{more}")
                if ru.disagrees:
                    st.warning(tr(f"{k.code}: the typed value {num(ru.typed)} differs from the roll-up {num(ru.value)}.",
                                  f"{k.code}: nilai yang diketik {num(ru.typed)} berbeda dari hasil rekap "
                                  f"{num(ru.value)}."))


def trace_table(t: Trace, max_rows: int = 250) -> str:
    """A KPI and everything beneath it as indented table rows (HTML). Units first; employees (red first)
    share what is left of ``max_rows``, at least 3 per KPI, the rest counted as "+N"."""
    badges = {x: _badge(x) for x in (*lights.LIGHTS, None)}
    employee = html.escape(tr("employee", "pegawai"))
    nodes = t.walk()
    with_emps = sum(1 for n in nodes if any(c.kind == "skp" for c in n.children)) or 1
    units = sum(1 for n in nodes if n.kind != "skp")
    per_kpi = max(3, (max_rows - units) // with_emps)
    rows: list[str] = []

    def walk(node: Trace, depth: int) -> None:
        who = employee if node.kind == "skp" else html.escape(node.unit)
        pad = f"padding-left:{0.6 + 1.6 * depth:.1f}rem"
        rows.append(f"<tr><td style='{pad}'>{badges[node.light]} {html.escape(node.label)}"
                    f" <span class='cz-unit'>{who}</span></td>"
                    f"<td class='cz-num'>{num(node.actual)}</td><td class='cz-num'>{num(node.target)}</td></tr>")
        kids = [c for c in node.children if c.kind != "skp"]
        emps = sorted((c for c in node.children if c.kind == "skp"), key=lambda c: lights.LIGHTS.index(c.light or "red"))
        for c in kids + emps[:per_kpi]:
            walk(c, depth + 1)
        if len(emps) > per_kpi:
            rows.append(f"<tr><td style='padding-left:{0.6 + 1.6 * (depth + 1):.1f}rem' colspan=3>… "
                        f"+{len(emps) - per_kpi} {html.escape(tr('employees', 'pegawai'))}</td></tr>")

    walk(t, 0)
    head = f"<tr><th></th><th class='cz-num'>{tr('Actual', 'Realisasi')}</th><th class='cz-num'>Target</th></tr>"
    return CSS + "<table class='cz-table'>" + head + "".join(rows) + "</table>"


def chain_html(path: list[Trace]) -> str:
    steps = [f"<span class='cz-step'>{_badge(t.light)} {html.escape(t.label)} <span class='cz-unit'>"
             f"{html.escape(t.unit)}</span></span>" for t in path]
    return CSS + "<div class='cz-chain'>" + " → ".join(steps) + "</div>"


def alignment(res: CascadeResult) -> None:
    al = res.alignment()
    pairs = ((al.supports_nothing, tr("Unit KPIs that support nothing above", "IKU unit yang tidak mendukung IKU atasan")),
             (al.unsupported, tr("KPIs that no unit below supports", "IKU yang tidak didukung unit di bawahnya")),
             (al.no_employee, tr("Unit KPIs no employee's SKP supports", "IKU unit yang tidak didukung SKP pegawai")))
    for items, title in pairs:
        st.markdown(f"**{title}** ({len(items)})")
        st.markdown(", ".join(f"`{u}/{k}`" for u, k in items[:60]) or "—")


# ---- links, exports, history --------------------------------------------------------------------

def _trees():
    from scorecard.store.tree_store import TreeStore

    return TreeStore(persistence.store())


def links_and_export(tree: ScorecardTree, revision: int, grant: object, unit: str) -> None:
    """Store the tree (office edit link), hand out links within the token's scope, download workbooks."""
    from scorecard.io.tree_workbook import write_tree_workbook
    from scorecard.io.writer import write_workbook
    from scorecard.store.tree_store import StorageError

    c1, c2 = st.columns(2)
    lg, sc = lang(), tree.unit(unit).scorecard
    # written only when clicked (a regency's tree workbook takes seconds; never on every rerun)
    c1.download_button(tr("Download the tree workbook", "Unduh buku kerja pohon"),
                       lambda: write_tree_workbook(tree, lang=lg), file_name="pohon_kinerja.xlsx",
                       key="cascade_dl_tree", on_click="ignore")
    c2.download_button(tr(f"Download {unit}'s scorecard", f"Unduh kartu skor {unit}"),
                       lambda: write_workbook(sc, lang=lg), file_name=f"{unit}.xlsx", key="cascade_dl_unit",
                       on_click="ignore")
    token = st.query_params.get(QUERY_KEY)
    if grant is None:
        if st.button(tr("Store this tree and open it with the office's edit link",
                        "Simpan pohon ini dan buka dengan tautan ubah kantor"), key="cascade_store"):
            tree_id, token = _trees().create_tree(tree, persistence.actor())
            st.query_params[QUERY_KEY] = token
            st.session_state.pop("_cascade_token", None)
            st.session_state.pop(_K_TREE, None)
            st.rerun()
        return
    st.caption(tr("Keep this page's address: it is your link. Links for others:",
                  "Simpan alamat halaman ini: itu tautan Anda. Tautan untuk orang lain:"))
    scope = tree.subtree(grant.unit)  # type: ignore[attr-defined]
    a, b, c = st.columns([2, 1, 2])
    who = a.selectbox(tr("For unit", "Untuk unit"), scope, key="cascade_share_unit",
                      format_func=lambda x: unit_label(tree, x))
    roles = ["view", "edit"] if grant.role == "edit" else ["view"]  # type: ignore[attr-defined]
    role = b.selectbox(tr("Right", "Hak"), roles, key="cascade_share_role",
                       format_func=lambda r: tr("view", "lihat") if r == "view" else tr("edit", "ubah"))
    label = c.text_input(tr("For whom", "Untuk siapa"), key="cascade_share_label", max_chars=80)
    if st.button(tr("Create link", "Buat tautan"), key="cascade_share"):
        try:
            new = _trees().share(token, who, role, label or who, persistence.actor())
            st.code(f"/cascade?{QUERY_KEY}={new}", language=None)
        except StorageError as exc:
            st.error(exc.msg.text(lang()))
    rows = [{tr("When", "Waktu"): ch.at.strftime("%Y-%m-%d %H:%M"), tr("Who", "Siapa"): ch.actor,
             tr("Unit", "Unit"): ch.unit, tr("What", "Apa"): ch.target} for ch in _trees().changes(token, scope)[-30:]]
    if rows:
        st.dataframe(rows[::-1], hide_index=True, width="stretch")
