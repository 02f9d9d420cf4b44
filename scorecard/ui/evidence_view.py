"""Evidence, narrative, verification and period locks in the app (issue #16).

* :func:`evidence_section` (Data page): the period's status table (evidence count, verification,
  "no evidence" mark), then for one KPI: its evidence (download / delete), attaching a file or a
  link, its narrative, who entered the value and the verify button; then locking the period.
  While the period is locked, deleting, the attach form and the narrative are shown disabled with
  the lock's reason (the store refuses them anyway: :func:`scorecard.store.verification.locked_message`).
* :func:`evidence_caption` (Scores page): one line with the period's evidence counts.
* :func:`evidence_inputs`: what the reports need, read from the store.

Files are checked and stored by :mod:`scorecard.store.evidence` and leave only as downloads
(``st.download_button``: attachment, the sniffed content type); nothing uploaded is ever shown
as HTML. Rights are enforced by :mod:`scorecard.store.verification`; a refusal is shown as its
bilingual message. The person is the name typed in the sidebar (:func:`persistence.actor`).
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from scorecard.model import Note, Scorecard
from scorecard.reports.evidence_status import EvidenceInputs, label, status_rows, summary
from scorecard.store import evidence as ev
from scorecard.store import verification as vf
from scorecard.ui import components, persistence, state
from scorecard.ui.state import tr

UPLOAD_TYPES = ["pdf", "png", "jpg", "jpeg", "xlsx", "csv"]


def evidence_inputs() -> EvidenceInputs:
    """Evidence counts, verifications and locks of the working scorecard (empty when not stored yet
    or when the store cannot be read)."""
    sid = persistence.workspace_id()
    if sid is None:
        return EvidenceInputs()
    try:
        s = persistence.store()
        return EvidenceInputs(ev.counts(s, sid), vf.verifications_of(s, sid), vf.locked_periods(s, sid))
    except Exception:  # noqa: BLE001 - storage trouble must not break a page
        return EvidenceInputs()


def evidence_caption(sc: Scorecard, period: str) -> str:
    """"Evidence: 1 of 22 values of 2010 have evidence; 21 without (F1b, ...); 1 verified." """
    inp = evidence_inputs()
    rows = status_rows(sc, period, inp.counts, inp.verifications, state.lang())
    bare = [r.code for r in rows if not r.evidence]
    ok = sum(1 for r in rows if r.verification == "verified")
    shown = ", ".join(bare[:8]) + (" ..." if len(bare) > 8 else "")
    lock = " 🔒" if period in inp.locks else ""
    return tr(f"Evidence: {len(rows) - len(bare)} of {len(rows)} values of {period} have evidence"
              f"{f'; {len(bare)} without ({shown})' if bare else ''}; {ok} verified.{lock}",
              f"Bukti dukung: {len(rows) - len(bare)} dari {len(rows)} nilai {period} punya bukti"
              f"{f'; {len(bare)} tanpa bukti ({shown})' if bare else ''}; {ok} terverifikasi.{lock}")


def _refused(exc: ev.EvidenceError | vf.RightsError) -> None:
    st.error(exc.msg.text(state.lang()))


def _status_table(sc: Scorecard, period: str, inp: EvidenceInputs) -> None:
    lang = state.lang()
    rows = status_rows(sc, period, inp.counts, inp.verifications, lang)
    st.caption(summary(rows, period, inp.locks.get(period), lang))
    df = pd.DataFrame([{tr("KPI", "IKU"): r.code, tr("Name", "Nama"): r.name, tr("Actual", "Realisasi"): r.actual,
                        tr("Evidence", "Bukti"): str(r.evidence) if r.evidence else "⚠ 0",
                        tr("Verification", "Verifikasi"): label(r.verification, lang)
                        + (f" ({r.verified_by})" if r.verified_by else "")} for r in rows])
    st.dataframe(df, hide_index=True, width="stretch", height=min(35 * (len(rows) + 1) + 3, 400))


def _locked_reason(lock: vf.Lock, code: str, period: str) -> str:
    """Why the evidence and narrative of (code, period) cannot change now (the store's one message)."""
    return vf.locked_message(period, lock.locked_by, f"the evidence and narrative of {code} {period}",
                             f"bukti dukung dan narasi {code} {period}").text(state.lang())


def _evidence_list(sid: int, code: str, period: str, lock: vf.Lock | None = None) -> None:
    s = persistence.store()
    items = ev.list_evidence(s, sid, code, period)
    if not items:
        st.warning(tr(f"{code} {period} has no evidence yet.", f"{code} {period} belum punya bukti dukung."))
    for item in items:
        c1, c2, c3 = st.columns([5, 2, 1])
        who = f"{item.added_by} · {components.local_time(item.added_at, '%Y-%m-%d %H:%M')}"
        if item.kind == "file":
            c1.markdown(f":material/description: **{components.md_text(item.description)}** — "
                        f"{components.md_text(item.filename)} ({components.num(item.size or 0, 0)} B) · "
                        f"{components.md_text(who)}")
            c2.download_button(tr("Download", "Unduh"), ev.file_bytes(s, sid, item.id), file_name=item.filename,
                               mime=item.content_type, key=f"evd_dl_{item.id}")
        else:
            c1.markdown(f":material/link: **{components.md_text(item.description)}** — {components.md_text(who)}")
            c2.link_button(tr("Open link", "Buka tautan"), item.url or "")
        if c3.button("✕", key=f"evd_del_{item.id}", disabled=lock is not None,
                     help=tr("Delete (recorded)", "Hapus (dicatat)") if lock is None
                     else tr(f"{period} is locked", f"{period} dikunci")):
            try:
                ev.delete_evidence(s, sid, item.id, persistence.actor())
            except vf.RightsError as exc:  # locked meanwhile (another tab or person)
                _refused(exc)
                return
            st.rerun()


def _refused_meanwhile(refusal: str, typed: str, keys: list[str]) -> None:
    """A form submitted just as its period was locked (elsewhere): its submit button is disabled by
    now, so Streamlit drops the submission silently. Say so, show what was typed (to copy), and
    forget it (the form's widgets are reset to their stored values, so this shows once)."""
    st.error("🔒 " + tr("Not saved. ", "Tidak disimpan. ") + refusal)
    if typed.strip():
        st.caption(tr("What you typed (copy it to keep it):", "Yang Anda ketik (salin untuk menyimpannya):"))
        st.code(typed, language=None, wrap_lines=True)
    for k in keys:
        st.session_state.pop(k, None)


def _attach(code: str, period: str, lock: vf.Lock | None = None) -> None:
    off = lock is not None
    keys = [f"evd_file_{code}_{period}", f"evd_url_{code}", f"evd_desc_{code}"]
    if off and any(st.session_state.get(k) for k in keys):
        typed = "\n".join(str(st.session_state.get(k) or "") for k in keys[1:])
        _refused_meanwhile(_locked_reason(lock, code, period), typed, keys)  # type: ignore[arg-type]
    with st.form(f"evd_add_{code}_{period}", clear_on_submit=True):
        st.markdown(tr("**Attach evidence**", "**Lampirkan bukti dukung**"))
        if off:
            st.info("🔒 " + _locked_reason(lock, code, period))  # type: ignore[arg-type]
        up = st.file_uploader(tr("File (PDF, PNG/JPEG, XLSX/CSV; at most 10 MB)",
                                 "Berkas (PDF, PNG/JPEG, XLSX/CSV; paling besar 10 MB)"), type=UPLOAD_TYPES,
                              key=f"evd_file_{code}_{period}", disabled=off)
        url = st.text_input(tr("... or a link (http/https)", "... atau tautan (http/https)"), key=f"evd_url_{code}",
                            disabled=off)
        desc = st.text_input(tr("Short description (what it shows)", "Keterangan singkat (apa yang ditunjukkan)"),
                             max_chars=ev.MAX_DESCRIPTION, key=f"evd_desc_{code}", disabled=off)
        go = st.form_submit_button(tr("Attach", "Lampirkan"), disabled=off)
    if not go:
        return
    sid = persistence.ensure_workspace()
    if sid is None:
        st.error(tr("Storage is not available; evidence cannot be kept.",
                    "Penyimpanan tidak tersedia; bukti tidak dapat disimpan."))
        return
    try:
        if up is not None:
            ev.add_file(persistence.store(), sid, code, period, up.name, up.getvalue(), desc, persistence.actor())
        elif url.strip():
            ev.add_link(persistence.store(), sid, code, period, url, desc, persistence.actor())
        else:
            st.info(tr("Choose a file or type a link.", "Pilih berkas atau ketik tautan."))
            return
    except (ev.EvidenceError, vf.RightsError) as exc:  # RightsError: the period was locked meanwhile
        _refused(exc)
        return
    st.session_state["_evd_flash"] = tr(f"Evidence attached to {code} {period}.",
                                        f"Bukti dilampirkan pada {code} {period}.")
    st.rerun()  # the list above the form must show the new evidence


def _narrative(sc: Scorecard, code: str, period: str, lock: vf.Lock | None = None) -> None:
    """The narrative form (disabled while the period is locked; a commit would be refused anyway)."""
    note = sc.note(code, period) or Note(code, period)
    key = f"evd_narr_text_{code}_{period}"
    typed = st.session_state.get(key)
    if lock is not None and isinstance(typed, str) and typed.strip() != note.narrative:
        new = sc.copy()
        new.notes = [n for n in new.notes if (n.kpi, n.period) != (code, period)]
        new.notes.append(Note(code, period, note.root_cause, note.action, note.owner, note.due, typed.strip()))
        refusal = vf.guard(sc, new, {period: lock})
        _refused_meanwhile(refusal.text(state.lang()) if refusal else "", typed, [key])
    with st.form(f"evd_narr_{code}_{period}"):
        text = st.text_area(tr("Narrative: the story behind the number (context)",
                               "Narasi: cerita di balik angka (konteks)"), value=note.narrative, max_chars=2000,
                            key=f"evd_narr_text_{code}_{period}", height=90, disabled=lock is not None)
        go = st.form_submit_button(tr("Save narrative", "Simpan narasi"), disabled=lock is not None)
    if go and text.strip() != note.narrative:
        new = sc.copy()
        new.notes = [n for n in new.notes if (n.kpi, n.period) != (code, period)]
        new.notes.append(Note(code, period, note.root_cause, note.action, note.owner, note.due, text.strip()))
        state.commit(new, kind="note", detail=f"narrative {code} {period}",
                     audit=[{"kind": "note", "target": f"{code} {period} narrative", "before": note.narrative,
                             "after": text.strip()}])
        st.success(tr("Narrative saved.", "Narasi tersimpan."))  # nothing above depends on the narrative


def _verify(sc: Scorecard, sid: int | None, code: str, period: str, inp: EvidenceInputs) -> None:
    man = sc.manual(code)
    verifier = man.verifier if man is not None and man.verifier else tr("— (none in the KPI manual)",
                                                                      "— (belum ada di Manual IKU)")
    entered = vf.entered_by(persistence.store(), sid, code, period) if sid is not None else None
    st_now = vf.status(sc, inp.verifications.get((code, period)), code, period)
    st.markdown(tr(f"Entered by: **{entered or '—'}**  \nVerifier: **{verifier}**  \nStatus: {label(st_now, 'en')}",
                   f"Diisi oleh: **{entered or '—'}**  \nVerifikator: **{verifier}**  \nStatus: {label(st_now, 'id')}"))
    if st_now != "verified" and st.button(tr("Mark verified", "Tandai terverifikasi"),
                                          key=f"evd_verify_{code}_{period}"):
        sid = persistence.ensure_workspace()
        try:
            vf.verify(persistence.store(), sid, sc, code, period, persistence.actor())  # type: ignore[arg-type]
        except vf.RightsError as exc:
            _refused(exc)
            return
        st.rerun()


def _lock(sc: Scorecard, period: str, inp: EvidenceInputs) -> None:
    lock = inp.locks.get(period)
    if lock is None:
        if st.button(tr(f"Lock {period}", f"Kunci {period}"), key=f"evd_lock_{period}",
                     help=tr("After verification: values of the period can no longer change until unlocked.",
                             "Setelah verifikasi: nilai periode ini tidak bisa diubah sampai kuncinya dibuka.")):
            try:
                vf.lock_period(persistence.store(), persistence.ensure_workspace(), sc, period,  # type: ignore[arg-type]
                               persistence.actor())
            except vf.RightsError as exc:
                _refused(exc)
                return
            st.rerun()
        return
    st.warning(tr(f"🔒 {period} is locked by {lock.locked_by} ({components.local_time(lock.locked_at)}).",
                  f"🔒 {period} dikunci oleh {lock.locked_by} ({components.local_time(lock.locked_at)})."))
    reason = st.text_input(tr("Reason for unlocking (recorded)", "Alasan membuka kunci (dicatat)"),
                           key=f"evd_unlock_reason_{period}")
    if st.button(tr(f"Unlock {period}", f"Buka kunci {period}"), key=f"evd_unlock_{period}"):
        try:
            vf.unlock_period(persistence.store(), persistence.ensure_workspace(), sc, period,  # type: ignore[arg-type]
                             persistence.actor(), reason)
        except vf.RightsError as exc:
            _refused(exc)
            return
        st.rerun()


def evidence_section(sc: Scorecard, period: str) -> None:
    """The whole section for ``period`` (see the module docstring)."""
    lang = state.lang()
    st.subheader(tr(f"8. Evidence and verification — {period}", f"8. Bukti dukung dan verifikasi — {period}"))
    if not period or not sc.kpis:
        return
    if st.session_state.get("_evd_flash"):
        st.success(st.session_state.pop("_evd_flash"))
    inp = evidence_inputs()
    _status_table(sc, period, inp)
    codes = [k.code for k in sc.kpis if sc.measurement(k.code, period) is not None]
    if not codes:
        return
    code = st.selectbox(tr("KPI", "IKU"), codes, key="evd_kpi", format_func=lambda c: f"{c} · {sc.kpi(c).name(lang)}")
    sid = persistence.workspace_id()
    lock = inp.locks.get(period)
    left, right = st.columns([3, 2], gap="large")
    with left:
        if sid is not None:
            _evidence_list(sid, code, period, lock)
        else:
            st.warning(tr(f"{code} {period} has no evidence yet.", f"{code} {period} belum punya bukti dukung."))
        _attach(code, period, lock)
    with right:
        _verify(sc, sid, code, period, inp)
        _narrative(sc, code, period, lock)
        _lock(sc, period, inp)
    if not persistence.actor() or persistence.actor() == "browser":
        st.caption(tr("Type your name in the sidebar: evidence, verification and locks are recorded under it.",
                      "Ketik nama Anda di panel samping: bukti, verifikasi dan kunci dicatat atas nama itu."))


def narrative_html(text: str) -> str:
    """A narrative as a small muted line under a KPI's name ('' when there is none); escaped."""
    return f'<div class="sc-muted" style="font-size:.85em">{html.escape(text)}</div>' if text.strip() else ""


def cell_context_html(sc: Scorecard, code: str, period: str) -> str:
    """The heatmap drill-down's context of one KPI-period: narrative, evidence count, verification."""
    inp = evidence_inputs()
    note = sc.note(code, period)
    n = inp.counts.get((code, period), 0)
    ver = vf.status(sc, inp.verifications.get((code, period)), code, period)
    evid = (tr(f"{n} piece(s) of evidence", f"{n} bukti dukung") if n
            else "⚠ " + tr("no evidence", "tanpa bukti dukung"))
    lock = " · 🔒" if period in inp.locks else ""
    story = (f'<div style="margin:.3rem 0"><b>{html.escape(tr("Narrative", "Narasi"))}:</b> '
             f'{html.escape(note.narrative)}</div>' if note is not None and note.narrative.strip() else "")
    return f'{story}<div class="sc-muted">{html.escape(evid)} · {html.escape(label(ver, state.lang()))}{lock}</div>'
