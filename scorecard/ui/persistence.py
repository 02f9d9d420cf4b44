"""Autosave and browser-refresh recovery (filled in by the storage work; no-ops until then)."""

from __future__ import annotations

from typing import Any

from scorecard.model import Scorecard


def restore() -> Scorecard | None:
    """The scorecard saved for this browser session, if any."""
    return None


def autosave(sc: Scorecard, *, kind: str, detail: str, audit: list[dict[str, Any]]) -> None:
    """Persist an accepted change (no store configured yet)."""
    return None
