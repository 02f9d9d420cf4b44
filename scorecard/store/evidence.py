"""Evidence (bukti dukung) per KPI and period: files stored in the database, or links.

Safety rules (issue #16)
------------------------
* Files: PDF, PNG, JPEG, XLSX and CSV only, at most :data:`MAX_BYTES` (10 MB). The type is decided
  by the bytes (magic numbers), never by the browser's content type: a PDF must start with
  ``%PDF-``, a PNG with its 8-byte signature, a JPEG with ``FF D8 FF``; XLSX and CSV go through the
  upload gate :func:`scorecard.io.preflight.preflight` (zip bombs, XML entities, HTML pretending to
  be a spreadsheet), and macro workbooks are refused. The file name's extension must match the
  bytes, so an HTML page named ``report.pdf`` or a PNG named ``data.xlsx`` is refused with a message.
* Stored bytes are never executed, parsed for display or rendered as HTML. They leave only as
  downloads: :func:`download_headers` gives the sniffed content type, ``attachment`` disposition
  with a cleaned file name, and ``X-Content-Type-Options: nosniff``.
* Links: ``http`` and ``https`` only, with a host, no user name or password, at most 2000 characters.
* Every piece of evidence has a short description (1..300 characters). Adding and deleting are
  written to the audit log (kind ``evidence``) in the same transaction.
* A locked period's evidence is the evidence that was reported: adding to or deleting from a period
  locked after verification raises :class:`scorecard.store.verification.RightsError` (the one lock
  rule, :func:`scorecard.store.verification.refuse_if_locked`, checked inside the transaction) until a
  verifier unlocks the period.

Refusals raise :class:`EvidenceError` whose ``.msg`` is bilingual and names the file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from scorecard import display
from scorecard.io.preflight import preflight
from scorecard.messages import Msg, msg
from scorecard.model import Scorecard
from scorecard.store.storage import Change, ScorecardNotFound, Store, evidence, scorecards
from scorecard.store.verification import refuse_if_locked

__all__ = ["MAX_BYTES", "TYPES", "EvidenceError", "Evidence", "sniff", "add_file", "add_link", "list_evidence",
           "file_bytes", "delete_evidence", "counts", "missing", "download_headers", "safe_filename"]

#: Largest file accepted, in bytes (10 MB).
MAX_BYTES = 10 * 1024 * 1024
#: Longest description, in characters.
MAX_DESCRIPTION = 300
MAX_URL = 2000

#: Accepted types: key -> (content type sent on download, accepted extensions).
TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "pdf": ("application/pdf", (".pdf",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "csv": ("text/csv", (".csv",)),
}
_NAMES = {"pdf": "PDF", "png": "PNG", "jpeg": "JPEG", "xlsx": "Excel (.xlsx)", "csv": "CSV"}
_ALLOWED_TEXT = "PDF, PNG, JPEG, XLSX, CSV"


class EvidenceError(ValueError):
    """Evidence refused; ``.msg`` says why in both languages (str() is English)."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.msg = message


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence (without the file's bytes: see :func:`file_bytes`)."""

    id: int
    scorecard_id: int
    kpi: str
    period: str
    kind: str  # "file" or "link"
    description: str
    filename: str | None
    content_type: str | None
    size: int | None
    sha256: str | None
    url: str | None
    added_at: datetime
    added_by: str


# ---- checks -------------------------------------------------------------------------------------


def _mb(n: int, lang: str = "en") -> str:
    """A size in MB with 1 decimal in the language's number style (scorecard.display)."""
    return display.number(n / 1024 / 1024, lang, 1)


def _refuse(code: str, en: str, id_: str, **params: object) -> EvidenceError:
    return EvidenceError(msg(f"evidence.{code}", en, id_, **params))


def _magic(data: bytes) -> str | None:
    """The type the first bytes announce (None when none of the accepted binary types)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe",
                            b"<meta", b"<!--", b"<div", b"<table"))


def sniff(data: bytes, filename: str) -> str:
    """The accepted type key of a file (see :data:`TYPES`), or :class:`EvidenceError` saying why not."""
    name = filename or "?"
    if not data:
        raise _refuse("empty", 'The file "{f}" is empty.', 'Berkas "{f}" kosong.', f=name)
    if len(data) > MAX_BYTES:
        raise _refuse("too_large", 'The file "{f}" is {s} MB; the limit is {m} MB. Reduce it (e.g. scan at a lower '
                      "resolution) or add a link instead.",
                      'Berkas "{f}" berukuran {s_id} MB; batasnya {m_id} MB. Perkecil (mis. pindai dengan resolusi lebih '
                      "rendah) atau tambahkan tautan.", f=name, s=_mb(len(data)), m=_mb(MAX_BYTES),
                      s_id=_mb(len(data), "id"), m_id=_mb(MAX_BYTES, "id"))
    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = next((k for k, (_, exts) in TYPES.items() if ext in exts), None)
    if claimed is None:
        raise _refuse("type", 'The file "{f}" is not an accepted type. Accepted: {a}.',
                      'Jenis berkas "{f}" tidak diterima. Yang diterima: {a}.', f=name, a=_ALLOWED_TEXT)
    magic = _magic(data)
    if _looks_like_html(data):
        raise _refuse("html", 'The file "{f}" is named {e} but is a web page (HTML); web pages are never accepted.',
                      'Berkas "{f}" bernama {e} tetapi isinya halaman web (HTML); halaman web tidak pernah '
                      "diterima.", f=name, e=ext)
    if claimed in ("pdf", "png", "jpeg"):
        if magic != claimed:
            found = _NAMES.get(magic or "", "")
            raise _refuse("mismatch", 'The file "{f}" is named {e} but its content is not {t}{x}. Choose the right '
                          "file, or save it again as {t}.",
                          'Berkas "{f}" bernama {e} tetapi isinya bukan {t}{xi}. Pilih berkas yang benar, atau simpan '
                          "ulang sebagai {t}.", f=name, e=ext, t=_NAMES[claimed],
                          x=f" (it is {found})" if found else "", xi=f" (isinya {found})" if found else "")
        return claimed
    pre = preflight(data, name)
    kind = pre.kind
    if not pre.ok or kind not in ("xlsx", "xlsm", "csv") or (claimed == "xlsx") != (kind in ("xlsx", "xlsm")):
        why = pre.errors[0].what if pre.errors else None
        raise _refuse("bad_sheet", 'The file "{f}" is named {e} but is not a readable {t} file{w}.',
                      'Berkas "{f}" bernama {e} tetapi bukan berkas {t} yang terbaca{wi}.', f=name, e=ext,
                      t=_NAMES[claimed], w=f": {why.en}" if why else "", wi=f": {why.id}" if why else "")
    if kind == "xlsm" or pre.macro:
        raise _refuse("macro", 'The workbook "{f}" contains macros; save it as a plain .xlsx workbook.',
                      'Buku kerja "{f}" berisi makro; simpan ulang sebagai buku kerja .xlsx biasa.', f=name)
    return claimed


def safe_filename(filename: str, kind: str) -> str:
    """A download name: ASCII letters, digits, ``-_.`` and spaces only, at most 100 characters, ending
    in the sniffed type's extension."""
    base = unicodedata.normalize("NFKD", filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    base = base.encode("ascii", "ignore").decode()
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^A-Za-z0-9 _.-]+", "_", stem).strip(" ._")[:90] or "bukti"
    return stem + TYPES[kind][1][0]


def _description(text: str) -> str:
    d = " ".join((text or "").split())
    if not d:
        raise _refuse("no_description", "Add a short description of the evidence (what it shows).",
                      "Tambahkan keterangan singkat tentang bukti ini (apa yang ditunjukkannya).")
    if len(d) > MAX_DESCRIPTION:
        raise _refuse("long_description", "The description has {n} characters; keep it under {m}.",
                      "Keterangan berisi {n} karakter; batasnya {m}.", n=len(d), m=MAX_DESCRIPTION)
    return d


def check_url(url: str) -> str:
    """The link, stripped, when it is http(s) with a host and no credentials; else :class:`EvidenceError`."""
    u = (url or "").strip()
    parts = urllib.parse.urlsplit(u)
    if (len(u) > MAX_URL or parts.scheme.lower() not in ("http", "https") or not parts.hostname
            or parts.username or parts.password or any(ch.isspace() or ord(ch) < 32 for ch in u)):
        raise _refuse("url", 'The link "{u}" is not accepted: use a full web address starting with http:// or '
                      "https:// (no password in it).",
                      'Tautan "{u}" tidak diterima: pakai alamat web lengkap yang diawali http:// atau https:// '
                      "(tanpa kata sandi).", u=u[:80])
    return u


def download_headers(ev: Evidence) -> dict[str, str]:
    """HTTP headers for serving a stored file: never inline, never sniffed by the browser."""
    if ev.kind != "file" or ev.content_type is None or ev.filename is None:
        raise ValueError("only files are downloaded")
    return {"Content-Type": ev.content_type, "Content-Disposition": f'attachment; filename="{ev.filename}"',
            "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox"}


# ---- storage ------------------------------------------------------------------------------------


def _target(kpi: str, period: str) -> str:
    return f"{kpi} {period}"


def _require_scorecard(conn: sa.Connection, scorecard_id: int) -> None:
    if conn.scalar(sa.select(scorecards.c.id).where(scorecards.c.id == scorecard_id)) is None:
        raise ScorecardNotFound(scorecard_id)


def _row(r: sa.Row) -> Evidence:
    return Evidence(r.id, r.scorecard_id, r.kpi, r.period, r.kind, r.description, r.filename, r.content_type,
                    r.size, r.sha256, r.url, r.added_at, r.added_by)


def _unlocked(conn: sa.Connection, scorecard_id: int, kpi: str, period: str, deleting: bool) -> None:
    what = (f"the evidence of {kpi} {period}", f"bukti dukung {kpi} {period}")
    if deleting:
        what = (f"the evidence of {kpi} {period} (deleting it)", f"bukti dukung {kpi} {period} (menghapusnya)")
    refuse_if_locked(conn, scorecard_id, period, *what)


def _insert(store: Store, scorecard_id: int, actor: str, values: dict[str, object], summary: str) -> Evidence:
    now = store.now()
    with store.begin() as conn:
        _require_scorecard(conn, scorecard_id)
        _unlocked(conn, scorecard_id, str(values["kpi"]), str(values["period"]), deleting=False)
        res = conn.execute(sa.insert(evidence).values(scorecard_id=scorecard_id, added_at=now, added_by=actor,
                                                      **values))
        new_id = int(res.inserted_primary_key[0])
        store.audit(conn, scorecard_id, actor, Change("evidence", _target(str(values["kpi"]), str(values["period"])),
                                                      None, summary))
        row = conn.execute(sa.select(*[c for c in evidence.c if c.name != "data"]).where(evidence.c.id == new_id)).one()
    return _row(row)


def add_file(store: Store, scorecard_id: int, kpi: str, period: str, filename: str, data: bytes, description: str,
             actor: str) -> Evidence:
    """Store a file as evidence for (kpi, period) after the checks in the module docstring
    (:class:`EvidenceError` for the file, ``RightsError`` when the period is locked)."""
    desc = _description(description)
    kind = sniff(data, filename)
    name = safe_filename(filename, kind)
    digest = hashlib.sha256(data).hexdigest()
    return _insert(store, scorecard_id, actor, {
        "kpi": kpi, "period": period, "kind": "file", "description": desc, "filename": name,
        "content_type": TYPES[kind][0], "size": len(data), "sha256": digest, "data": data, "url": None},
        f"file {name} ({len(data)} bytes, sha256 {digest[:12]}): {desc}")


def add_link(store: Store, scorecard_id: int, kpi: str, period: str, url: str, description: str,
             actor: str) -> Evidence:
    """Store a link (http/https) as evidence for (kpi, period) (``RightsError`` when the period is locked)."""
    desc = _description(description)
    u = check_url(url)
    return _insert(store, scorecard_id, actor, {"kpi": kpi, "period": period, "kind": "link", "description": desc,
                                                "url": u}, f"link {u}: {desc}")


def list_evidence(store: Store, scorecard_id: int, kpi: str | None = None, period: str | None = None) -> list[Evidence]:
    """Evidence of a scorecard (optionally of one KPI and/or period), oldest first, without bytes."""
    q = sa.select(*[c for c in evidence.c if c.name != "data"]).where(evidence.c.scorecard_id == scorecard_id)
    if kpi is not None:
        q = q.where(evidence.c.kpi == kpi)
    if period is not None:
        q = q.where(evidence.c.period == period)
    with store.read() as conn:
        return [_row(r) for r in conn.execute(q.order_by(evidence.c.id)).all()]


def file_bytes(store: Store, scorecard_id: int, evidence_id: int) -> bytes:
    """The stored bytes of a file (KeyError when there is no such file in this scorecard)."""
    with store.read() as conn:
        data = conn.scalar(sa.select(evidence.c.data).where(evidence.c.id == evidence_id,
                                                            evidence.c.scorecard_id == scorecard_id,
                                                            evidence.c.kind == "file"))
    if data is None:
        raise KeyError(evidence_id)
    return bytes(data)


def delete_evidence(store: Store, scorecard_id: int, evidence_id: int, actor: str) -> bool:
    """Delete one piece of evidence (audited); False when it did not exist, ``RightsError`` (nothing
    deleted) when its period is locked."""
    with store.begin() as conn:
        row = conn.execute(sa.select(evidence.c.kpi, evidence.c.period, evidence.c.filename, evidence.c.url,
                                     evidence.c.description)
                           .where(evidence.c.id == evidence_id, evidence.c.scorecard_id == scorecard_id)).first()
        if row is None:
            return False
        _unlocked(conn, scorecard_id, row.kpi, row.period, deleting=True)
        conn.execute(sa.delete(evidence).where(evidence.c.id == evidence_id))
        store.audit(conn, scorecard_id, actor, Change("evidence", _target(row.kpi, row.period),
                                                      f"{row.filename or row.url}: {row.description}", None))
    return True


def counts(store: Store, scorecard_id: int) -> dict[tuple[str, str], int]:
    """{(kpi, period): number of pieces of evidence} (pairs without evidence are absent)."""
    with store.read() as conn:
        rows = conn.execute(sa.select(evidence.c.kpi, evidence.c.period, sa.func.count())
                            .where(evidence.c.scorecard_id == scorecard_id)
                            .group_by(evidence.c.kpi, evidence.c.period)).all()
    return Counter({(r[0], r[1]): int(r[2]) for r in rows})


def missing(sc: Scorecard, have: dict[tuple[str, str], int], period: str) -> list[str]:
    """KPI codes with a reported value (an actual) in ``period`` but no evidence, in KPI order."""
    return [k.code for k in sc.kpis
            if (m := sc.measurement(k.code, period)) is not None and m.actual is not None
            and not have.get((k.code, period))]
