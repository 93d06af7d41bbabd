"""The PyInstaller one-folder bundle, built and run the way CI does (slow: about a minute).

``bash scripts/build_bundle.sh`` builds it from help-kiosk.spec and runs its ``--self-test``.
Then the frozen program is run from outside the source tree: it must find its resources and
Alembic's migration scripts inside the bundle (sys._MEIPASS), report pyproject's version, and
create and migrate a real database.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from db.engine import head_revision

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def frozen_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "KIOSK_RESOURCES", "VIRTUAL_ENV")}
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=str(data_dir))
    return env


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("bundle")
    env = {**os.environ, "PYTHON": sys.executable, "DIST_DIR": str(out / "dist"),
           "BUILD_DIR": str(out / "build"), "KIOSK_DATA_DIR": str(out / "selftest-data")}
    proc = subprocess.run(["bash", "scripts/build_bundle.sh"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1500, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out / "dist" / "help-kiosk", proc.stdout


def test_build_script_runs_the_bundles_self_test_and_it_passes(built: tuple[Path, str]
                                                               ) -> None:
    _, output = built
    report = output[output.index("Tự kiểm tra Điểm hỗ trợ số"):].splitlines()
    for name in ("Phông chữ", "Nội dung", "Bản dịch", "Cơ sở dữ liệu"):
        line = next(ln for ln in report if f" {name}: " in ln)
        assert line.startswith("ĐẠT"), line
    assert report[-1].startswith("Kết quả: ĐẠT")


def test_bundle_holds_resources_and_migrations_but_no_translation_sources(
        built: tuple[Path, str]) -> None:
    bundle, _ = built
    internal = bundle / "_internal"
    assert (bundle / "help-kiosk").is_file()
    for rel in ("resources/fonts/NotoSans-Regular.ttf", "resources/fonts/NotoSans-Bold.ttf",
                "resources/tutorials/vneid-install/tutorial.toml",
                "resources/tutorials/categories.toml", "resources/sounds/chime.wav",
                "resources/lists/services.toml", "resources/translations/kiosk_en.qm",
                "db/migrations/env.py", "db/migrations/script.py.mako",
                "db/migrations/versions/0001_initial_schema.py"):
        assert (internal / rel).is_file(), rel
    assert list((internal / "resources").rglob("*.ts")) == []
    assert list((internal / "resources" / "images").rglob("*.svg"))


def test_frozen_program_reports_pyprojects_version(built: tuple[Path, str],
                                                    tmp_path: Path) -> None:
    bundle, _ = built
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["version"]
    proc = subprocess.run([str(bundle / "help-kiosk"), "--version"], cwd=tmp_path,
                          env=frozen_env(tmp_path / "data"), capture_output=True, text=True,
                          timeout=120, check=True)
    assert proc.stdout.strip() == f"help-kiosk {version}"


def test_frozen_program_creates_and_migrates_a_real_database(built: tuple[Path, str],
                                                             tmp_path: Path) -> None:
    bundle, _ = built
    data = tmp_path / "data"
    env = frozen_env(data)
    proc = subprocess.run([str(bundle / "help-kiosk"), "queue", "services"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    with sqlite3.connect(data / "kiosk.sqlite3") as conn:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert revision == head_revision()
    assert {"assistance", "ticket", "service"} <= tables
    check = subprocess.run([str(bundle / "help-kiosk"), "--self-test"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, timeout=180, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    db_line = next(ln for ln in check.stdout.splitlines() if " Cơ sở dữ liệu: " in ln)
    assert db_line.startswith("ĐẠT")
    assert "dữ liệu thật tốt" in db_line
