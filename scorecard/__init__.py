"""Balanced Scorecard engine: AHP weights, OMAX scoring, traffic lights (no Streamlit here).

The package is layered; each layer imports only the layers above it in this list:

* base: :mod:`scorecard.model` (the dataclasses), :mod:`scorecard.messages` (bilingual messages)
* :mod:`scorecard.io`       numbers and periods as typed, upload safety, the workbook format
* :mod:`scorecard.method`   AHP, weights, OMAX, lights, scoring, what-if (METHOD.md)
* :mod:`scorecard.store`    database, audit log, workspaces, workshops
* :mod:`scorecard.charts`   plotly figures; :mod:`scorecard.reports` Excel / Word / PDF documents
* :mod:`scorecard.ui`       Streamlit helpers (the only Streamlit code outside ``app.py``/``pages/``)
* :mod:`scorecard.cli`      ``python -m scorecard ...`` (one module per group of commands)

The short names of the first release keep working for notebooks: ``scorecard.ahp.analyze``,
``import scorecard.workbook`` and so on are the modules in their new rooms.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys

#: Old flat module name -> its home now.
LEGACY = {
    "ahp": "scorecard.method.ahp",
    "weights": "scorecard.method.weights",
    "omax": "scorecard.method.omax",
    "lights": "scorecard.method.lights",
    "scoring": "scorecard.method.scoring",
    "whatif": "scorecard.method.whatif",
    "numbers": "scorecard.io.numbers",
    "preflight": "scorecard.io.preflight",
    "workbook": "scorecard.io.workbook",
    "template": "scorecard.io.writer",
    "demo": "scorecard.io.demo",
    "reference_case": "scorecard.io.reference_case",
    "storage": "scorecard.store.storage",
    "serialize": "scorecard.store.serialize",
    "workshop": "scorecard.store.workshop",
    "report": "scorecard.reports.excel",
}


class _LegacyAlias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """``import scorecard.ahp`` gives the very module object of ``scorecard.method.ahp``."""

    def find_spec(self, fullname, path=None, target=None):  # noqa: ANN001 - importlib protocol
        short = fullname.removeprefix(__name__ + ".")
        if fullname.startswith(__name__ + ".") and short in LEGACY:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):  # noqa: ANN001
        module = importlib.import_module(LEGACY[spec.name.removeprefix(__name__ + ".")])
        self._own_spec = module.__spec__
        return module

    def exec_module(self, module):  # noqa: ANN001
        # importlib stamped the alias spec on the real module; give it back its own.
        module.__spec__ = self._own_spec


sys.meta_path.insert(0, _LegacyAlias())


def __getattr__(name: str):
    if name in LEGACY:
        return importlib.import_module(LEGACY[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
