"""The browser's Python: Pyodide from npm, plus every wheel the workbook needs, listed in Pyodide's own lock file.

The npm package `pyodide` holds the interpreter and the standard library but no package wheels. Its lock file
names the wheels Pyodide's own distribution built; the pure-Python ones are the same code as on PyPI, so we fetch
those from PyPI and rewrite the lock's sha256 to match. The workbook's own packages (Django and friends at the
versions requirements.txt pins, and the project wheel) are added to the lock, so the kernel preloads them when it
starts (`loadPyodideOptions.packages`) and the notebooks' first line imports them as it does on CPython.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_NPM = ROOT / "site" / "node_modules" / "pyodide"
KERNEL_WHEELS = Path(sys.prefix, "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension/static/pypi")
# The interpreter's own files; source maps, the REPL pages and type stubs are left behind.
PYODIDE_CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# What the kernel itself imports at start (pyodide-kernel's worker installs these unless they are preloaded).
KERNEL_PACKAGES = ("micropip", "piplite", "pyodide-kernel", "ipykernel", "comm", "jedi", "ipython")
# What the workbook imports, at the versions requirements.txt pins for CPython (tzdata: Pyodide has no zoneinfo
# database of its own, and Django looks up "UTC" in it).
WORKBOOK_PACKAGES = (
    "Django",
    "asgiref",
    "sqlparse",
    "python-decouple",
    "django-extensions",
    "django-ratelimit",
    "tzdata",
)
PROJECT = "django-signals-workbook"


class BuildError(RuntimeError):
    """A step of the site build that cannot go on; the message says what to do."""


def pinned_versions(requirements: Path = ROOT / "requirements.txt") -> dict[str, str]:
    """The `name==version` pins of requirements.txt, keyed by normalized name."""
    pins = {}
    for line in requirements.read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            pins[canonicalize_name(name)] = version.strip()
    return pins


def browser_environment() -> dict[str, str]:
    """PEP 508 marker values of Pyodide (Emscripten), to decide which Requires-Dist apply in the browser."""
    environment = default_environment()
    environment.update(sys_platform="emscripten", platform_system="Emscripten", os_name="posix")
    environment.update(python_version="3.14", python_full_version="3.14.2", implementation_name="cpython")
    return environment


def wheel_entry(wheel: Path) -> dict[str, object]:
    """A pyodide-lock package entry for a pure-Python wheel: name, version, dependencies, imports, sha256."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(metadata_name).decode())
        top_level_name = metadata_name.replace("METADATA", "top_level.txt")
        if top_level_name in names:
            imports = archive.read(top_level_name).decode().split()
        else:
            imports = sorted({n.split("/")[0].removesuffix(".py") for n in names if ".dist-info/" not in n})
    environment = browser_environment()
    depends = []
    for text in metadata.get_all("Requires-Dist") or []:
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({**environment, "extra": ""}):
            depends.append(canonicalize_name(requirement.name))
    return {
        "name": metadata["Name"],
        "version": metadata["Version"],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
        "package_type": "package",
        "imports": [name for name in imports if name.isidentifier()],
        "depends": sorted(set(depends)),
        "unvendored_tests": False,
    }


def download_wheels(specs: list[str], cache: Path) -> list[Path]:
    """Pure-Python wheels for `name==version` specs, from pip's index into `cache` (kept between builds)."""
    cache.mkdir(parents=True, exist_ok=True)
    missing = [spec for spec in specs if _cached_wheel(spec, cache) is None]
    if missing:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps"]
        command += ["--only-binary=:all:", "--python-version", "3.14", "--platform", "any", "--dest", str(cache)]
        result = subprocess.run([*command, *missing], capture_output=True, text=True)
        if result.returncode != 0:
            raise BuildError(f"pip could not download the browser's wheels {missing}:\n{result.stderr.strip()}")
    wheels = []
    for spec in specs:
        wheel = _cached_wheel(spec, cache)
        if wheel is None:
            raise BuildError(f"{spec} has no pure-Python wheel (py3-none-any), so Pyodide cannot install it")
        wheels.append(wheel)
    return wheels


def _cached_wheel(spec: str, cache: Path) -> Path | None:
    name, version = spec.split("==")
    for wheel in cache.glob("*.whl"):
        wheel_name, wheel_version = wheel.name.split("-")[:2]
        if canonicalize_name(wheel_name) == canonicalize_name(name) and wheel_version == version:
            return wheel
    return None


def dependency_closure(roots: list[str], packages: dict[str, dict]) -> list[str]:
    """Every package `roots` need, by the lock's `depends`, in a stable order; an unknown name is an error."""
    seen: list[str] = []
    stack = [canonicalize_name(name) for name in reversed(roots)]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        if name not in packages:
            raise BuildError(f"the browser needs {name!r}, which neither Pyodide's lock nor the workbook provides")
        seen.append(name)
        stack.extend(canonicalize_name(dep) for dep in reversed(packages[name]["depends"]))
    return seen


def build_runtime(dest: Path, project_wheel: Path, cache: Path) -> list[str]:
    """Write Pyodide and every wheel the kernel and the workbook need into `dest`; return the names to preload."""
    lock_file = PYODIDE_NPM / "pyodide-lock.json"
    if not lock_file.exists():
        raise BuildError(f"{PYODIDE_NPM} is missing: run `npm ci` in site/ (make site does)")
    lock = json.loads(lock_file.read_text())
    packages = {canonicalize_name(name): entry for name, entry in lock["packages"].items()}
    pins = pinned_versions()

    added = [*sorted(KERNEL_WHEELS.glob("*.whl")), project_wheel]
    added += download_wheels(
        [f"{name}=={pins[canonicalize_name(name)]}" for name in [*WORKBOOK_PACKAGES, "comm"]], cache
    )
    # The kernel ships two widgetsnbextension stand-ins; neither is needed, and two versions of one name clash.
    added = [wheel for wheel in added if not wheel.name.startswith("widgetsnbextension")]
    for wheel in added:
        packages[canonicalize_name(wheel_entry(wheel)["name"])] = wheel_entry(wheel)

    preload = dependency_closure([*KERNEL_PACKAGES, PROJECT, *WORKBOOK_PACKAGES], packages)
    from_pyodide = [name for name in preload if packages[name]["file_name"] not in {w.name for w in added}]
    fetched = download_wheels([f"{name}=={packages[name]['version']}" for name in from_pyodide], cache)

    dest.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_CORE:
        shutil.copy2(PYODIDE_NPM / name, dest / name)
    for wheel in [*added, *fetched]:
        shutil.copy2(wheel, dest / wheel.name)
    for name, wheel in zip(from_pyodide, fetched, strict=True):
        packages[name] = {**packages[name], **_file_fields(wheel)}
    # Only what is on the site goes in the lock: a student's `%pip install` of anything else fails at once.
    lock["packages"] = {name: packages[name] for name in preload}
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))
    return preload


def _file_fields(wheel: Path) -> dict[str, str]:
    return {"file_name": wheel.name, "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest()}
