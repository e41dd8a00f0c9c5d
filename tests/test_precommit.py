"""The real ``pre-commit`` runs our hook: it fails on a bad file and passes on a good one.

``pre-commit try-repo`` installs the package into its own virtualenv (which needs the
package index), so this is slow; it runs in CI all the same. The hook repository is a
snapshot of the working tree committed to a temporary git repository, so uncommitted
changes are what is tested.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.skipif(not Path(PRE_COMMIT).exists(), reason="needs pre-commit"),
]

BAD = "role: agent\ntouchpoint: sms\nmeta:\n  SenderID: Tims Truckshop BV\ntext: hi\n"
GOOD = "role: agent\ntext: Your car is ready to be picked up!\n"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _commit_all(folder: Path) -> None:
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(
        folder,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.org",
        "-c",
        "commit.gpgsign=false",
        "commit",
        "-q",
        "-m",
        "snapshot",
    )


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("hook-repo")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "spec_compiler", repo / "spec_compiler", ignore=ignore)
    for name in ("pyproject.toml", ".pre-commit-hooks.yaml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, repo / name)
    if not (repo / "README.md").exists():
        (repo / "README.md").write_text("spec-compiler\n", encoding="utf-8")
    _commit_all(repo)
    return repo


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("project")
    (folder / "bad.yaml").write_text(BAD, encoding="utf-8")
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    _commit_all(folder)
    return folder


def try_repo(
    hook_repo: Path, project: Path, home: Path, *files: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(home)
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [
            PRE_COMMIT,
            "try-repo",
            str(hook_repo),
            "spec-compiler-lint",
            "--color",
            "never",
            "--files",
            *files,
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_hook_fails_on_a_bad_file_and_passes_on_a_good_one(
    hook_repo: Path, project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.mktemp("pre-commit-home")
    bad = try_repo(hook_repo, project, home, "bad.yaml", "good.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "SMS001" in bad.stdout and "bad.yaml:4:13" in bad.stdout, bad.stdout
    assert "spec-compiler lint" in bad.stdout and "Failed" in bad.stdout
    good = try_repo(hook_repo, project, home, "good.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
