"""installer.iss, read the way Inno Setup reads it (Inno Setup itself only runs on Windows).

Checks what would otherwise fail only on the Windows build machine or, worse, on a help-point
PC: every file the script installs or points at exists in a build laid out like the spec's
output; the AppId never changes; the languages are Vietnamese and English; the version comes
from pyproject.toml; the data folder is where the kiosk looks for it and survives uninstall
unless someone says otherwise; every message the script uses exists in both languages.
"""

from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
import tomllib
from pathlib import Path, PureWindowsPath

import pytest

from kiosk.paths import APP_AUTHOR, APP_NAME

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "installer.iss"
SPEC = ROOT / "help-kiosk.spec"
APP_ID = "{{6F1C2B7E-3D4A-4C1B-9B8E-5A2D7C9E4F10}"
ENTRY_SECTIONS = {"Languages", "Tasks", "Files", "InstallDelete", "Dirs", "Icons", "Registry",
                  "Run", "UninstallRun", "UninstallDelete"}


def pyproject_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
               ["project"]["version"])


def split_params(line: str) -> dict[str, str]:
    """``Name: "a ""quoted"" b"; Flags: x y`` → {"Name": 'a "quoted" b', "Flags": "x y"}."""
    params: dict[str, str] = {}
    i, n = 0, len(line)
    while i < n:
        while i < n and line[i] in " \t;":
            i += 1
        if i >= n:
            break
        colon = line.index(":", i)
        key = line[i:colon].strip()
        i = colon + 1
        while i < n and line[i] == " ":
            i += 1
        if i < n and line[i] == '"':
            i += 1
            value = []
            while True:
                if line[i] == '"':
                    if i + 1 < n and line[i + 1] == '"':
                        value.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                value.append(line[i])
                i += 1
            params[key] = "".join(value)
        else:
            end = line.find(";", i)
            end = n if end == -1 else end
            params[key] = line[i:end].strip()
            i = end
    return params


class Script:
    """installer.iss after the preprocessor's #define substitutions (AppVersion passed in)."""

    def __init__(self, path: Path, app_version: str) -> None:
        raw = path.read_bytes()
        self.has_bom = raw.startswith(b"\xef\xbb\xbf")
        self.text = raw.decode("utf-8-sig")
        self.defines = {"AppVersion": app_version}
        for m in re.finditer(r'^#define\s+(\w+)\s+"([^"]*)"\s*$', self.text, re.M):
            self.defines.setdefault(m.group(1), m.group(2))
        self.sections: dict[str, list[str]] = {}
        current = None
        for line in self.text.splitlines():
            header = re.fullmatch(r"\[(\w+)\]\s*", line)
            if header:
                current = header.group(1)
                self.sections.setdefault(current, [])
                continue
            if current is None or line.lstrip().startswith("#"):
                continue
            if current != "Code" and (not line.strip() or line.lstrip().startswith(";")):
                continue
            self.sections[current].append(self.expand(line) if current != "Code" else line)

    def expand(self, text: str) -> str:
        def repl(m: re.Match[str]) -> str:
            # Defines chosen by #if (the Vietnamese.isl location) stay as written.
            return self.defines.get(m.group(1), m.group(0))
        return re.sub(r"\{#(\w+)\}", repl, text)

    @property
    def setup(self) -> dict[str, str]:
        out = {}
        for line in self.sections["Setup"]:
            key, _, value = line.partition("=")
            out[key.strip()] = value.strip()
        return out

    def entries(self, section: str) -> list[dict[str, str]]:
        assert section in ENTRY_SECTIONS
        return [split_params(line) for line in self.sections.get(section, [])]

    @property
    def code(self) -> str:
        return "\n".join(self.sections["Code"])

    def custom_messages(self) -> dict[str, set[str]]:
        """message name → languages that define it."""
        out: dict[str, set[str]] = {}
        for line in self.sections.get("CustomMessages", []):
            m = re.match(r"(\w+)\.(\w+)=", line)
            assert m, f"custom message without a language prefix: {line}"
            out.setdefault(m.group(2), set()).add(m.group(1))
        return out


@pytest.fixture(scope="module")
def script() -> Script:
    return Script(ISS, pyproject_version())


def spec_executables() -> list[str]:
    """The Windows executables the spec builds (help-kiosk.exe and the console twin)."""
    spec = SPEC.read_text(encoding="utf-8")
    app = re.search(r'^APP = "([^"]+)"', spec, re.M)
    assert app, "help-kiosk.spec names its app in APP"
    names = [f"{app.group(1)}.exe"]
    if 'name=f"{APP}-cmd"' in spec:
        names.append(f"{app.group(1)}-cmd.exe")
    return names


@pytest.fixture
def fake_build(tmp_path: Path) -> Path:
    """A dist/help-kiosk tree laid out like the spec's Windows output (contents in _internal)."""
    build = tmp_path / "dist" / "help-kiosk"
    internal = build / "_internal"
    for exe in spec_executables():
        (build / exe).parent.mkdir(parents=True, exist_ok=True)
        (build / exe).write_bytes(b"MZ")
    for rel in ("python311.dll", "base_library.zip", "PySide6/Qt6Core.dll",
                "resources/fonts/NotoSans-Regular.ttf", "resources/translations/kiosk_en.qm",
                "db/migrations/env.py", "db/migrations/versions/0001_initial_schema.py"):
        (internal / rel).parent.mkdir(parents=True, exist_ok=True)
        (internal / rel).write_bytes(b"x")
    return build


def win(path: str) -> PureWindowsPath:
    return PureWindowsPath(path)


def installed_files(script: Script, source_root: Path, build: Path) -> dict[str, Path]:
    """What [Files] would install: '{app}\\x\\y' → the source file. Fails on a missing source."""
    build_prefix = win(script.defines["BuildDir"])
    out: dict[str, Path] = {}
    for entry in script.entries("Files"):
        src = win(entry["Source"])
        if src.parts[:len(build_prefix.parts)] == build_prefix.parts:
            base_dir = build.joinpath(*src.parts[len(build_prefix.parts):-1])
        else:
            base_dir = source_root.joinpath(*src.parts[:-1])
        pattern = src.parts[-1]
        recurse = "recursesubdirs" in entry.get("Flags", "").split()
        if any(ch in pattern for ch in "*?"):
            candidates = base_dir.rglob("*") if recurse else base_dir.glob("*")
            matched = [p for p in candidates if p.is_file()
                       and fnmatch.fnmatch(p.name, pattern)]
        else:
            matched = [base_dir / pattern] if (base_dir / pattern).is_file() else []
        assert matched, f"[Files] Source {entry['Source']} matches nothing in the build"
        for p in matched:
            rel = p.relative_to(base_dir)
            dest = win(entry["DestDir"]).joinpath(*rel.parts)
            out[str(dest).lower()] = p
    return out


def test_script_is_utf8_with_bom_so_inno_setup_reads_the_vietnamese(script: Script) -> None:
    assert script.has_bom
    assert "Điểm hỗ trợ số" in script.defines["AppName"]


def test_app_id_is_the_fixed_guid(script: Script) -> None:
    assert script.setup["AppId"] == APP_ID


def test_languages_are_vietnamese_then_english(script: Script) -> None:
    langs = script.entries("Languages")
    assert [entry["Name"] for entry in langs] == ["vi", "en"]
    assert langs[0]["MessagesFile"] == "{#VietnameseIsl}"
    assert re.search(r'#define VietnameseIsl "compiler:Languages\\Unofficial\\Vietnamese\.isl"',
                     script.text)
    assert langs[1]["MessagesFile"] == "compiler:Default.isl"


def test_every_custom_message_exists_in_both_languages(script: Script) -> None:
    defined = script.custom_messages()
    incomplete = {name: langs for name, langs in defined.items() if langs != {"vi", "en"}}
    assert incomplete == {}
    used = set(re.findall(r"\{cm:(\w+)\}", script.text))
    used |= set(re.findall(r"CustomMessage\('(\w+)'\)", script.code))
    assert used
    assert used - set(defined) == set()


def test_every_source_exists_in_a_build_laid_out_like_the_spec(
        script: Script, fake_build: Path) -> None:
    installed = installed_files(script, ROOT, fake_build)
    for exe in spec_executables():
        assert f"{{app}}\\{exe}".lower() in installed
    assert "{app}\\_internal\\db\\migrations\\versions\\0001_initial_schema.py" in installed


def test_every_installed_path_the_script_points_at_is_installed(
        script: Script, fake_build: Path) -> None:
    installed = installed_files(script, ROOT, fake_build)
    referenced = [script.expand(script.setup["UninstallDisplayIcon"])]
    referenced += [e["Filename"] for e in script.entries("Icons")]
    referenced += [e["Filename"] for e in script.entries("Run")]
    referenced += [e["ValueData"].strip('"') for e in script.entries("Registry")]
    referenced += re.findall(r"\{app\}\\[\w.\\-]+", "\n".join(
        e.get("Parameters", "") for e in script.entries("Icons")))
    app_paths = [r for r in referenced if r.startswith("{app}")]
    assert len(app_paths) >= 5
    missing = [p for p in app_paths if p.lower() not in installed]
    assert missing == []


def test_version_comes_from_pyproject_through_scripts_version(script: Script) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "version.py")],
                          capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == pyproject_version()
    assert re.search(r"^#ifndef AppVersion\s*\n\s*#error", script.text, re.M)
    raw_setup = Script(ISS, "{#AppVersion}").setup
    assert raw_setup["AppVersion"] == "{#AppVersion}"
    assert "{#AppVersion}" in raw_setup["OutputBaseFilename"]
    # No second copy of the version anywhere in the script.
    assert not re.search(r"(?<![\d.~])" + re.escape(pyproject_version()) + r"(?![\d.])",
                         script.text)


def test_data_folder_is_where_the_kiosk_looks_and_survives_uninstall(script: Script) -> None:
    # platformdirs.site_data_dir(APP_NAME, APP_AUTHOR) on Windows: ProgramData\author\app.
    expected = f"{{commonappdata}}\\{APP_AUTHOR}\\{APP_NAME}"
    assert script.defines["DataDir"] == expected
    dirs = script.entries("Dirs")
    data = next(d for d in dirs if d["Name"] == expected)
    assert "uninsneveruninstall" in data["Flags"].split()
    assert data["Permissions"] == "users-modify"
    assert script.setup["DefaultDirName"] == "{autopf}\\HelpPointKiosk"


def test_uninstall_deletes_data_only_after_asking_with_no_as_default(script: Script) -> None:
    code = script.code
    step = code[code.index("procedure CurUninstallStepChanged"):]
    assert "MB_DEFBUTTON2" in step
    assert "UninstallSilent" in step
    assert re.search(r"RemoveData := MsgBox\(.*RemoveDataAsk", step, re.S)
    delete_at = step.index("DelTree(")
    assert "and RemoveData" in step[:delete_at]
    assert code.count("DelTree(") == 1


def test_start_at_sign_in_is_an_optional_task_running_the_kiosk(script: Script) -> None:
    tasks = {t["Name"]: t for t in script.entries("Tasks")}
    assert "unchecked" in tasks["autostart"]["Flags"]
    assert "desktopicon" in tasks
    run_keys = [r for r in script.entries("Registry")
                if r["Subkey"].endswith("CurrentVersion\\Run")]
    assert len(run_keys) == 1
    assert run_keys[0]["Tasks"] == "autostart"
    assert run_keys[0]["ValueData"] == '"{app}\\help-kiosk.exe"'
    assert "uninsdeletevalue" in run_keys[0]["Flags"]
    desktop = [i for i in script.entries("Icons") if i["Name"].startswith("{autodesktop}")]
    assert desktop
    assert desktop[0]["Tasks"] == "desktopicon"


def test_voice_check_looks_in_both_token_lists_and_copies_into_sapi(script: Script) -> None:
    code = script.code
    assert r"SOFTWARE\Microsoft\Speech\Voices\Tokens" in code
    assert r"SOFTWARE\Microsoft\Speech_OneCore\Voices\Tokens" in code
    assert "VIVN" in code
    assert "42A" in code
    assert "reg.exe" in code
    assert "/reg:64" in code


def test_pascal_blocks_are_balanced(script: Script) -> None:
    code = re.sub(r"\{[^}]*\}", "", script.code)  # comments
    code = re.sub(r"'[^']*'", "''", code)  # strings
    opens = len(re.findall(r"\b(begin|case|try)\b", code, re.I))
    ends = len(re.findall(r"\bend\b", code, re.I))
    assert opens == ends
    assert code.count("(") == code.count(")")
