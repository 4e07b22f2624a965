"""Make the clerk's guide screenshots: the real counter window, driven step by step under Xvfb.

    .venv/bin/python tools/make_guide_screenshots.py [--out docs/images] [--lang ja]

Starts its own Xvfb, opens the counter exactly as `counter-app` does (first start in an empty
data directory, so the training register is created), on the in-process virtual reader, and
drives each step with QTest: login, a blank training card, the search, the form, the
resident's PIN, writing the card, the print preview, and the finished issuance; then the other
counter pages on that card: address change, PIN reset, suspension, re-issue, the card check
(by eye with the checklist, then from a scan of a forged and of the genuine card face) and
return; then, on a new card, the applet administrator's services page (the consent step, the
services listed), the library desk with a patron and two loans, and the certificate kiosk
(waiting, PIN, the choice with the fee, printed). Each step is saved as a small PNG (palette,
under 100 kB) named guide-NN-step.png.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MAX_BYTES = 100_000
PIN = "4826"
NEW_PIN = "7391"
NEW_ADDRESS = "東京都港区芝公園4-2-8"
SCAN_DPI = 300  # the scans of the card face, as an office scanner gives them
LIBRARY_MEMBER = "20000001"  # a patron of the training library
LIBRARY_BOOKS = ("1000000001", "1000000002")  # two of its books
FACILITY_MEMBER = "F-0001"


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb on the first free display from :91."""
    for number in range(91, 120):
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            continue
        process = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                return process, f":{number}"
            time.sleep(0.1)
        process.kill()
    raise SystemExit("Xvfb did not start")


def save_small(image_path: Path, png: bytes) -> int:
    """Save a screenshot as a palette PNG, shrinking it until it is under MAX_BYTES."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as shot:
        image = shot.convert("RGB")
    width = min(image.width, 1100)
    while True:
        scaled = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
        out = io.BytesIO()
        scaled.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
        if out.tell() < MAX_BYTES or width < 500:
            image_path.write_bytes(out.getvalue())
            return out.tell()
        width = int(width * 0.85)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "images"))
    parser.add_argument("--lang", default="ja", choices=["ja", "en"])
    parser.add_argument(
        "--only", choices=["reservation-counter"], help="make this screenshot alone"
    )
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    xvfb, display = start_xvfb()
    home = Path(tempfile.mkdtemp(prefix="counter-guide-"))
    os.environ.update({"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "COUNTER_APP_HOME": str(home)})
    os.environ.pop("COUNTER_APP_DB", None)
    os.environ.pop("COUNTER_APP_RECORD_CODE_KEY_FILE", None)
    try:
        if args.only != "reservation-counter":
            _drive(out, args.lang, home)
        (home / "reservation-counter").mkdir()
        reservation_counter_shot(out, args.lang, home / "reservation-counter")
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(home, ignore_errors=True)
    if args.only is None:  # on its own display and training home: a process of its own
        shot = "from tools import make_guide_screenshots as m; m.reservation_kiosk_screenshot"
        shot += f"({str(out)!r})"
        subprocess.run([sys.executable, "-c", shot], cwd=ROOT, check=True)
    return 0


def printed_fields(cardholder: Any) -> tuple[str, str, str]:
    """What the clerk reads off the printed card: era birth date (S30.2.17), expiry year, code."""
    from counter_app.japanese_dates import ERA_INITIALS, era_of

    born = cardholder.birth_date
    era, era_year = era_of(born)
    initial = next(letter for letter, name in ERA_INITIALS.items() if name == era)
    return (
        f"{initial}{era_year}.{born.month}.{born.day}",
        str(cardholder.expiry.year),
        str(cardholder.security_code),
    )


def card_face_scan(issued: Any, folder: Path, *, forged: bool) -> Path:
    """The issued card's printed front as a 300 dpi scanner gives it, turned a little and
    blurred; `forged`: a forgery whose name was scraped off the print."""
    import random

    from PIL import Image

    from counter_app.face_scan.simulated_scans import ScanCondition, simulate_scan, transplant
    from counter_app.printing.layouts import CARD_FRONT
    from counter_app.printing.raster import rasterise_pdf

    assert issued.printed is not None
    front = rasterise_pdf(issued.printed.card_face_pdf, dpi=SCAN_DPI)[0]
    if forged:
        blank = Image.new("RGB", front.size, "white")
        front = transplant(front, blank, CARD_FRONT.texts["name"].box, SCAN_DPI)
    path = folder / ("forged.png" if forged else "genuine.png")
    path.write_bytes(simulate_scan(front, ScanCondition(angle=1.2, blur=0.6), random.Random(3)))
    return path


@dataclass(frozen=True)
class Guide:
    """What the later chapters' steps share with the run: the window and the run's helpers."""

    app: Any
    window: Any
    home: Path
    shot: Callable[[str, Any], None]  # shot(name, widget or None: the window)
    wait_until: Callable[[Callable[[], bool], str], None]
    go_to: Callable[[int, str], Any]
    choose: Callable[[Any], None]
    resident_pin: Callable[[Any, str, bool], None]
    finished: Callable[[Any, str], None]
    print_all: Callable[[], None]

    def key(self, key: Any, modifier: Any = None) -> None:
        """A key typed wherever the keyboard is (Ctrl+..., Alt+...)."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        self.window.activateWindow()
        QTest.keyClick(
            self.app.focusWidget() or self.window,
            key,
            Qt.KeyboardModifier.NoModifier if modifier is None else modifier,
        )


def log_in_as(guide: Guide, role: Any) -> None:
    """Log out (Ctrl+L) and log the training operator of `role` in."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = guide.window
    if window.stack.currentIndex() != 0:
        guide.key(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        guide.wait_until(lambda: window.stack.currentIndex() == 0, "the logout")
    operator = window.training.operator(role)
    assert operator is not None
    page = window.login_page
    for field, text in (
        (page.login_field, operator.login),
        (page.password_field, operator.password),
    ):
        field.setFocus()
        field.selectAll()
        QTest.keyClicks(field, text)
        QTest.keyClick(field, Qt.Key.Key_Return)
    guide.wait_until(lambda: window.stack.currentIndex() == 1, f"the login of {operator.login}")


def issue_new_card(guide: Guide) -> Path:
    """A blank training card issued to the guide's resident on the issuance page (Ctrl+1): the
    card file, so that the kiosk can take the same card later."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from counter_app.card.profile import LifeCycle
    from counter_app.config import Configuration

    window = guide.window
    reader = window.reader_list.current_reader()
    window.last_training_card = None
    window.blank_card_action.trigger()
    guide.wait_until(lambda: window.last_training_card is not None, "the blank card")
    guide.wait_until(
        lambda: (
            reader in window.summaries
            and window.summaries[reader].life_cycle is not LifeCycle.OPERATIONAL
        ),
        "the blank card in the reader",
    )
    issuance = window.pages["issuance"]
    issuance.reset()
    task = guide.go_to(1, "issuance")
    guide.choose(task)
    document = next(iter(task.documents.values()))
    document.setFocus()
    QTest.keyClick(document, Qt.Key.Key_Space)
    QTest.keyClick(document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    guide.resident_pin(task, PIN, True)
    guide.finished(task, "the issuance of the services' card")
    guide.print_all()
    guide.wait_until(
        lambda: (
            reader in window.summaries
            and window.summaries[reader].life_cycle is LifeCycle.OPERATIONAL
        ),
        "the issued card",
    )
    return Configuration(data_dir=guide.home).cards_dir / str(window.last_training_card)


def services_shots(guide: Guide) -> None:
    """The applet administrator's page (Ctrl+8): the consent step of an install, then the card's
    services listed (library card with its member number, facility reservations, certificates)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from counter_app.records import Role

    window = guide.window
    log_in_as(guide, Role.APPLET_ADMIN)
    guide.wait_until(lambda: "card_services" in window.pages, "the services page")
    page = window.pages["card_services"]
    guide.wait_until(lambda: page.listing is not None and not page.working, "the card's services")
    alt = Qt.KeyboardModifier.AltModifier

    def install(code: str, member: str, name: str | None) -> None:
        guide.key(Qt.Key.Key_V, alt)
        page.service_choice.setCurrentIndex(page.service_choice.findData(code))
        if member:
            guide.key(Qt.Key.Key_M, alt)
            QTest.keyClicks(page.new_member_field, member)
        guide.key(Qt.Key.Key_A, alt)  # the resident signed the consent form
        guide.wait_until(lambda: page.consent_given.isChecked(), "the consent ticked")
        if name is not None:
            page.scroll_area.ensureWidgetVisible(page.install_button)
            guide.shot(name, None)
        count = len(page.listing.services)
        guide.key(Qt.Key.Key_I, alt)
        guide.wait_until(
            lambda: (
                not page.working
                and page.listing is not None
                and len(page.listing.services) == count + 1
            ),
            f"the install of {code}",
        )

    install("library", LIBRARY_MEMBER, "services-consent")
    install("facility", FACILITY_MEMBER, None)
    install("certificate", "", None)
    page.table.selectRow(0)
    page.table.setFocus()
    page.scroll_area.ensureWidgetVisible(page.table)
    guide.shot("services-on-card", None)


def library_shots(guide: Guide) -> None:
    """The library desk (Ctrl+9) as library staff: the card opened with the resident's PIN, the
    patron from the training library, two books lent by barcode."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from counter_app.records import Role

    window = guide.window
    log_in_as(guide, Role.LIBRARY_STAFF)
    guide.wait_until(lambda: "library" in window.pages, "the library desk")
    page = window.pages["library"]
    guide.wait_until(lambda: window.status.library is not None, "the library system's answer")
    guide.key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    guide.resident_pin(page, PIN, False)
    guide.wait_until(lambda: page.session is not None, "the patron")
    for barcode in LIBRARY_BOOKS:
        QTest.keyClicks(page.barcode_field, barcode)
        rows = page.loans.rowCount()
        QTest.keyClick(page.barcode_field, Qt.Key.Key_Return)
        guide.wait_until(
            lambda n=rows: page.loans.rowCount() == n + 1 and not page.working, "the loan"
        )  # type: ignore[misc]
    guide.shot("library-desk", None)


@dataclass
class DroppedPrints:
    """The kiosk's print queue for the guide: the copies are counted and dropped."""

    copies: int = 0

    def print_pdf(self, pdf: bytes, title: str, copies: int) -> str:
        self.copies += copies
        return f"guide-{self.copies}"


def kiosk_shots(guide: Guide, card: Path) -> None:
    """The kiosk (`counter-app kiosk`) on the same register, the resident's card in its own
    reader: the waiting page, the services menu, the PIN page with the tries left, the choice
    with the fee, and the take-the-card reminder."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from counter_app.config import Configuration
    from counter_app.virtual_card.inprocess import InProcessBackend, InProcessReader
    from ui.kiosk_window import MENU, MESSAGE, WAITING, build_kiosk
    from ui.kiosk_window import PIN as PIN_PAGE

    reader = InProcessReader()
    printer = DroppedPrints()
    kiosk = build_kiosk(
        Configuration(data_dir=guide.home),
        lambda: InProcessBackend(reader),
        printer=printer,
        full_screen=False,
    )
    kiosk.resize(1024, 700)
    kiosk.move(0, 0)
    kiosk.open()
    kiosk.activateWindow()
    guide.wait_until(lambda: kiosk.info is not None, "the kiosk")
    guide.wait_until(lambda: kiosk.stack.currentIndex() == WAITING, "the kiosk's waiting page")
    guide.shot("kiosk-waiting", kiosk)
    reader.insert(card)
    guide.wait_until(lambda: kiosk.stack.currentIndex() == MENU, "the kiosk's services menu")
    QTest.keyClick(kiosk, Qt.Key.Key_1)  # 住民票の写し
    guide.wait_until(lambda: kiosk.stack.currentIndex() == PIN_PAGE, "the kiosk's PIN page")
    kiosk.pin_field.setFocus()
    QTest.keyClicks(kiosk.pin_field, PIN)
    guide.shot("kiosk-pin", kiosk)
    QTest.keyClick(kiosk.pin_field, Qt.Key.Key_Return)
    flow = kiosk.certificate
    assert flow is not None
    guide.wait_until(lambda: kiosk.stack.currentWidget() is flow.page, "the kiosk's choice page")
    QTest.keyClick(kiosk, Qt.Key.Key_2)  # 世帯全員
    QTest.keyClick(kiosk, Qt.Key.Key_Up)  # two copies
    guide.wait_until(lambda: flow.copies == 2, "two copies")
    guide.shot("kiosk-choice", kiosk)
    QTest.keyClick(kiosk, Qt.Key.Key_Return)
    guide.wait_until(
        lambda: kiosk.stack.currentIndex() == MESSAGE and printer.copies == 2, "the printout"
    )
    guide.wait_until(lambda: not kiosk.busy, "the kiosk's message")
    guide.shot("kiosk-printed", kiosk)
    reader.remove()
    guide.wait_until(lambda: kiosk.stack.currentIndex() == WAITING, "the kiosk to clear")
    kiosk.close()


def _drive(out: Path, lang: str, home: Path) -> int:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea, QWidget

    from counter_app import training
    from counter_app.card.profile import LifeCycle
    from counter_app.card_service.backends import open_in_process_backend
    from counter_app.config import Configuration
    from counter_app.records import Role
    from ui.app import build_window
    from ui.pages.parts import TaskPage

    app = QApplication(sys.argv[:1])
    settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
    config = Configuration(data_dir=home)
    window, _card_thread, _settings = build_window(
        config,
        lang,
        backend_factory=functools.partial(open_in_process_backend, config),
        settings=settings,
    )
    window.services.printout_dir = home / "printouts"
    window.move(0, 0)
    window.show()
    window.activateWindow()  # no window manager under Xvfb gives it focus
    shots: list[str] = []

    def wait_until(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out waiting for {what}")
            QTest.qWait(20)

    def shot(name: str, widget: QWidget | None = None) -> None:
        QTest.qWait(250)
        app.processEvents()
        target = widget or window
        path = out / f"guide-{len(shots) + 1:02d}-{name}.png"
        from PySide6.QtCore import QBuffer, QIODevice

        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        target.grab().save(buffer, "PNG")
        size = save_small(path, bytes(buffer.data().data()))
        shots.append(path.name)
        print(f"{path.name}: {size // 1000} kB")

    # 1. First start: the training register and its demo logins.
    wait_until(lambda: window.training is not None, "the training register")
    wait_until(lambda: window.blank_card_action.isVisible(), "the virtual reader")
    wait_until(lambda: bool(window.summaries), "the demo card")
    shot("login")
    info = window.training
    assert info is not None
    clerk = info.operator(Role.ISSUING_CLERK)
    assert clerk is not None
    page = window.login_page
    QTest.keyClicks(page.login_field, clerk.login)
    QTest.keyClick(page.login_field, Qt.Key.Key_Return)
    QTest.keyClicks(page.password_field, clerk.password)
    QTest.keyClick(page.password_field, Qt.Key.Key_Return)
    wait_until(lambda: window.stack.currentIndex() == 1, "the login")
    issuance = window.pages["issuance"]
    wait_until(lambda: app.focusWidget() is issuance.search.box, "the search box")
    shot("issuance-page")

    # 2. A blank training card.
    reader = window.reader_list.current_reader()
    QTest.keyClick(
        issuance.search.box,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    wait_until(
        lambda: (
            reader in window.summaries
            and window.summaries[reader].life_cycle is not LifeCycle.OPERATIONAL
        ),
        "the blank card",
    )
    shot("blank-card")

    # 3. The resident.
    person = training.TRAINING_RESIDENTS[0]
    QTest.keyClicks(issuance.search.box, person.birth_date.isoformat())
    QTest.keyClick(issuance.search.box, Qt.Key.Key_Return)
    wait_until(lambda: len(issuance.search.hits) == 1, "the search")
    shot("search")
    QTest.keyClick(issuance.search.results, Qt.Key.Key_Return)
    wait_until(lambda: issuance.resident is not None, "the chosen resident")

    # 4. Identity document, then issue.
    first_document = next(iter(issuance.documents.values()))
    first_document.setFocus()
    QTest.keyClick(first_document, Qt.Key.Key_Space)
    issuance.scroll_area.ensureWidgetVisible(issuance.issue_button)
    shot("form")
    QTest.keyClick(first_document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: issuance.pin_dialog is not None, "the PIN dialog")
    dialog = issuance.pin_dialog
    assert dialog is not None
    QTest.keyClicks(dialog.first, PIN)
    shot("resident-pin", dialog)
    QTest.keyClick(dialog.first, Qt.Key.Key_Return)
    QTest.keyClicks(dialog.second, PIN)
    QTest.keyClick(dialog.second, Qt.Key.Key_Return)

    # 5. Writing and checking the card, then the print preview.
    wait_until(
        lambda: issuance.result is not None or issuance.runner.error is not None,
        "the issuance",
        120,
    )
    if issuance.runner.error is not None:
        raise SystemExit(f"the issuance failed: {issuance.runner.message.text()}")
    preview = window.services.last_preview
    assert preview is not None
    wait_until(lambda: preview.page_count == 2, "the card face preview")
    shot("card-face-preview", preview)
    QTest.keyClick(preview.print_button, Qt.Key.Key_Return)
    wait_until(lambda: preview.outcome is not None, "the card face")
    QTest.keyClick(preview.print_button, Qt.Key.Key_Return)
    wait_until(lambda: window.services.last_preview is not preview, "the receipt preview")
    receipt = window.services.last_preview
    assert receipt is not None
    wait_until(lambda: receipt.page_count >= 1, "the receipt preview")
    shot("receipt-preview", receipt)
    QTest.keyClick(receipt.print_button, Qt.Key.Key_Return)
    wait_until(lambda: receipt.outcome is not None, "the receipt")
    QTest.keyClick(receipt.print_button, Qt.Key.Key_Return)
    QTest.qWait(300)
    issuance.scroll_area.ensureWidgetVisible(issuance.runner)
    shot("done")
    workflow = issuance.runner.workflow
    cardholder = getattr(workflow, "cardholder", None)
    assert cardholder is not None
    printed = printed_fields(cardholder)
    wait_until(
        lambda: (
            reader in window.summaries
            and window.summaries[reader].life_cycle is LifeCycle.OPERATIONAL
        ),
        "the issued card",
    )

    def reveal(task: TaskPage, widget: QWidget) -> None:
        area = task.findChild(QScrollArea)
        if area is not None:
            area.ensureWidgetVisible(widget)
            # From the left edge, where every line starts: a page wider than the window (the
            # card check with its by-eye checklist) is scrolled sideways to the focused widget.
            area.horizontalScrollBar().setValue(0)

    def go_to(number: int, key: str) -> TaskPage:
        window.activateWindow()  # a closed dialog leaves no active window without a manager
        QTest.qWait(100)
        target = app.focusWidget() or window
        QTest.keyClick(target, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        task = window.pages[key]
        assert isinstance(task, TaskPage)
        wait_until(lambda: window.tabs.currentWidget() is task, f"the page {key}")
        wait_until(lambda: app.focusWidget() is task.entry_field(), "the page's first field")
        return task

    def choose(task: TaskPage) -> None:
        QTest.keyClicks(task.search.box, person.birth_date.isoformat())
        QTest.keyClick(task.search.box, Qt.Key.Key_Return)
        wait_until(lambda: len(task.search.hits) == 1, "the search")
        QTest.keyClick(task.search.results, Qt.Key.Key_Return)
        wait_until(lambda: task.resident is not None, "the chosen resident")

    def resident_pin(task: TaskPage, pin: str, twice: bool) -> None:
        wait_until(lambda: task.pin_dialog is not None, "the PIN dialog")
        pin_dialog = task.pin_dialog
        assert pin_dialog is not None
        QTest.keyClicks(pin_dialog.first, pin)
        QTest.keyClick(pin_dialog.first, Qt.Key.Key_Return)
        if twice:
            QTest.keyClicks(pin_dialog.second, pin)
            QTest.keyClick(pin_dialog.second, Qt.Key.Key_Return)

    def finished(task: TaskPage, what: str) -> None:
        wait_until(lambda: task.result is not None or task.runner.error is not None, what, 120)
        if task.runner.error is not None:
            raise SystemExit(f"{what} failed: {task.runner.message.text()}")

    def print_all(name: str | None = None) -> None:
        """Save each preview that opens in turn; a screenshot of the first as `name`."""
        seen: set[int] = set()
        for _ in range(3):
            QTest.qWait(200)
            shown = window.services.last_preview
            if shown is None or id(shown) in seen or not shown.isVisible():
                return
            seen.add(id(shown))
            wait_until(lambda p=shown: p.page_count > 0, "the preview")  # type: ignore[misc]
            if name is not None:
                shot(name, shown)
                name = None
            QTest.keyClick(shown.print_button, Qt.Key.Key_Return)
            wait_until(lambda p=shown: p.outcome is not None, "the printout")  # type: ignore[misc]
            QTest.keyClick(shown.print_button, Qt.Key.Key_Return)
            wait_until(lambda p=shown: not p.isVisible(), "the preview to close")  # type: ignore[misc]

    def answer_yes(box: QWidget | None, name: str) -> None:
        assert isinstance(box, QMessageBox)
        shot(name, box)
        QTest.keyClick(box.button(QMessageBox.StandardButton.Yes), Qt.Key.Key_Space)

    # 6. Address change (Ctrl+2): the new address, the card's unlock number, the PIN.
    address = go_to(2, "address")
    choose(address)
    address.new_address.setText(NEW_ADDRESS)  # type: ignore[attr-defined]
    entry = address.unlock  # type: ignore[attr-defined]
    fields = (entry.birth, entry.expiry_year, entry.security_code)
    for box, text in zip(fields, printed, strict=True):
        box.setFocus()
        QTest.keyClicks(box, text)
    address.scroll_area.ensureWidgetVisible(entry.tries)
    shot("address-change")
    QTest.keyClick(entry.security_code, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    resident_pin(address, PIN, twice=False)
    finished(address, "the address change")
    print_all("address-line-preview")

    # 7. PIN reset (Ctrl+3): identity document, the resident's new PIN.
    reset = go_to(3, "pin_reset")
    choose(reset)
    document = reset.focusWidget()
    QTest.keyClick(document, Qt.Key.Key_Space)
    shot("pin-reset")
    QTest.keyClick(document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    resident_pin(reset, NEW_PIN, twice=True)
    finished(reset, "the PIN reset")
    reveal(reset, reset.outcome)
    shot("pin-reset-done")

    # 8. Suspension (Ctrl+4): confirm, then a presented card is refused in words.
    suspension = go_to(4, "suspension")
    choose(suspension)
    QTest.keyClick(suspension.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: suspension.confirm_box is not None, "the confirmation")  # type: ignore[attr-defined]
    answer_yes(suspension.confirm_box, "suspension-confirm")  # type: ignore[attr-defined]
    wait_until(lambda: suspension.result is not None, "the suspension")
    check_button = suspension.check_button  # type: ignore[attr-defined]
    QTest.keyClick(check_button, Qt.Key.Key_Space)
    status = suspension.check_status  # type: ignore[attr-defined]
    wait_until(lambda: status.styleSheet() != "", "the check of the presented card")
    reveal(suspension, status)
    shot("suspension-check")

    # 9. Re-issue (Ctrl+5): a blank card, the issuance form with the reason.
    reissue = go_to(5, "reissue")
    QTest.keyClick(
        reissue.search.box,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    wait_until(
        lambda: (
            reader in window.summaries
            and window.summaries[reader].life_cycle is not LifeCycle.OPERATIONAL
        ),
        "the blank card",
    )
    choose(reissue)
    document = next(iter(reissue.documents.values()))  # type: ignore[attr-defined]
    document.setFocus()
    QTest.keyClick(document, Qt.Key.Key_Space)
    reveal(reissue, reissue.action_button)
    shot("reissue")
    QTest.keyClick(document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    resident_pin(reissue, PIN, twice=True)
    finished(reissue, "the re-issue")
    print_all()
    wait_until(
        lambda: (
            reader in window.summaries
            and window.summaries[reader].life_cycle is LifeCycle.OPERATIONAL
        ),
        "the new card",
    )

    # 10. Card check (Ctrl+7): the new card's printed fields, the verdict at a glance.
    renewed = getattr(reissue.runner.workflow, "cardholder", None)
    assert renewed is not None
    check = go_to(7, "verification")
    entry = check.unlock  # type: ignore[attr-defined]
    fields = (entry.birth, entry.expiry_year, entry.security_code)
    for box, text in zip(fields, printed_fields(renewed), strict=True):
        box.setFocus()
        QTest.keyClicks(box, text)
    QTest.keyClick(entry.security_code, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: check.result is not None, "the verdict")
    reveal(check, check.verdict)  # type: ignore[attr-defined]
    shot("verification")

    # 10b. No scan: the chip's images large and the checklist; Space ticks, Alt+M confirms.
    by_eye = check.by_eye  # type: ignore[attr-defined]
    wait_until(lambda: by_eye.isVisible(), "the by-eye checklist")
    for box in (c for c in by_eye.checks.values() if c.isVisible()):
        box.setFocus()
        QTest.keyClick(box, Qt.Key.Key_Space)
    shot("verification-by-eye", check.result_box)  # type: ignore[attr-defined]
    QTest.keyClick(app.focusWidget() or window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    wait_until(lambda: by_eye.answered and check._eye_job is None, "the by-eye answer")  # type: ignore[attr-defined]

    # 10c. A scan of the card face given first (as Alt+F's file dialog gives it): a forged
    # print whose name was scraped off, then the genuine print; each compared field by field.
    scans = home / "scans"
    scans.mkdir()
    face_view = check.face_view  # type: ignore[attr-defined]
    issued_again = reissue.result
    for forged, name in ((True, "verification-forged-scan"), (False, "verification-genuine-scan")):
        QTest.keyClick(
            app.focusWidget() or window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
        )
        wait_until(lambda: check.result is None, "the next resident")
        scan = card_face_scan(issued_again, scans, forged=forged)
        check.load_face_scan_file(scan)  # type: ignore[attr-defined]
        for box, text in zip(fields, printed_fields(renewed), strict=True):
            box.setFocus()
            QTest.keyClicks(box, text)
        QTest.keyClick(entry.security_code, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        wait_until(lambda: check.result is not None, "the verdict", 180)
        wait_until(lambda: face_view.isVisible(), "the printed face's comparison")
        # The forgery with its verdict; the genuine scan's comparison alone, legible in 100 kB.
        shot(name, check.result_box if forged else face_view)  # type: ignore[attr-defined]

    # 11. Return (Ctrl+6): the card is at hand, its chip is invalidated.
    back = go_to(6, "return")
    choose(back)
    shot("return")
    QTest.keyClick(back.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: back.confirm_box is not None, "the confirmation")  # type: ignore[attr-defined]
    answer_yes(back.confirm_box, "return-confirm")  # type: ignore[attr-defined]
    finished(back, "the return")
    reveal(back, back.outcome)
    shot("return-done")

    # 12. The multipurpose services, the library desk and the certificate kiosk, on a new card.
    guide = Guide(
        app=app,
        window=window,
        home=home,
        shot=shot,
        wait_until=wait_until,
        go_to=go_to,
        choose=choose,
        resident_pin=resident_pin,
        finished=finished,
        print_all=print_all,
    )
    card = issue_new_card(guide)
    services_shots(guide)
    library_shots(guide)
    supervisor_operators_shot(guide, out)
    supervisor_purposes_shot(guide, out)
    supervisor_audit_shots(guide, out)
    window.close()
    kiosk_shots(guide, card)
    print(f"{len(shots)} screenshots in {out}")
    return 0


def reservation_counter_shot(out: Path, lang: str, home: Path) -> Path:
    """guide-reservation-counter.png: the reservation counter (Ctrl+0) with a resident's bookings.

    A first start of its own in `home`: the issuing clerk issues a training card, the applet
    administrator puts the facility service on it, opens it with the resident's PIN on the
    reservation page and books two courts a week ahead; the page is saved with them shown.
    """
    import datetime as dt

    from PySide6.QtCore import QBuffer, QIODevice, QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from counter_app import training
    from counter_app.card.profile import LifeCycle
    from counter_app.card_service.backends import open_in_process_backend
    from counter_app.config import Configuration
    from counter_app.records import Role
    from counter_app.records.reservations import LOCAL_TIME
    from ui.app import build_window
    from ui.pages.card_services_page import CardServicesPage
    from ui.pages.facility_reservation_page import FacilityReservationPage
    from ui.pages.issuance_page import IssuancePage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    config = Configuration(data_dir=home)
    window, _card_thread, _settings = build_window(
        config,
        lang,
        backend_factory=functools.partial(open_in_process_backend, config),
        settings=QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat),
    )
    window.services.printout_dir = home / "printouts"
    window.move(0, 0)
    window.show()
    window.activateWindow()

    def wait_until(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out waiting for {what}")
            QTest.qWait(20)

    def log_in(role: Role) -> None:
        operator = window.training.operator(role) if window.training else None
        assert operator is not None
        login = window.login_page
        for field, text in ((login.login_field, operator.login), (login.password_field,
                                                                 operator.password)):  # fmt: skip
            field.clear()
            QTest.keyClicks(field, text)
            QTest.keyClick(field, Qt.Key.Key_Return)
        wait_until(lambda: window.stack.currentIndex() == 1, "the login")

    def card_operational() -> bool:
        reader = window.reader_list.current_reader()
        summary = window.summaries.get(reader) if reader else None
        return summary is not None and summary.life_cycle is LifeCycle.OPERATIONAL

    wait_until(lambda: window.training is not None, "the training register")
    wait_until(lambda: window.blank_card_action.isVisible(), "the virtual reader")
    log_in(Role.ISSUING_CLERK)
    issuance = window.pages["issuance"]
    assert isinstance(issuance, IssuancePage)
    window.blank_card_action.trigger()
    wait_until(lambda: window.last_training_card is not None, "the blank card")
    wait_until(lambda: not card_operational() and bool(window.summaries), "the blank card read")
    person = training.TRAINING_RESIDENTS[0]
    QTest.keyClicks(issuance.search.box, person.birth_date.isoformat())
    QTest.keyClick(issuance.search.box, Qt.Key.Key_Return)
    wait_until(lambda: len(issuance.search.hits) == 1, "the search")
    QTest.keyClick(issuance.search.results, Qt.Key.Key_Return)
    document = next(iter(issuance.documents.values()))
    document.setFocus()
    QTest.keyClick(document, Qt.Key.Key_Space)
    QTest.keyClick(document, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: issuance.pin_dialog is not None, "the PIN dialog")
    dialog = issuance.pin_dialog
    assert dialog is not None
    for field in (dialog.first, dialog.second):  # the resident's new PIN, twice
        QTest.keyClicks(field, PIN)
        QTest.keyClick(field, Qt.Key.Key_Return)
    wait_until(lambda: issuance.result is not None, "the issuance", 120)
    for _ in range(2):  # the card face and the receipt, saved as PDF files
        preview = window.services.last_preview
        wait_until(lambda p=preview: p is not None and p.page_count > 0, "a preview")  # type: ignore[misc]
        assert preview is not None
        QTest.keyClick(preview.print_button, Qt.Key.Key_Return)
        wait_until(lambda p=preview: p.outcome is not None, "the printout")  # type: ignore[misc]
        QTest.keyClick(preview.print_button, Qt.Key.Key_Return)
        wait_until(lambda p=preview: not p.isVisible(), "the preview to close")  # type: ignore[misc]
    wait_until(card_operational, "the issued card")

    window.logout()  # the applet administrator next
    wait_until(lambda: window.stack.currentIndex() == 0, "the logout")
    log_in(Role.APPLET_ADMIN)
    services = window.pages["card_services"]
    assert isinstance(services, CardServicesPage)
    wait_until(lambda: services.listing is not None, "the card's services")
    services.service_choice.setCurrentIndex(services.service_choice.findData("facility"))
    services.new_member_field.setText("F-0001")
    services.consent_given.setChecked(True)
    QTest.keyClick(services.install_button, Qt.Key.Key_Space)
    wait_until(lambda: services.table.rowCount() == 1 and not services.working, "the service")

    window.show_page("reservations")  # Ctrl+0
    page = window.pages["reservations"]
    assert isinstance(page, FacilityReservationPage)
    wait_until(lambda: bool(page.day_view.facilities), "the facilities")
    page.open_card()  # Ctrl+Enter
    wait_until(lambda: page.pin_dialog is not None, "the resident's PIN")
    assert page.pin_dialog is not None
    QTest.keyClicks(page.pin_dialog.first, PIN)
    QTest.keyClick(page.pin_dialog.first, Qt.Key.Key_Return)
    wait_until(lambda: page.holder is not None and not page.working, "the resident's bookings")
    court = next(f for f in page.day_view.facilities if f.name == "市民体育館 第1コート")
    page.day_view.choose_facility(court.id)
    day = dt.datetime.now(LOCAL_TIME).date() + dt.timedelta(days=7)
    day += dt.timedelta(days=(5 - day.weekday()) % 7)  # a Saturday
    page.day_view.set_day(day)
    for hour, slots in ((10, 2), (15, 1)):
        wait_until(lambda: any(s.starts_at.date() == day for s in page.day_view.slot_rows), "day")
        page.day_view.select_start(dt.datetime.combine(day, dt.time(hour)))
        page.count.setValue(slots)
        booked = page.bookings.rowCount()
        page.day_view.slots.setFocus()
        QTest.keyClick(page.day_view.slots, Qt.Key.Key_Return)
        wait_until(lambda n=booked: page.bookings.rowCount() == n + 1, "the booking")  # type: ignore[misc]
    page.count.setValue(1)
    QTest.qWait(500)
    app.processEvents()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    target: QWidget = window
    target.grab().save(buffer, "PNG")
    path = out / "guide-reservation-counter.png"
    print(f"{path.name}: {save_small(path, bytes(buffer.data().data())) // 1000} kB")
    window.close()
    return path


def supervisor_purposes_shot(guide: Guide, out: Path) -> None:
    """The supervisor's desk (Ctrl+Shift+S), its purposes tab: the 県営住宅 arrears task added
    with its ordinance article, dates, tenant and guarantor (never the family), and the list
    showing it with the standard purposes. Saved as guide-supervisor-purposes.png."""
    from PySide6.QtCore import QBuffer, QIODevice, Qt

    from counter_app.records import Category, Role
    from ui.pages.supervisor.purposes_section import PurposesSection

    window = guide.window
    log_in_as(guide, Role.SUPERVISOR)
    guide.wait_until(lambda: "supervisor" in window.pages, "the supervisor's desk")
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    guide.key(Qt.Key.Key_S, ctrl_shift)
    page = window.pages["supervisor"]
    section = next(p for p in page.parts if isinstance(p, PurposesSection))
    page.desk.setCurrentWidget(section)
    guide.wait_until(lambda: bool(section.purposes) and not section.busy(), "the purposes")
    entries = (
        (section.code_field, "pref-housing-arrears"),
        (section.name_field, "県営住宅使用料の滞納整理"),
        (section.law_field, "県営住宅条例"),
        (section.article_field, "第37条"),
        (section.in_force_field, "2026-04-01"),
        (section.answer_field, "2026-02-10"),
    )
    for field, text in entries:
        field.setText(text)
    for category in (Category.TENANT, Category.GUARANTOR):
        section.category_boxes[category].setChecked(True)
    for role in (Role.VERIFYING_CLERK, Role.SUPERVISOR):
        section.role_boxes[role].setChecked(True)
    section.code_field.setFocus()
    guide.key(Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # A&dd the purpose
    guide.wait_until(
        lambda: (
            any(p.code == "pref-housing-arrears" for p in section.purposes) and not section.busy()
        ),
        "the housing task in the list",
    )
    guide.app.processEvents()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    window.grab().save(buffer, "PNG")
    path = out / "guide-supervisor-purposes.png"
    print(f"{path.name}: {save_small(path, bytes(buffer.data().data())) // 1000} kB")


def reservation_kiosk_screenshot(out: Path | str = ROOT / "docs" / "images") -> Path:
    """docs/images/guide-reservation-kiosk.png: the kiosk's facility day page, as a resident sees
    it after the card and PIN (one own reservation, one of someone else's shown only as booked).

    On its own Xvfb and a throw-away training home; run it from the project folder with
    `.venv/bin/python -c "from tools import make_guide_screenshots as m
    m.reservation_kiosk_screenshot()"`.
    """
    import datetime as dt

    xvfb, display = start_xvfb()
    home = Path(tempfile.mkdtemp(prefix="counter-kiosk-guide-"))
    os.environ.update({"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "COUNTER_APP_HOME": str(home)})
    os.environ.pop("COUNTER_APP_DB", None)
    os.environ.pop("COUNTER_APP_RECORD_CODE_KEY_FILE", None)
    try:
        from PySide6.QtCore import QBuffer, QIODevice, Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        from counter_app import training
        from counter_app.card.scp03 import diversify_keys
        from counter_app.config import Configuration
        from counter_app.records import Role
        from counter_app.records.reservations import local_now
        from counter_app.virtual_card.card import VirtualCard
        from counter_app.virtual_card.inprocess import InProcessBackend, InProcessReader
        from counter_app.workflows.base import context_from_config
        from counter_app.workflows.card_services import CONSENT_TEXT_VERSION, ServiceDesk
        from counter_app.workflows.common import IdentityDocument
        from counter_app.workflows.facility_reservation import ReservationDesk
        from counter_app.workflows.issuance import IssuanceRequest, IssuanceWorkflow
        from ui import i18n
        from ui.kiosk_window import MENU, build_kiosk
        from ui.kiosk_window import PIN as PIN_PAGE

        room = "公民館 会議室A"
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        config = Configuration(data_dir=home)
        reader = InProcessReader()
        day = local_now(dt.datetime.now(dt.UTC)).date() + dt.timedelta(days=2)
        path = home / "kiosk-card.json"
        register = training.open_register(config)
        try:
            info = training.load_training_info(config)
            assert info is not None

            def logged_in(role: Role) -> Any:
                login = info.operator(role)
                assert login is not None
                session = register.operators.login_with_password(login.login, login.password)
                return context_from_config(config, register, session)

            clerk = logged_in(Role.ISSUING_CLERK)
            residents = []  # the card's holder, and someone else
            for person in training.TRAINING_RESIDENTS[:2]:
                access = register.access(clerk.operator, "card-issuance")
                hits = access.search(person.birth_date.isoformat()).hits
                family = person.name.split("\u3000")[0]
                residents.append(next(h.id for h in hits if h.family_name == family))
            serial = os.urandom(8)
            keys = diversify_keys(clerk.issuer.channel_master_key, serial)
            VirtualCard.manufacture(path, keys, serial)
            reader.insert(path)
            request = IssuanceRequest(residents[0], (IdentityDocument.PASSPORT,), PIN)
            IssuanceWorkflow(clerk, request, reader.connect).run()
            ServiceDesk(logged_in(Role.APPLET_ADMIN), reader.connect).install(
                "facility", consent_version=CONSENT_TEXT_VERSION, member_number="F-1001"
            )
            (facility,) = [f for f in register.reservations.facilities() if f.name == room]
            for resident_id, hour in zip(residents, (10, 13), strict=True):
                desk = ReservationDesk.at_kiosk(register, "guide", resident_id)
                desk.reserve(facility.id, dt.datetime.combine(day, dt.time(hour)))
        finally:
            register.close()
        reader.remove()

        i18n.Translations(app).set_language("ja")
        window = build_kiosk(config, lambda: InProcessBackend(reader), full_screen=False)
        window.resize(1100, 760)
        window.show()
        window.activateWindow()

        def wait_until(condition: Callable[[], bool], what: str) -> None:
            deadline = time.monotonic() + 60
            while not condition():
                if time.monotonic() > deadline:
                    raise SystemExit(f"timed out waiting for {what}")
                QTest.qWait(20)

        wait_until(lambda: window.info is not None, "the kiosk")
        reader.insert(path)
        wait_until(lambda: window.stack.currentIndex() == MENU, "the services menu")
        QTest.keyClick(window, Qt.Key.Key_2)
        wait_until(lambda: window.stack.currentIndex() == PIN_PAGE, "the PIN page")
        QTest.keyClicks(window.pin_field, PIN)
        QTest.keyClick(window.pin_field, Qt.Key.Key_Return)
        flow = window.facility
        assert flow is not None
        wait_until(lambda: flow.opened is not None and not window.busy, "the facilities")
        assert flow.opened is not None
        names = [f.name for f in flow.opened.facilities]
        QTest.keyClick(window, Qt.Key.Key_1 + names.index(room))
        for _ in range(2):
            shown = flow.view.day if flow.view is not None else None
            wait_until(lambda: flow.view is not None and not window.busy, "the day")
            QTest.keyClick(window, Qt.Key.Key_Right)
            wait_until(
                lambda: flow.view is not None and flow.view.day != shown and not window.busy,  # noqa: B023
                "the next day",
            )
        wait_until(lambda: flow.view is not None and flow.view.day == day, "the day shown")
        QTest.qWait(300)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        window.grab().save(buffer, "PNG")
        target = Path(out) / "guide-reservation-kiosk.png"
        size = save_small(target, bytes(buffer.data().data()))
        print(f"{target.name}: {size // 1000} kB")
        window.close()
        return target
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(home, ignore_errors=True)


def supervisor_operators_shot(guide: Guide, out: Path) -> Path:
    """The supervisor's desk (Ctrl+Shift+S), operators: an issuing clerk registered with the
    keyboard, the list with roles, duty periods and states, the one-time password shown once.
    Writes `out`/guide-supervisor-operators.png; call it with the run's Guide."""
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtTest import QTest

    from counter_app.records import Role
    from ui.pages.supervisor.operators_section import OperatorsSection

    window = guide.window
    log_in_as(guide, Role.SUPERVISOR)
    guide.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    page = window.pages["supervisor"]
    guide.wait_until(lambda: window.tabs.currentWidget() is page, "the supervisor's desk")
    section = page.current()
    assert isinstance(section, OperatorsSection)
    guide.wait_until(lambda: section.table.rowCount() > 0 and not section.busy(), "the operators")
    alt = Qt.KeyboardModifier.AltModifier
    guide.key(Qt.Key.Key_Y, alt)
    section.name_field.insert("窓口 新人")  # as the input method commits it
    guide.key(Qt.Key.Key_I, alt)
    QTest.keyClicks(section.login_field, "madoguchi-shinjin")
    QTest.keyClick(section.login_field, Qt.Key.Key_Tab)  # the first role: issuing clerk
    QTest.keyClick(guide.app.focusWidget(), Qt.Key.Key_Space)
    guide.key(Qt.Key.Key_J, alt)
    QTest.keyClicks(section.to_field, "2027-03-31")
    QTest.keyClick(section.to_field, Qt.Key.Key_Return)
    guide.wait_until(
        lambda: not section.busy() and bool(section.result.text()), "the operator registered"
    )
    QTest.qWait(250)
    guide.app.processEvents()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    window.grab().save(buffer, "PNG")
    path = out / "guide-supervisor-operators.png"
    size = save_small(path, bytes(buffer.data().data()))
    print(f"{path.name}: {size // 1000} kB")
    return path


def save_window(guide: Guide, path: Path) -> None:
    """The window as it is now, saved small under a fixed name (the supervisor's chapter)."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtTest import QTest

    QTest.qWait(250)
    guide.app.processEvents()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    guide.window.grab().save(buffer, "PNG")
    size = save_small(path, bytes(buffer.data().data()))
    print(f"{path.name}: {size // 1000} kB")


def supervisor_audit_shots(guide: Guide, out: Path) -> None:
    """The supervisor's desk (Ctrl+Shift+S) as the supervisor: Audit, the issuing clerk's
    events of the week, then Self-check after a run (guide-supervisor-audit.png,
    guide-supervisor-selfcheck.png)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from counter_app.records import Role
    from ui.pages.supervisor.audit_section import AuditSection
    from ui.pages.supervisor.selfcheck_section import SelfCheckSection

    window = guide.window
    clerk = window.training.operator(Role.ISSUING_CLERK)
    assert clerk is not None
    log_in_as(guide, Role.SUPERVISOR)
    alt, ctrl = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
    guide.key(Qt.Key.Key_S, ctrl | Qt.KeyboardModifier.ShiftModifier)
    desk = window.pages["supervisor"]
    guide.wait_until(lambda: window.tabs.currentWidget() is desk, "the supervisor's desk")
    audit = next(part for part in desk.parts if isinstance(part, AuditSection))
    guide.key(Qt.Key.Key_A, alt)
    guide.wait_until(lambda: desk.current() is audit, "the audit section")
    guide.key(Qt.Key.Key_R, alt)
    QTest.keyClicks(audit.operator_field, clerk.login)
    QTest.keyClick(audit.operator_field, Qt.Key.Key_Return)
    guide.wait_until(lambda: audit.table.rowCount() > 0 and not audit.busy(), "the audit search")
    save_window(guide, out / "guide-supervisor-audit.png")
    checks = next(part for part in desk.parts if isinstance(part, SelfCheckSection))
    guide.key(Qt.Key.Key_K, alt)
    guide.wait_until(lambda: desk.current() is checks, "the self-check section")
    guide.key(Qt.Key.Key_H, alt)
    guide.wait_until(lambda: bool(checks.results) and not checks.busy(), "the self-check")
    save_window(guide, out / "guide-supervisor-selfcheck.png")


if __name__ == "__main__":
    sys.exit(main())
