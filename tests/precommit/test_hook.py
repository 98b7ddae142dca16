"""The pre-commit hooks, proven with a real ``pre-commit`` run in a temporary git repository.

pre-commit clones this repository at its current HEAD and installs govrules
from it into an environment of its own, exactly as a governance repository's
``.pre-commit-config.yaml`` would make it do. So these tests check what is
committed, not the working tree: when the files that make up the package have
uncommitted changes they skip (HEAD would not be what is tested), except under
``CI=true``, where the checkout is a clean clone and they must run.

The hook environment is built once per session (``PRE_COMMIT_HOME`` is a
session-wide temporary directory, never the user's cache); every test then
makes its own governance repository.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import attrs
import pytest

# Seconds to minutes: kept out of the quick loop (`-m "not slow"`).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
"""The govrules checkout these tests belong to: the repository the hook is installed from."""

BUILD_INPUTS = (
    "src",
    "grammar",
    "rulesets",
    "pyproject.toml",
    "README.md",
    ".pre-commit-hooks.yaml",
)
"""What pre-commit builds the hook from: uncommitted changes here mean HEAD is not what runs."""

ORGANIZATIONS = """\
organization gemeente "Gemeente Oostdal" {
  kind municipality
}

organization werkorganisatie "Werkorganisatie Oostdal" {
  kind work_organization
  established_by gemeente
}
"""

MONEY = """\
product burgerzaken "Burgerzaken" {
  owner werkorganisatie
}

financing bijdrage "Bijdrage 2026" {
  from gemeente
  to werkorganisatie
  for burgerzaken
  amount EUR 1_000_000 per year
}
"""

DIALOGUE = """\
dialogue overleg "Opdrachtgeversoverleg" {
  between gemeente, werkorganisatie
  frequency monthly
  open_agenda yes
}
"""


def _git(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def _head() -> str | None:
    """The commit pre-commit will install from, or None outside a git checkout."""
    try:
        if _git("rev-parse", "--show-toplevel", cwd=ROOT).strip() != str(ROOT):
            return None
        return _git("rev-parse", "HEAD", cwd=ROOT).strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def _at_head(path: str) -> bool:
    """Whether HEAD holds ``path``."""
    try:
        _git("cat-file", "-e", f"HEAD:{path}", cwd=ROOT)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


@attrs.frozen
class HookSource:
    """Where pre-commit installs the hooks from, and which hooks exist at that commit."""

    repo: str
    rev: str
    has_fmt: bool


@pytest.fixture(scope="session")
def hook_source() -> HookSource:
    """This checkout at HEAD; skips when HEAD is not what the working tree holds (unless CI)."""
    rev = _head()
    if rev is None:
        pytest.skip(f"{ROOT} is not a git checkout: pre-commit needs a repository to clone")
    dirty = _git(
        "status", "--porcelain", "--untracked-files=all", "--", *BUILD_INPUTS, cwd=ROOT
    ).splitlines()
    if dirty and os.environ.get("CI") != "true":
        shown = ", ".join(line[3:] for line in dirty[:5]) + (", ..." if len(dirty) > 5 else "")
        pytest.skip(
            f"uncommitted changes to what the hook is built from ({shown}): pre-commit "
            f"installs HEAD ({rev[:12]}), not the working tree; commit them, or set CI=true "
            "to test HEAD anyway"
        )
    return HookSource(str(ROOT), rev, _at_head("src/govrules/cli/fmt.py"))


def _environment(home: Path) -> dict[str, str]:
    """The environment for git and pre-commit: no user or system git config, no colour."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("SKIP", None)
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
    )
    return env


def _precommit_config(source: HookSource, *, always_run: bool = False) -> str:
    """The .pre-commit-config.yaml of a governance repository: a plain remote repo entry."""
    lint = "      - id: govrules-lint\n" + ("        always_run: true\n" if always_run else "")
    fmt = "      - id: govrules-fmt\n" if source.has_fmt else ""
    return f"repos:\n  - repo: {source.repo}\n    rev: {source.rev}\n    hooks:\n{lint}{fmt}"


@attrs.frozen
class GovRepo:
    """A governance repository in a temporary directory, with the hooks installed."""

    path: Path
    env: dict[str, str]

    def write(self, name: str, text: str) -> None:
        (self.path / name).write_text(text, encoding="utf-8")

    def read(self, name: str) -> str:
        return (self.path / name).read_text(encoding="utf-8")

    def git(self, *args: str) -> str:
        return _git(*args, cwd=self.path, env=self.env)

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """A command in the repository, stdout and stderr together, never raising."""
        return subprocess.run(
            list(args),
            cwd=self.path,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )

    def pre_commit(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run(sys.executable, "-m", "pre_commit", *args)

    def commit(self, message: str) -> subprocess.CompletedProcess[str]:
        """``git commit`` of everything staged, through the installed pre-commit hook."""
        return self.run("git", "commit", "-m", message)

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()


def _make_repo(path: Path, env: dict[str, str], source: HookSource) -> GovRepo:
    """A git repository holding govrules.toml and a clean model in three files, all staged."""
    path.mkdir(parents=True, exist_ok=True)
    repo = GovRepo(path, env)
    repo.git("init", "--quiet", "--initial-branch=main")
    repo.git("config", "user.name", "Test Governance")
    repo.git("config", "user.email", "governance@example.org")
    repo.git("config", "commit.gpgsign", "false")
    (path / "governance").mkdir()
    repo.write("govrules.toml", '# govrules configuration\nfail-on = "error"\n')
    repo.write("governance/organizations.gov", ORGANIZATIONS)
    repo.write("governance/money.gov", MONEY)
    repo.write("governance/dialogue.gov", DIALOGUE)
    repo.write(".pre-commit-config.yaml", _precommit_config(source))
    repo.git("add", "-A")
    return repo


@attrs.frozen
class HookEnvironment:
    env: dict[str, str]
    build_seconds: float


@pytest.fixture(scope="session")
def hook_environment(
    hook_source: HookSource, tmp_path_factory: pytest.TempPathFactory
) -> HookEnvironment:
    """pre-commit's environment for the hooks, built once: clone at HEAD and pip install."""
    env = _environment(tmp_path_factory.mktemp("pre-commit-home"))
    repo = _make_repo(tmp_path_factory.mktemp("warm-up") / "repo", env, hook_source)
    start = time.monotonic()
    done = repo.pre_commit("install-hooks")
    seconds = time.monotonic() - start
    if done.returncode != 0:
        pytest.fail(
            f"pre-commit could not install the hooks from {hook_source.repo} at "
            f"{hook_source.rev[:12]}:\n{done.stdout}",
            pytrace=False,
        )
    print(f"pre-commit hook environment built in {seconds:.1f}s")  # shown with -s
    return HookEnvironment(env, seconds)


@pytest.fixture
def gov_repo(tmp_path: Path, hook_environment: HookEnvironment, hook_source: HookSource) -> GovRepo:
    """A governance repository whose first commit is the clean model, with the hook installed."""
    repo = _make_repo(tmp_path / "governance-repo", hook_environment.env, hook_source)
    installed = repo.pre_commit("install")
    assert installed.returncode == 0, installed.stdout
    return repo


@pytest.fixture
def committed(gov_repo: GovRepo) -> GovRepo:
    """The governance repository with the clean model committed (the hook skipped)."""
    gov_repo.git("commit", "--quiet", "--no-verify", "-m", "governance model")
    return gov_repo


def test_hook_manifest_is_valid() -> None:
    """.pre-commit-hooks.yaml loads with pre-commit's own schema and declares both hooks."""
    from pre_commit.clientlib import load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"govrules-lint", "govrules-fmt"}
    lint = hooks["govrules-lint"]
    assert lint["entry"] == "govrules lint"
    assert lint["language"] == "python"
    assert lint["files"] == r"\.gov$"
    assert lint["require_serial"] is True
    assert lint["pass_filenames"] is True
    assert (hooks["govrules-fmt"]["entry"], hooks["govrules-fmt"]["files"]) == (
        "govrules fmt",
        r"\.gov$",
    )


@pytest.mark.slow
def test_clean_commit_passes(gov_repo: GovRepo) -> None:
    """Committing a clean model across three files passes the hook and creates the commit."""
    done = gov_repo.commit("governance model")
    assert done.returncode == 0, done.stdout
    assert re.search(r"^govrules lint\.+Passed$", done.stdout, re.MULTILINE), done.stdout
    assert gov_repo.git("rev-list", "--count", "HEAD").strip() == "1"


@pytest.mark.slow
def test_clean_change_passes_run_files(committed: GovRepo) -> None:
    """A further clean change to one file passes ``pre-commit run --files`` and commits."""
    committed.write(
        "governance/money.gov",
        MONEY + '\nproduct wegen "Wegen" {\n  owner werkorganisatie\n}\n',
    )
    committed.git("add", "governance/money.gov")
    done = committed.pre_commit("run", "govrules-lint", "--files", "governance/money.gov")
    assert done.returncode == 0, done.stdout
    assert committed.commit("add wegen").returncode == 0


@pytest.mark.slow
def test_broken_reference_in_unchanged_file_is_refused(committed: GovRepo) -> None:
    """Deleting an organization that an unchanged file references fails the hook with GR302."""
    before = committed.head()
    committed.write(
        "governance/organizations.gov",
        'organization gemeente "Gemeente Oostdal" {\n  kind municipality\n}\n',
    )
    committed.git("add", "governance/organizations.gov")

    done = committed.pre_commit("run", "govrules-lint", "--files", "governance/organizations.gov")
    assert done.returncode == 1, done.stdout
    assert re.search(r"^govrules lint\.+Failed$", done.stdout, re.MULTILINE), done.stdout
    # Only organizations.gov was passed; the finding is in money.gov, which is unchanged.
    money = r"^\S*governance/money\.gov"
    assert re.search(
        money + r":2:9: GR302 error 'owner' refers to 'werkorganisatie', which is not declared",
        done.stdout,
        re.MULTILINE,
    ), done.stdout
    assert re.search(money + r":7:6: GR302 error ", done.stdout, re.MULTILINE), done.stdout
    assert re.search(r"^\S*governance/dialogue\.gov:2:\d+: GR302 ", done.stdout, re.MULTILINE)

    refused = committed.commit("remove the work organization")
    assert refused.returncode != 0, refused.stdout
    assert "GR302" in refused.stdout
    assert committed.head() == before


@pytest.mark.slow
def test_suppression_without_reason_fails_the_hook(committed: GovRepo) -> None:
    """A suppression with a reason lets the commit through; without one it is GR501 and fails."""
    unowned = MONEY.replace(" {\n  owner werkorganisatie\n}", "", 1)
    reasoned = "# govrules: ignore[OWN001] -- owner decided in the council of 2026-03-01\n"
    committed.write("governance/money.gov", reasoned + unowned)
    committed.git("add", "governance/money.gov")
    accepted = committed.commit("accept the unowned product for now")
    assert accepted.returncode == 0, accepted.stdout

    committed.write("governance/money.gov", "# govrules: ignore[OWN001]\n" + unowned)
    committed.git("add", "governance/money.gov")
    done = committed.pre_commit("run", "govrules-lint", "--files", "governance/money.gov")
    assert done.returncode == 1, done.stdout
    assert re.search(
        r"^\S*governance/money\.gov:1:1: GR501 error suppression of OWN001 has no reason",
        done.stdout,
        re.MULTILINE,
    ), done.stdout
    # Without a reason the suppression does not apply: the finding is back.
    assert re.search(r"^\S*governance/money\.gov:2:1: OWN001 error ", done.stdout, re.MULTILINE)
    assert committed.commit("drop the reason").returncode != 0


@pytest.mark.slow
def test_fmt_hook_reformats_then_passes(committed: GovRepo, hook_source: HookSource) -> None:
    """The fmt hook rewrites a badly laid out file: the first run fails, the second passes."""
    if not hook_source.has_fmt:
        pytest.skip(f"govrules fmt does not exist at {hook_source.rev[:12]}: the hook waits for it")
    messy = (
        'organization   gemeente "Gemeente Oostdal"   {\n      kind    municipality\n}\n'
        'organization werkorganisatie "Werkorganisatie Oostdal" {\n kind work_organization\n'
        "    established_by gemeente }\n"
    )
    committed.write("governance/organizations.gov", messy)
    committed.git("add", "governance/organizations.gov")

    first = committed.pre_commit("run", "govrules-fmt", "--files", "governance/organizations.gov")
    assert first.returncode == 1, first.stdout
    assert "files were modified by this hook" in first.stdout
    assert committed.read("governance/organizations.gov") == ORGANIZATIONS

    committed.git("add", "governance/organizations.gov")
    second = committed.pre_commit("run", "govrules-fmt", "--files", "governance/organizations.gov")
    assert second.returncode == 0, second.stdout
    # The formatter restored the committed layout exactly: nothing left to commit.
    assert committed.git("status", "--porcelain") == ""


@pytest.mark.slow
def test_deleting_a_referenced_file_is_refused_with_always_run(
    committed: GovRepo, hook_source: HookSource
) -> None:
    """With always_run (docs/ci.md), deleting a whole file that others reference is refused."""
    # pre-commit never passes deleted files, so without always_run the hook would
    # have no file to check; with it, lint gets no paths and checks the project.
    committed.write(".pre-commit-config.yaml", _precommit_config(hook_source, always_run=True))
    committed.git("commit", "--quiet", "--no-verify", "-am", "always run the lint hook")
    before = committed.head()
    committed.git("rm", "--quiet", "governance/organizations.gov")

    refused = committed.commit("remove the organizations")
    assert refused.returncode != 0, refused.stdout
    assert re.search(r"^govrules lint\.+Failed$", refused.stdout, re.MULTILINE), refused.stdout
    assert re.search(
        r"^\S*governance/money\.gov:6:8: GR302 error 'from' refers to 'gemeente'",
        refused.stdout,
        re.MULTILINE,
    ), refused.stdout
    assert committed.head() == before
