"""The facilitator's live view of a workshop (refreshed every ``REFRESH_S`` seconds while open):
progress metrics, participant chips and table (answered share, CR per comparison), the group result
per comparison (group CR, Goepel's consensus S*, group weights), the most disputed judgments and the
group matrix of one comparison.

``sc_labels`` maps ``node``/item codes to display texts: ``"@node"`` comparison title, ``"#node"``
short comparison name, ``"~item"`` short item label, ``item`` full item name.
"""

from __future__ import annotations

import html
import math
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from scorecard.method import ahp
from scorecard.store import workshop as ws
from scorecard.ui import components, pairwise, state
from scorecard.ui import workshop_common as common
from scorecard.ui.state import tr
from scorecard.ui.workshop_common import REFRESH_S


def _participants_table(view: ws.WorkshopView, sc_labels: dict[str, str]) -> None:
    big = [g for g in view.nodes if len(g.children) >= 3]
    rows = []
    for p in view.participants:
        row: dict[str, Any] = {
            "#": p.number,
            tr("Name", "Nama"): p.name,
            tr("Answered", "Dijawab"): p.submitted / p.total if p.total else 0.0,
            tr("Status", "Status"): (tr("✓ submitted", "✓ terkirim") if p.complete else
                                     tr("answering…", "sedang menjawab…") if p.submitted else
                                     tr("joined", "bergabung")),
        }
        for g in big:
            row[g.index_name + " " + sc_labels.get("#" + g.node, g.node)] = common.cr_text(
                p.cr.get(g.node), len(g.children), view.policy, view.method)
        row[tr("Last answer", "Jawaban terakhir")] = common.local_time(p.last_answer_at)
        rows.append(row)
    df = pd.DataFrame(rows)
    st.dataframe(df, hide_index=True, width="stretch", key="ws_people", column_config={
        tr("Answered", "Dijawab"): st.column_config.ProgressColumn(
            tr("Answered", "Dijawab"), min_value=0.0, max_value=1.0, format="percent")})


def _group_summary(view: ws.WorkshopView, sc_labels: dict[str, str]) -> None:
    rows = []
    for g in view.nodes:
        n = len(g.children)
        if g.weights is None:
            weights = "—" if g.problem is None else "— " + tr("(the judged pairs do not link all items yet)",
                                                             "(pasangan yang dinilai belum menghubungkan semua elemen)")
        else:
            top = sorted(g.weights.items(), key=lambda t: -t[1])
            weights = " · ".join(f"{sc_labels.get('~' + c, c)} {common.pct(w)}" for c, w in top)
        rows.append({
            tr("Comparison", "Perbandingan"): sc_labels.get("@" + g.node, g.node),
            tr("Complete", "Lengkap"): g.respondents,
            tr("Partial", "Sebagian"): g.partial,
            tr("Group CR", "CR kelompok"): (common.cr_text(g.index, n, view.policy, view.method) if n >= 3 else
                                            ("0 ✓" if g.cr is not None else "—")),
            tr("Skipped", "Dilewati"): g.skipped,
            tr("Consensus S*", "Konsensus S*"): ("—" if g.consensus is None or g.respondents < 2 else
                                                 f"{common.pct(g.consensus)} · {common.consensus_word(g.consensus)}"),
            tr("Group weights", "Bobot kelompok"): weights,
        })
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="ws_groups", column_config={
        tr("Comparison", "Perbandingan"): st.column_config.TextColumn(width="medium"),
        tr("Complete", "Lengkap"): st.column_config.NumberColumn(width="small"),
        tr("Partial", "Sebagian"): st.column_config.NumberColumn(width="small"),
        tr("Skipped", "Dilewati"): st.column_config.NumberColumn(width="small"),
        tr("Group CR", "CR kelompok"): st.column_config.TextColumn(width="small"),
        tr("Consensus S*", "Konsensus S*"): st.column_config.TextColumn(width="medium"),
        tr("Group weights", "Bobot kelompok"): st.column_config.TextColumn(width="large")})


def _disputed(view: ws.WorkshopView, sc_labels: dict[str, str]) -> None:
    items = []
    for g in view.nodes:
        if g.matrix is None or g.respondents < 2:
            continue
        for a, b, spread in g.disputed:
            if spread > 1e-6:
                i, j = g.children.index(a), g.children.index(b)
                items.append((spread, g, a, b, float(g.matrix[i, j])))
    items.sort(key=lambda t: -t[0])
    st.markdown(f"##### {tr('Discuss next: the most disputed judgments', 'Bahas berikutnya: penilaian paling diperdebatkan')}")
    if not items:
        st.caption(tr("No disagreement to show yet (it needs two or more complete answers).",
                      "Belum ada perbedaan pendapat (perlu dua jawaban lengkap atau lebih)."))
        return
    for spread, g, a, b, value in items[:5]:
        an, bn = sc_labels.get(a, a), sc_labels.get(b, b)
        group = pairwise.sentence(value, an, bn)
        st.html(f'<div class="sc-disc"><b>{html.escape(an)}</b> {tr("vs", "vs")} <b>{html.escape(bn)}</b> '
                f'<span class="sc-muted">({html.escape(sc_labels.get("@" + g.node, g.node))})</span><br>'
                f'{html.escape(tr("spread", "sebaran"))} <b>{components.num(spread, 2)}</b> · '
                f'{html.escape(tr("group", "kelompok"))}: {html.escape(group)}</div>')
    st.caption(tr("Spread = standard deviation of ln(judgment) over the participants: 0 = everyone agrees, "
                  "1.1 ≈ one person says 3 where another says 1/3.",
                  "Sebaran = simpangan baku ln(penilaian) antarpeserta: 0 = semua sepakat, 1,1 ≈ satu orang "
                  "memilih 3 sementara yang lain memilih 1/3."))


def _node_detail(view: ws.WorkshopView, sc_labels: dict[str, str]) -> None:
    ready = [g for g in view.nodes if g.matrix is not None]
    if not ready:
        return
    st.markdown(f"##### {tr('Group matrix and weights', 'Matriks dan bobot kelompok')}")
    names = {g.node: sc_labels.get("@" + g.node, g.node) for g in ready}
    if st.session_state.get("ws_detail") not in names:
        st.session_state["ws_detail"] = ready[0].node
    node = st.selectbox(tr("Comparison", "Perbandingan"), list(names), key="ws_detail", format_func=names.get,
                        label_visibility="collapsed")
    g = next(x for x in ready if x.node == node)
    short = [sc_labels.get("~" + c, c) for c in g.children]
    left, right = st.columns([1, 1], gap="large")
    with left:
        assert g.matrix is not None
        mat = np.asarray(g.matrix)
        n_kids = len(g.children)
        pairs = [{tr("Compared", "Dibandingkan"): f"{short[i]} {tr('vs', 'vs')} {short[j]}",
                  tr("Group judgment", "Penilaian kelompok"): "—" if math.isnan(float(mat[i, j]))
                  else pairwise.sentence(float(mat[i, j]), short[i], short[j])}
                 for i in range(n_kids) for j in range(i + 1, n_kids)]
        st.dataframe(pd.DataFrame(pairs), hide_index=True, width="stretch", key="ws_pairs")
        st.caption(tr("Geometric mean over the participants who judged each pair (— = nobody did), in words of "
                      "the 1–9 scale (nearest step).",
                      "Rata-rata geometrik atas peserta yang menilai setiap pasangan (— = tidak ada), dalam kata "
                      "skala 1–9 (langkah terdekat)."))
        if g.problem is not None:
            st.warning(g.problem.text(state.lang()))
    with right:
        n = len(g.children)
        if n >= 3 and g.index is not None:
            limit = ahp.gci_threshold(n) if g.index_name == "GCI" else ahp.acceptance_threshold(n, view.policy)
            st.html(components.cr_html(g.index, bool(g.acceptable), limit, g.index_name))
        w = g.weights or {}
        df = pd.DataFrame([{tr("Item", "Elemen"): sc_labels.get(c, c), tr("Weight", "Bobot"): w.get(c, 0.0)}
                           for c in sorted(g.children, key=lambda c: -w.get(c, 0.0))])
        st.dataframe(df, hide_index=True, width="stretch", key="ws_weights", column_config={
            tr("Weight", "Bobot"): st.column_config.ProgressColumn(tr("Weight", "Bobot"), min_value=0.0,
                                                                   max_value=1.0, format="percent")})


def live_view(token: str, sc_labels: dict[str, str]) -> None:
    """The part that refreshes by itself: progress, per-participant CR, the group result."""
    try:
        view = ws.facilitator_view(common.store(), token)
    except Exception as e:  # noqa: BLE001 - a fragment must never show a traceback
        st.error(common.err_text(e))
        return
    people = view.participants
    done = sum(p.complete for p in people)
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("Joined", "Bergabung"), len(people), border=True)
    c2.metric(tr("Submitted all answers", "Sudah mengirim semua"), f"{done} / {len(people)}", border=True)
    ready = [g for g in view.nodes if g.cr is not None and len(g.children) >= 3]
    if ready:
        worst = max(ready, key=lambda g: g.cr or 0.0)
        c3.metric(tr("Group CR (highest)", "CR kelompok (tertinggi)"),
                  common.cr_text(worst.index, len(worst.children), view.policy, view.method), border=True,
                  help=sc_labels.get("@" + worst.node, worst.node))
    else:
        c3.metric(tr("Group CR (highest)", "CR kelompok (tertinggi)"), "—", border=True)
    st.caption(tr(f"Live: updated {common.local_time(datetime.now(UTC))}" +
                  (f", every {REFRESH_S} s while the round is open." if view.status == "open" else "."),
                  f"Langsung: diperbarui {common.local_time(datetime.now(UTC))}" +
                  (f", setiap {REFRESH_S} detik selama putaran terbuka." if view.status == "open" else ".")))
    if not people:
        st.info(tr("Waiting for participants: show the code or the QR code to the room.",
                   "Menunggu peserta: tampilkan kode atau kode QR kepada peserta."))
        return
    st.markdown(f"##### {tr('Participants', 'Peserta')}")
    chips = "".join(
        f'<span class="sc-chip{" done" if p.complete else ""}">{"✓" if p.complete else "…"} {html.escape(p.name)}</span>'
        for p in people)
    st.html(f'<div data-testid="ws-people">{chips}</div>')
    _participants_table(view, sc_labels)
    st.markdown(f"##### {tr('Group result per comparison', 'Hasil kelompok per perbandingan')}")
    _group_summary(view, sc_labels)
    _disputed(view, sc_labels)
    _node_detail(view, sc_labels)

