"""Import jsonschema_rs without the ~14 ms its build stamp costs.

When jsonschema_rs's extension module initialises, it records how it was built
(pyo3-built's ``jsonschema_rs.jsonschema_rs.__build__``) and turns the build time into a
``datetime`` with ``email.utils.parsedate_to_datetime``. Importing ``email.utils`` pulls
in socket, selectors, datetime, random, calendar, urllib.parse, base64 and quopri: about
14 ms of a ~20 ms import, paid by every run that validates with jsonschema_rs (a large
lint, a pre-commit run with a finding), for one value nobody reads.

``load`` imports jsonschema_rs with a stand-in ``email.utils`` in ``sys.modules`` for the
length of the import. Its only function, ``parsedate_to_datetime``, returns the text it
is given, so ``__build__["info-time"]`` stays a string. The stand-in is removed as soon
as the import ends, whether it worked or not, so ``import email.utils`` gives the real
module afterwards. It is used only when ``email.utils`` has not been imported already
(then there is nothing to save), and if the import fails with it for any reason (a later
jsonschema_rs that wants more of ``email.utils``), the import is tried again without it.

The package's ``__init__`` also imports ``typing``, for ``TYPE_CHECKING`` alone: ~15M
instructions (~5 ms) before a large run's fork, which nothing on the fast path uses
after it. When ``typing`` is not imported yet, a second stand-in with only
``TYPE_CHECKING = False`` stands in for it during the same import, under the same rules
(removed at once; on any failure the import is tried again with neither stand-in).
Call it from the main thread, before starting threads that import modules.
"""

from __future__ import annotations

import sys
from types import ModuleType

_STANDIN = "email.utils"
_TYPING = "typing"
_loaded: ModuleType | None = None


def _parsedate_to_datetime(text: str) -> str:
    """The stand-in's ``parsedate_to_datetime``: the build time, left as text."""
    return text


def _standin() -> ModuleType:
    module = ModuleType(_STANDIN, "spec_compiler.rsimport's stand-in, during one import")
    module.parsedate_to_datetime = _parsedate_to_datetime  # type: ignore[attr-defined]
    return module


def _typing_standin() -> ModuleType:
    module = ModuleType(_TYPING, "spec_compiler.rsimport's stand-in, during one import")
    module.TYPE_CHECKING = False  # type: ignore[attr-defined]
    return module


def _forget_package() -> None:
    """Drop what a failed import left of jsonschema_rs's Python modules.

    The extension module stays where it got to: an extension initialised once cannot be
    initialised again in the same process, and the package's ``__init__`` finds it in
    ``sys.modules``.
    """
    for name in [n for n in sys.modules if n == "jsonschema_rs" or n.startswith("jsonschema_rs.")]:
        if name != "jsonschema_rs.jsonschema_rs":
            del sys.modules[name]


def load() -> ModuleType:
    """The ``jsonschema_rs`` module; raises ``ImportError`` as ``import jsonschema_rs``
    would when it is not installed."""
    global _loaded
    if _loaded is None:
        if "jsonschema_rs" in sys.modules or _STANDIN in sys.modules:
            _loaded = _plain_import()
        else:
            _loaded = _import_with_standin()
    return _loaded


def _plain_import() -> ModuleType:
    module: ModuleType = __import__("jsonschema_rs")
    return module


def _import_with_standin() -> ModuleType:
    standin = sys.modules[_STANDIN] = _standin()
    typing = None
    if _TYPING not in sys.modules:
        typing = sys.modules[_TYPING] = _typing_standin()
    try:
        return _plain_import()
    except ModuleNotFoundError as exc:
        if exc.name == "jsonschema_rs":
            raise
    except Exception:  # tried again below, without the stand-in
        pass
    finally:
        if sys.modules.get(_STANDIN) is standin:
            del sys.modules[_STANDIN]
        if typing is not None and sys.modules.get(_TYPING) is typing:
            del sys.modules[_TYPING]
        email = sys.modules.get("email")
        if email is not None and getattr(email, "utils", None) is standin:
            del email.utils
    _forget_package()
    return _plain_import()
