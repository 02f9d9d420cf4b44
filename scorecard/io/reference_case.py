"""The reference study (SAMSAT Karang Ploso, 2009-2010) loaded from its CSV inputs.

The CSVs are the study's full inputs (``data/reference/``, a copy of
``shared/reference/samsat-karang-ploso``). The built-in demo workbook ``data/demo.xlsx`` is
generated from them (``python -m scorecard demo-workbook``); tests compare both with the study.

Settings follow the study: the approximate AHP method (normalised columns, row means), Saaty's
RI table, CR <= 0.10. The study's own OMAX anchors (``thesis_anchors.csv``) apply to 2010.
"""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path

from scorecard.io.numbers import parse_value
from scorecard.model import KPI, ROOT, Anchor, Link, Measurement, Objective, Perspective, Scorecard, Settings

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"

PERSPECTIVE_ID = {
    "Financial": "Keuangan",
    "Customer": "Pelanggan",
    "Internal Business Process": "Proses Bisnis Internal",
    "Learning and Growth": "Pembelajaran dan Pertumbuhan",
}

OBJECTIVE_ID = {
    "F1": "Meningkatkan pendapatan asli daerah (PAD)",
    "F2": "Meningkatkan produktivitas",
    "C1": "Meningkatkan kepuasan pelanggan",
    "C2": "Meningkatkan kepuasan pegawai",
    "C3": "Meningkatkan komitmen pegawai",
    "C4": "Meningkatkan kecepatan pelayanan",
    "I1": "Mengembangkan perencanaan karier pegawai",
    "I2": "Meningkatkan kualitas hubungan kerja",
    "I3": "Menerapkan administrasi berbasis TI",
    "I4": "Menyusun program kerja yang tepat",
    "L1": "Meningkatkan keterampilan dan kompetensi pegawai",
    "L2": "Membangun kompetensi manajemen SDM",
}

UNIT_ID = {"count": "kali", "days": "hari", "%": "%", "Rp": "Rp", "Rp/employee": "Rp/pegawai"}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_reference(folder: Path = REFERENCE_DIR) -> Scorecard:
    """Build the study's scorecard from its CSV inputs."""
    sc = Scorecard(name="SAMSAT Karang Ploso", organisation="SAMSAT Karang Ploso, Malang (Jawa Timur)",
                   settings=Settings(priority_method="approx", ri_table="saaty", cr_policy="fixed", locale="id"))
    for r in _rows(folder / "kpis.csv"):
        if not any(p.key == r["perspective"] for p in sc.perspectives):
            sc.perspectives.append(Perspective(r["perspective"], r["perspective"],
                                               PERSPECTIVE_ID.get(r["perspective"], "")))
        if not any(o.code == r["objective_code"] for o in sc.objectives):
            sc.objectives.append(Objective(r["objective_code"], r["perspective"], r["objective"],
                                           OBJECTIVE_ID.get(r["objective_code"], "")))
        sc.kpis.append(KPI(code=r["kpi_code"], objective=r["objective_code"], name_en=r["kpi_name_en"],
                           name_id=r["kpi_name_id"], unit=r["unit"], direction=r["direction"],  # type: ignore[arg-type]
                           worst=float(r["worst"]), ratio_use="numerator"))
        for year in ("2009", "2010"):
            printed = r[f"actual_{year}_as_printed"]
            parsed = parse_value(printed, locale="id")
            sc.measurements.append(Measurement(
                kpi=r["kpi_code"], period=year, target=float(r[f"target_{year}"]),
                actual=float(r[f"actual_{year}"]), actual_text=printed,
                numerator=parsed.numerator if parsed.kind == "ratio" else None,
                denominator=parsed.denominator if parsed.kind == "ratio" else None))
    for r in _rows(folder / "judgments.csv"):
        node = ROOT if r["node"] == "Scorecard" else r["node"]
        sc.set_judgment(node, r["a"], r["b"], float(Fraction(r["value"])))
    for r in _rows(folder / "strategy_map.csv"):
        sc.links.append(Link(r["cause"], r["effect"]))
    for r in _rows(folder / "thesis_anchors.csv"):
        sc.anchors.append(Anchor(kpi=r["kpi_code"], level=int(r["level"]), value=float(r["value"]),
                                 period="2010", note=r["why"]))
    return sc
