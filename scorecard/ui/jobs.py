"""Heavy work off the Streamlit script thread: the page-side helpers of :mod:`scorecard.store.jobs`.

:func:`run` runs a pure, picklable function in a job process (time, memory and queue limits) and
shows the bilingual "busy" / "too long" / "too much memory" message itself when the job did not
give a value; the caller gets the value or None. :func:`download_data` does the same for the
lazily built data of a download button (a report, a Word or PDF document): as a download cannot
show a message, a failed build gives a short text file that says what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from scorecard.store import jobs
from scorecard.store.jobs import JobOutcome
from scorecard.ui import state


def run_outcome(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> JobOutcome:
    """``fn(*args, **kwargs)`` in a job process; the outcome, nothing shown."""
    return jobs.runner().run(fn, *args, **kwargs)


def show(outcome: JobOutcome) -> None:
    """The message of a job that gave no value (a warning for "busy", an error otherwise)."""
    if outcome.ok or outcome.message is None:
        return
    text = outcome.message.text(state.lang())
    if outcome.problem == "busy":
        st.warning(text, icon=":material/hourglass_top:")
    else:
        st.error(text, icon=":material/error:")


def run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The value of ``fn(*args, **kwargs)`` run as a job, or None after showing why there is none."""
    outcome = run_outcome(fn, *args, **kwargs)
    show(outcome)
    return outcome.value if outcome.ok else None


def download_data(msg_lang: str, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Callable[[], bytes]:
    """A ``data`` callable for ``st.download_button``: builds ``fn(*args, **kwargs)`` in a job when clicked
    (text is encoded as UTF-8).

    When the job gives no value the download holds a short UTF-8 text saying why (busy, too long,
    too much memory), in ``msg_lang`` (read it in the page script: the callback runs outside it).
    """
    def build() -> bytes:
        outcome = run_outcome(fn, *args, **kwargs)
        if outcome.ok:
            value = outcome.value
            return value.encode("utf-8") if isinstance(value, str) else value
        return (outcome.message.text(msg_lang) if outcome.message else "").encode("utf-8")
    return build
