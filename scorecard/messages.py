"""Bilingual user-facing messages and validation problems.

Every rule module writes its own texts next to the rule (so a newcomer finds the rule and its
message in one place) and wraps them in :class:`Msg`. Nothing here knows any specific rule.

Languages: ``"en"`` (English) and ``"id"`` (Bahasa Indonesia).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["en", "id"]
LANGS: tuple[Lang, ...] = ("id", "en")
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Msg:
    """A message in both languages, already formatted.

    ``code`` is a stable machine identifier (for tests and for the UI to pick icons).
    """

    code: str
    en: str
    id: str

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` ("id" or "en"; anything else falls back to English)."""
        return self.id if lang == "id" else self.en

    def __str__(self) -> str:
        return self.en


@dataclass(frozen=True)
class Localized:
    """A message parameter written differently per language, e.g. a number in each language's style
    ("1,594,757,792" / "1.594.757.792"); made by :func:`scorecard.display.localized`."""

    en: str
    id: str


def msg(code: str, en: str, id: str, **params: object) -> Msg:
    """Build a :class:`Msg`, formatting both templates with ``params`` (a :class:`Localized`
    parameter gives each language its own text)."""
    p_en = {k: v.en if isinstance(v, Localized) else v for k, v in params.items()}
    p_id = {k: v.id if isinstance(v, Localized) else v for k, v in params.items()}
    return Msg(code=code, en=en.format(**p_en), id=id.format(**p_id))


@dataclass(frozen=True)
class Problem:
    """One finding about user input: where it is, what was found, what is wrong, how to fix it.

    ``sheet`` and ``cell`` (A1 notation) are empty when the problem is not tied to a cell
    (for example a whole-file problem).
    """

    severity: Severity
    what: Msg
    fix: Msg | None = None
    sheet: str = ""
    cell: str = ""
    value: str = ""

    @property
    def code(self) -> str:
        return self.what.code

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def where(self, lang: str = "en") -> str:
        """'Sheet "Data", cell C7' / 'Lembar "Data", sel C7' (or '' when not tied to a sheet)."""
        if not self.sheet:
            return ""
        if lang == "id":
            base = f'Lembar "{self.sheet}"'
            return f"{base}, sel {self.cell}" if self.cell else base
        base = f'Sheet "{self.sheet}"'
        return f"{base}, cell {self.cell}" if self.cell else base

    def text(self, lang: str = "en") -> str:
        """One line for people: where, value found, what is wrong, how to fix it."""
        parts = []
        where = self.where(lang)
        if where:
            parts.append(where)
        if self.value != "":
            parts.append(("nilai" if lang == "id" else "value") + f' "{self.value}"')
        head = ", ".join(parts)
        body = self.what.text(lang)
        line = f"{head}: {body}" if head else body
        if self.fix is not None:
            line += " " + self.fix.text(lang)
        return line


@dataclass
class Report:
    """An ordered collection of problems with errors and warnings kept apart."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: list[Problem] | Report) -> None:
        items = problems.problems if isinstance(problems, Report) else problems
        self.problems.extend(items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def text(self, lang: str = "en") -> str:
        """The whole report, errors first, as plain text lines."""
        lines: list[str] = []
        if self.errors:
            lines.append(("Kesalahan" if lang == "id" else "Errors") + f" ({len(self.errors)}):")
            lines += ["  - " + p.text(lang) for p in self.errors]
        if self.warnings:
            lines.append(("Peringatan" if lang == "id" else "Warnings") + f" ({len(self.warnings)}):")
            lines += ["  - " + p.text(lang) for p in self.warnings]
        if not lines:
            lines.append("Tidak ada masalah." if lang == "id" else "No problems found.")
        return "\n".join(lines)
