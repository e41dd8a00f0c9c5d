"""Which files a lint run reads."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spec_compiler.config import DEFAULT_CONFIG, parse_config
from spec_compiler.walker import discover


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("text: hi\n", encoding="utf-8")


def shown(paths: list[Path] | list[str], config=DEFAULT_CONFIG) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.display for t in discover(paths, config).targets]


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    touch(
        tmp_path,
        "b.yaml",
        "a.json",
        "c.yml",
        "notes.txt",
        "sub/d.yaml",
        "sub/deeper/e.yaml",
        ".hidden.yaml",
        ".github/workflows/ci.yml",
        "node_modules/x/f.yaml",
        ".git/g.yaml",
        ".venv/h.yaml",
        "venv/i.yaml",
        "__pycache__/j.yaml",
        ".tox/k.yaml",
        "dist/l.yaml",
        "build/m.yaml",
        "generated/n.yaml",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_walks_sorted_skipping_hidden_and_tool_folders(tree: Path) -> None:
    assert shown([Path(".")]) == [
        "a.json",
        "b.yaml",
        "c.yml",
        "generated/n.yaml",
        "sub/d.yaml",
        "sub/deeper/e.yaml",
    ]


def test_paths_are_joined_to_the_argument(tree: Path) -> None:
    assert shown([Path("sub")]) == ["sub/d.yaml", "sub/deeper/e.yaml"]
    assert shown([Path("./sub/")]) == ["sub/d.yaml", "sub/deeper/e.yaml"]
    assert shown([tree / "sub"]) == [str(tree / "sub/d.yaml"), str(tree / "sub/deeper/e.yaml")]


def test_include_and_exclude(tree: Path) -> None:
    config = parse_config({"include": ["*.yaml"], "exclude": ["generated", "sub/deeper/*"]})
    assert shown([Path(".")], config) == ["b.yaml", "sub/d.yaml"]


def test_explicit_files_are_always_linted(tree: Path) -> None:
    config = parse_config({"include": ["*.json"], "exclude": ["*.yaml"]})
    assert shown(
        [
            Path("notes.txt"),
            Path(".hidden.yaml"),
            Path("node_modules/x/f.yaml"),
            Path("missing.yaml"),
        ],
        config,
    ) == ["notes.txt", ".hidden.yaml", "node_modules/x/f.yaml", "missing.yaml"]


def test_each_file_once(tree: Path) -> None:
    assert shown([Path("sub/d.yaml"), Path("sub"), Path("./sub/d.yaml")]) == [
        "sub/d.yaml",
        "sub/deeper/e.yaml",
    ]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (["sub"], ["sub/d.yaml", "sub/deeper/e.yaml"]),
        (["sub", "sub/"], ["sub/d.yaml", "sub/deeper/e.yaml"]),
        (["sub", "./sub/deeper/e.yaml", "sub/d.yaml"], ["sub/d.yaml", "sub/deeper/e.yaml"]),
        (["sub/deeper", "sub"], ["sub/deeper/e.yaml", "sub/d.yaml"]),
        (["sub/d.yaml", "sub/d.yaml"], ["sub/d.yaml"]),
        (["nothing-here", "nothing-here"], ["nothing-here"]),
    ],
)
def test_a_file_named_again_by_a_later_path_is_dropped(
    tree: Path, given: list[str], expected: list[str]
) -> None:
    # the first path's files are never compared (one walk yields each file once); from
    # the second path on, each file is checked against all before it
    assert shown([Path(g) for g in given]) == expected


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_symlink_loops_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    touch(tmp_path, "a/x.yaml")
    os.symlink("..", tmp_path / "a" / "up")
    os.symlink("loop2", tmp_path / "loop1")
    os.symlink("loop1", tmp_path / "loop2")
    monkeypatch.chdir(tmp_path)
    found = discover([Path("."), Path("loop1")])
    assert [t.display for t in found.targets] == ["a/x.yaml", "loop1"]


def test_only_files_found_by_the_walk_are_known_regular(tree: Path) -> None:
    # the reader skips its fstat for a walked file: a file named on the command line
    # may be a FIFO or a device until it is opened
    found = discover([Path("sub"), Path("a.json"), Path("missing.yaml")]).targets
    assert [(t.display, t.regular) for t in found] == [
        ("sub/d.yaml", True), ("sub/deeper/e.yaml", True), ("a.json", False),
        ("missing.yaml", False)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_fifos_are_skipped_when_walking_and_never_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    touch(tmp_path, "a.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    monkeypatch.chdir(tmp_path)
    assert shown([Path(".")]) == ["a.yaml"]
    # named explicitly, it is a target: the loader stats it and reports IO001
    assert shown([Path("pipe.yaml")]) == ["pipe.yaml"]


def test_unreadable_folder_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    touch(tmp_path, "locked/a.yaml", "ok.yaml")
    monkeypatch.chdir(tmp_path)
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = discover([Path(".")])
    assert [t.display for t in found.targets] == ["ok.yaml"]
    assert [(d.file, d.code, d.message) for d in found.problems] == [
        ("locked", "IO001", "cannot read folder: Permission denied")
    ]


@pytest.mark.skipif(os.name != "posix", reason="POSIX paths")
@given(st.lists(st.sampled_from(["a", "b.yaml", ".", "..", "", "x y", "é"]), max_size=6),
       st.sampled_from(["", "/", "//", "///"]), st.booleans())
def test_display_is_what_pathlib_shows(parts: list[str], root: str, trailing: bool) -> None:
    from pathlib import PurePosixPath

    from spec_compiler.walker import display

    text = root + "/".join(parts) + ("/" if trailing else "")
    assert display(text) == str(PurePosixPath(text))
    assert display(PurePosixPath(text)) == str(PurePosixPath(text))


def test_string_arguments_are_shown_as_paths_are(tree: Path) -> None:
    assert shown(["./sub/"]) == shown([Path("./sub/")]) == ["sub/d.yaml", "sub/deeper/e.yaml"]
    assert shown(["sub/d.yaml", "sub", "./sub/d.yaml"]) == ["sub/d.yaml", "sub/deeper/e.yaml"]
    assert shown([str(tree / "sub")]) == [str(tree / "sub/d.yaml"),
                                          str(tree / "sub/deeper/e.yaml")]
    assert shown(["."]) == shown([Path(".")])
