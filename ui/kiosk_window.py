"""The kiosk window (自動交付機 and 施設予約): the kiosk frame with the services this kiosk offers.

`COUNTER_APP_KIOSK_SERVICES` (`Configuration.kiosk_services`) names them: `certificate` (a copy
of the resident record, `ui/kiosk_certificate.py`) and `facility` (facility reservations,
`ui/kiosk_facility.py`). With more than one, the card placed brings a menu of large buttons
first; then the PIN, then that service. The frame (`ui/kiosk_frame.py`) holds what they share.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QApplication

from counter_app.card.readers import ReaderBackend
from counter_app.config import KIOSK_SERVICES, Configuration
from counter_app.workflows.certificate_kiosk import KioskPrinter
from ui.kiosk_certificate import CertificateFlow
from ui.kiosk_desk import open_desk
from ui.kiosk_facility import FacilityFlow
from ui.kiosk_frame import MENU, MESSAGE, PIN, WAITING, KioskFlow, KioskFrame, KioskThread
from ui.kiosk_parts import BIG

__all__ = [
    "BIG", "MENU", "MESSAGE", "PIN", "WAITING",
    "KioskWindow", "build_kiosk", "run_kiosk",
]  # fmt: skip


class KioskWindow(KioskFrame):
    """The kiosk frame with its services; `certificate` and `facility` are None when not offered."""

    def __init__(
        self,
        thread: KioskThread,
        services: Sequence[str] = KIOSK_SERVICES,
        *,
        full_screen: bool = True,
    ) -> None:
        self.certificate: CertificateFlow | None = None
        self.facility: FacilityFlow | None = None
        super().__init__(thread, functools.partial(self._flows, services), full_screen=full_screen)

    def _flows(self, services: Sequence[str], frame: KioskFrame) -> list[KioskFlow]:
        flows: list[KioskFlow] = []
        for service in services:
            if service == "certificate":
                self.certificate = CertificateFlow(frame)
                flows.append(self.certificate)
            elif service == "facility":
                self.facility = FacilityFlow(frame)
                flows.append(self.facility)
        return flows


def build_kiosk(
    config: Configuration,
    backend_factory: Callable[[], ReaderBackend],
    *,
    printer: KioskPrinter | None = None,
    full_screen: bool = True,
) -> KioskWindow:
    """The kiosk window over its worker (opened there: register, keys, reader)."""
    thread = KioskThread(functools.partial(open_desk, config, backend_factory, printer))
    return KioskWindow(thread, config.kiosk_services, full_screen=full_screen)


def run_kiosk(config: Configuration, lang: str | None) -> int:
    """`counter-app kiosk`: the kiosk window until it is closed."""
    import sys

    from PySide6.QtCore import QSettings

    from ui import i18n
    from ui.app import APPLICATION, ORGANISATION, _default_backend_factory

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    i18n.Translations(app).set_language(lang or i18n.saved_language(QSettings()))
    window = build_kiosk(config, _default_backend_factory(config))
    window.open()
    return app.exec()
