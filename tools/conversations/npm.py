"""Node packages the conversation tools run on, installed once from npm into a cache.

Each package@version gets a folder of its own under the cache, filled in a scratch folder
and renamed into place, so an interrupted or concurrent install never leaves a half-filled
folder that a later run would trust. BONE_METS_NPM_CACHE moves the cache (default
$XDG_CACHE_HOME/bone-mets-npm, or ~/.cache/bone-mets-npm).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class NpmUnavailable(RuntimeError):
    """node or npm is missing, or npm could not install the package."""


def cache_dir() -> Path:
    """Where installed packages are kept between runs."""
    if os.environ.get("BONE_METS_NPM_CACHE"):
        return Path(os.environ["BONE_METS_NPM_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bone-mets-npm"


def missing_tools() -> list[str]:
    """The names of node and npm, whichever are not on PATH."""
    return [tool for tool in ("node", "npm") if shutil.which(tool) is None]


def node_modules(package: str, version: str, cache: Path | None = None, timeout: float = 600) -> Path:
    """The node_modules folder holding package@version (and its dependencies), installed if need be."""
    cache = cache or cache_dir()
    target = cache / f"{package}-{version}"
    installed = target / "node_modules" / package / "package.json"
    if installed.exists():
        return target / "node_modules"
    if missing := missing_tools():
        raise NpmUnavailable(f"{' and '.join(missing)} not found on PATH: {package}@{version} cannot be installed")
    cache.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{package}-{version}-", dir=cache))
    try:
        # --ignore-scripts: these are pure JavaScript packages; nothing needs an install script.
        result = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--no-save", "--ignore-scripts",
                                 "--loglevel=error", f"{package}@{version}"],
                                cwd=scratch, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0 or not (scratch / "node_modules" / package / "package.json").exists():
            detail = " ".join((result.stderr or result.stdout).strip().splitlines()[-3:])
            raise NpmUnavailable(f"npm could not install {package}@{version}: {detail or 'no output'}")
        try:
            scratch.rename(target)
        except OSError:
            if not installed.exists():  # not a concurrent install that finished first
                raise
    except subprocess.TimeoutExpired:
        raise NpmUnavailable(f"npm took more than {timeout:.0f} s to install {package}@{version}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target / "node_modules"
