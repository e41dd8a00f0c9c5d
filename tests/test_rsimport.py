"""spec_compiler.rsimport: jsonschema_rs without email.utils, and nothing else changed."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_import_skips_email_utils_and_leaves_it_importable() -> None:
    out = _run("""
        import sys
        from spec_compiler import rsimport
        rs = rsimport.load()
        assert rs is rsimport.load() and rs is sys.modules["jsonschema_rs"]
        print(sorted(m for m in ("email.utils", "socket", "datetime", "calendar")
                     if m in sys.modules))
        stamp = rs.jsonschema_rs.__build__["info-time"]
        print(type(stamp).__name__)
        v = rs.validator_for({"type": "object", "required": ["a"]})
        print(v.is_valid({"a": 1}), v.is_valid({}))
        import email, email.utils
        # the real module, on the package as well: the stand-in is gone
        assert email.utils is sys.modules["email.utils"] and hasattr(email.utils, "formatdate")
        print(email.utils.parsedate_to_datetime(stamp).tzinfo is not None)
        from email.utils import parsedate_to_datetime
        assert parsedate_to_datetime is email.utils.parsedate_to_datetime
    """)
    assert out.split("\n")[:4] == ["[]", "str", "True False", "True"], out


def test_with_email_utils_already_imported_the_import_is_plain() -> None:
    out = _run("""
        import sys, email.utils
        real = sys.modules["email.utils"]
        from spec_compiler import rsimport
        rs = rsimport.load()
        assert sys.modules["email.utils"] is real
        print(type(rs.jsonschema_rs.__build__["info-time"]).__name__)
    """)
    assert out.strip() == "datetime"


def test_an_import_that_fails_with_the_stand_in_is_tried_again_without_it() -> None:
    # a jsonschema_rs that wanted more of email.utils than the stand-in has
    out = _run("""
        import sys, types
        from spec_compiler import rsimport
        rsimport._standin = lambda: types.ModuleType("email.utils")
        rs = rsimport.load()
        v = rs.validator_for({"type": "string"})
        print(v.is_valid("x"), v.is_valid(1), "email.utils" in sys.modules,
              type(rs.jsonschema_rs.__build__["info-time"]).__name__)
        assert rs.ValidationError.__module__ == "jsonschema_rs"
    """)
    assert out.strip() == "True False True datetime", out


def test_a_missing_jsonschema_rs_raises_import_error() -> None:
    out = _run("""
        import sys
        sys.modules["jsonschema_rs"] = None  # as if not installed
        from spec_compiler import rsimport
        try:
            rsimport.load()
        except ImportError:
            print("ImportError", "email.utils" in sys.modules)
    """)
    assert out.strip() == "ImportError False"


def test_the_import_skips_typing_and_leaves_it_importable() -> None:
    out = _run("""
        import sys
        assert "typing" not in sys.modules
        from spec_compiler import rsimport
        rs = rsimport.load()
        print("typing" in sys.modules, rs.validator_for({"type": "string"}).is_valid("x"))
        import typing
        assert typing is sys.modules["typing"] and hasattr(typing, "Any")
        for name, module in list(sys.modules.items()):  # nothing kept the stand-in
            assert all(v is typing for v in vars(module).values()
                       if type(v) is type(sys) and v.__name__ == "typing"), name
    """)
    assert out.strip() == "False True", out


def test_an_import_that_fails_with_the_typing_stand_in_is_tried_again_without_it() -> None:
    # a jsonschema_rs whose __init__ wanted more of typing than TYPE_CHECKING
    out = _run("""
        import sys, types
        from spec_compiler import rsimport
        rsimport._typing_standin = lambda: types.ModuleType("typing")
        rs = rsimport.load()
        v = rs.validator_for({"type": "string"})
        print(v.is_valid("x"), hasattr(sys.modules["typing"], "Any"))
    """)
    assert out.strip() == "True True", out
