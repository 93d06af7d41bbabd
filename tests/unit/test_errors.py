"""Every service error is a KioskError, so the GUI and the CLI show its message by type."""

from __future__ import annotations

import pytest

from kiosk.assistance import AssistanceError, RecordNotFound
from kiosk.auth import AuthError, PermissionDenied
from kiosk.backup import BackupError, BackupWriteError
from kiosk.bundles import BundleError
from kiosk.cli import CliError, main
from kiosk.demo import DemoRefused
from kiosk.errors import KioskError
from kiosk.files import OutputError
from kiosk.places import PlaceError
from kiosk.privacy import PhoneNumberError, PrivacyError
from kiosk.queue import QueueError
from kiosk.reports.allowance import PolicyError
from kiosk.reports.export_csv import ExportError
from kiosk.reports.periods import PeriodError
from kiosk.speech.engine import SpeechUnavailable

SERVICE_ERRORS = [AssistanceError, RecordNotFound, AuthError, PermissionDenied, BackupError,
                  BackupWriteError, BundleError, CliError, DemoRefused, OutputError, PlaceError,
                  PhoneNumberError, PrivacyError, QueueError, PolicyError, ExportError,
                  PeriodError, SpeechUnavailable]


@pytest.mark.parametrize("cls", SERVICE_ERRORS)
def test_every_service_error_is_a_kiosk_error_with_its_message(cls: type[Exception]) -> None:
    exc = cls("Không làm được. Hãy thử lại.")
    assert isinstance(exc, KioskError)
    assert exc.user_message == "Không làm được. Hãy thử lại."


def test_value_errors_stay_value_errors() -> None:
    # Callers that validate with ``except ValueError`` keep working.
    assert issubclass(ExportError, ValueError)
    assert issubclass(PeriodError, ValueError)


def test_the_cli_prints_any_kiosk_error_as_one_line(
        capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    assert main(["--data-dir", "/nonexistent/kiosk-data", "records", "purge"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Không có thư mục dữ liệu")
    assert "Traceback" not in err
