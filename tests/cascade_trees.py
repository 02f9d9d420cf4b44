"""Small hand-made cascade trees for the tests (numbers chosen to be checked by hand)."""

from __future__ import annotations

from scorecard.model import (
    KPI,
    CascadeLink,
    Measurement,
    Objective,
    Perspective,
    Scorecard,
    ScorecardTree,
    SkpIndicator,
    Unit,
)


def mini(name: str, objective: str, kpis: dict[str, dict[str, tuple[float | None, float | None]]]) -> Scorecard:
    """One perspective, one objective ``objective`` and KPIs {code: {period: (target, actual)}}.

    Every KPI: higher is better, worst 0, baseline (level 3) 50 in every period, so with target
    100 an actual x in [50, 100] has level 3 + 7 (x - 50) / 50 and in [0, 50] level 3 x / 50."""
    sc = Scorecard(name=name, perspectives=[Perspective("Customer", "Customer", "Pelanggan")],
                   objectives=[Objective(objective, "Customer", f"Objective {objective}")])
    for code, series in kpis.items():
        sc.kpis.append(KPI(code, objective, f"KPI {code}", unit="cases", worst=0.0))
        for period, (target, actual) in series.items():
            sc.measurements.append(Measurement(code, period, target=target, actual=actual, baseline=50.0))
    return sc


def office_two_units(rule: str = "sum", typed: float | None = None, weights: tuple[float, float] = (1.0, 1.0)
                     ) -> ScorecardTree:
    """Office O (KPI K1, target 100, own actual ``typed``) with units A (a1 = 30) and B (b1 = 50) in 2024."""
    office = mini("Office", "S1", {"K1": {"2024": (100.0, typed)}, "K2": {"2024": (100.0, 90.0)}})
    a = mini("Unit A", "A1", {"a1": {"2024": (60.0, 30.0)}})
    b = mini("Unit B", "B1", {"b1": {"2024": (40.0, 50.0)}})
    return ScorecardTree("t", [Unit("O", "Office", office), Unit("A", "Unit A", a, "O"), Unit("B", "Unit B", b, "O")],
                         [CascadeLink("A", "a1", "K1", rule, weights[0]), CascadeLink("B", "b1", "K1", rule, weights[1])])


def three_levels() -> ScorecardTree:
    """Office O <- units A, B; sub-unit AX under A; employees under B.

    AX.x1 = 12 (sum) -> A.a1; A.a1 has its own 30 typed, rolled = 12 + (no other) = 12.
    B.b1 = sum of SKP realisasi 20 + 15 = 35. K1 = sum of a1 + b1 = 12 + 35 = 47.
    A.a2 supports nothing (alignment gap); office K2 is supported by no unit.
    """
    office = mini("Office", "S1", {"K1": {"2024": (100.0, None)}, "K2": {"2024": (100.0, 90.0)}})
    a = mini("Unit A", "A1", {"a1": {"2024": (60.0, 30.0)}, "a2": {"2024": (10.0, 9.0)}})
    ax = mini("Sub-unit AX", "X1", {"x1": {"2024": (20.0, 12.0)}})
    b = mini("Unit B", "B1", {"b1": {"2024": (40.0, None)}})
    skp = [
        SkpIndicator("B", "1987001", "Sari", "s1", "Layanan cepat", "Berkas selesai", "2024", 25.0, 20.0,
                     "berkas", supports="b1", rule="sum"),
        SkpIndicator("B", "1990002", "Budi", "s1", "Layanan cepat", "Berkas selesai", "2024", 15.0, 15.0,
                     "berkas", supports="b1", rule="sum"),
    ]
    return ScorecardTree(
        "three", [Unit("O", "Office", office), Unit("A", "Unit A", a, "O"), Unit("AX", "Sub-unit AX", ax, "A"),
                  Unit("B", "Unit B", b, "O")],
        [CascadeLink("AX", "x1", "a1", "sum"), CascadeLink("A", "a1", "K1", "sum"),
         CascadeLink("B", "b1", "K1", "sum")], skp)
