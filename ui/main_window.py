"""The counter window: operator login, the workflow pages, readers and the card's state."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.card.connection import ReaderInfo
from counter_app.card.errors import InvalidPinError
from counter_app.card.profile import LifeCycle
from counter_app.card.readers import ReaderBackend
from counter_app.card.summary import CardSummary
from counter_app.card_service.training_slot import (
    VpcdTrainingSlot,
    insert_training_card,
    vpcd_training_reader,
)
from counter_app.config import Configuration
from counter_app.records import OperatorSession, PurposeCode, PurposeInfo, Register
from counter_app.records.errors import SessionExpiredError
from counter_app.training import TrainingInfo
from counter_app.workflows import CounterContext, context_from_config
from counter_app.workflows.key_source import uses_key_files
from ui import i18n, texts
from ui.card_panel import CardPanel, PanelState
from ui.card_register_status import (
    RegisterStatus,
    failed_status,
    lookup_purpose,
    lookup_register_status,
)
from ui.card_thread import BackendInfo, CardThread, read_card
from ui.db_thread import DbThread
from ui.errors import show_error
from ui.gui_thread_gc import GuiThreadGarbageCollector
from ui.library_thread import LibraryThread
from ui.login_dialog import LoginPage
from ui.pages.address_change_page import AddressChangePage
from ui.pages.card_services_page import CardServicesPage
from ui.pages.context import PageServices
from ui.pages.facility_reservation_page import FacilityReservationPage
from ui.pages.issuance_page import IssuancePage
from ui.pages.library_desk_page import LibraryDeskPage
from ui.pages.parts import TaskPage
from ui.pages.pin_reset_page import PinResetPage
from ui.pages.reissue_page import ReissuePage
from ui.pages.return_page import ReturnPage
from ui.pages.supervisor.desk import SupervisorPage
from ui.pages.suspension_page import SuspensionPage
from ui.pages.verification_page import VerificationPage
from ui.pin_dialog import PinDialog
from ui.print_thread import PrinterState, PrintThread, load_print_fonts, query_printers
from ui.reader_list import ReaderList
from ui.retranslating import Retranslating
from ui.secret_tries import confirm_last_try
from ui.status_bar import WARNING_STYLE, CounterStatusBar

log = logging.getLogger(__name__)


class MainWindow(Retranslating, QMainWindow):
    """The counter window. It never talks to the card itself: the card thread does."""

    def __init__(
        self,
        card_thread: CardThread,
        translations: i18n.Translations,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        config: Configuration,
        db_thread: DbThread | None = None,
        print_thread: PrintThread | None = None,
        training_info: Callable[[], TrainingInfo | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.garbage_collector = GuiThreadGarbageCollector(self)
        self.config = config
        self.setObjectName("mainWindow")
        self.card_thread = card_thread
        self.db_thread = db_thread
        self.print_thread = print_thread or PrintThread()
        self.session: OperatorSession | None = None
        self.pages: dict[str, TaskPage] = {}
        # The pages' services; the card-only window (no register) has no pages.
        self.services: PageServices | None = None
        if db_thread is not None:
            self.services = PageServices(
                card_thread,
                db_thread,
                self.print_thread,
                lambda: self.reader_list.current_reader(),
                config.printouts_dir,
            )
            self.services.library = LibraryThread(config)
            self.services.config = config
        self._translations = translations
        self._settings = settings
        self.readers: tuple[ReaderInfo, ...] = ()
        self.summaries: dict[str, CardSummary] = {}
        self.failures: dict[str, BaseException] = {}
        self.register_status: dict[str, RegisterStatus] = {}  # reader -> the register's word
        self.pin_dialog: PinDialog | None = None
        self.training: TrainingInfo | None = None
        self.virtual_backend = False
        self.last_training_card: str | None = None
        self.vpcd_slot: VpcdTrainingSlot | None = None  # serves training cards into vpcd
        self._training_probe = training_info

        self._build_actions()
        self._build_menus()
        self._build_central()
        self.status = CounterStatusBar(self)
        self.status.set_key_storage(
            files=uses_key_files(config), token=config.token.label if config.token else None
        )
        self.setStatusBar(self.status)
        self.retranslate()
        self._connect_card_thread()
        self._refresh()
        self.resize(1100, 720 if db_thread is not None else 520)
        card_thread.start()
        self.print_thread.start()
        self.print_thread.run(query_printers, self._on_printers, lambda _exc: None)
        # Loading the fonts parses large TrueType files in Python; done now, it no longer
        # competes with the window for the GIL while the first card is issued.
        self.print_thread.run(load_print_fonts, lambda _r: None, lambda _exc: None)
        if db_thread is not None:
            db_thread.state_changed.connect(self.status.set_database)
            db_thread.busy_changed.connect(self._on_busy_changed)
            db_thread.opened.connect(self._probe_training)
            db_thread.start()
            self.login_page.focus_first()
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
        library = self.services.library if self.services is not None else None
        if library is not None:  # the connection check at start, shown like the register's
            library.opened.connect(self.status.set_library)
            library.open_failed.connect(self.status.set_library_failed)
            library.start()

    # --- construction -----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.unlock_action = QAction(self)
        self.unlock_action.setObjectName("unlockAction")
        self.unlock_action.setShortcut(QKeySequence("Ctrl+U"))
        self.unlock_action.triggered.connect(self.ask_pin)
        self.reread_action = QAction(self)
        self.reread_action.setObjectName("rereadAction")
        self.reread_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.reread_action.triggered.connect(self.card_thread.reread)
        self.quit_action = QAction(self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.logout_action = QAction(self)
        self.logout_action.setObjectName("logoutAction")
        self.logout_action.setShortcut(QKeySequence("Ctrl+L"))
        self.logout_action.triggered.connect(self.logout)
        self.logout_action.setEnabled(False)
        self.blank_card_action = QAction(self)
        self.blank_card_action.setObjectName("blankCardAction")
        self.blank_card_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.blank_card_action.triggered.connect(functools.partial(self.insert_training_card, True))
        self.blank_card_action.setVisible(False)
        self.demo_card_action = QAction(self)
        self.demo_card_action.setObjectName("demoCardAction")
        self.demo_card_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.demo_card_action.triggered.connect(functools.partial(self.insert_training_card, False))
        self.demo_card_action.setVisible(False)
        self.page_actions: dict[str, QAction] = {}
        for key in PAGE_ORDER:
            action = QAction(self)
            action.setObjectName(f"page_{key}")
            action.setShortcut(QKeySequence(page_shortcut(key)))
            action.triggered.connect(functools.partial(self.show_page, key))
            action.setEnabled(False)
            self.page_actions[key] = action
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for lang, shortcut in (("ja", "Ctrl+Shift+J"), ("en", "Ctrl+Shift+E")):
            # Language names stay in their own language, so anyone finds theirs.
            action = QAction(i18n.LANGUAGES[lang], self, checkable=True)
            action.setObjectName(f"language_{lang}")
            action.setShortcut(QKeySequence(shortcut))
            action.setChecked(lang == self._translations.language)
            action.triggered.connect(functools.partial(self.set_language, lang))
            group.addAction(action)
            self.language_actions[lang] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.card_menu = bar.addMenu("")
        self.card_menu.addAction(self.unlock_action)
        self.card_menu.addAction(self.reread_action)
        self.training_separator = self.card_menu.addSeparator()
        self.training_separator.setVisible(False)
        self.card_menu.addAction(self.blank_card_action)
        self.card_menu.addAction(self.demo_card_action)
        self.card_menu.addSeparator()
        self.card_menu.addAction(self.logout_action)
        self.card_menu.addAction(self.quit_action)
        self.work_menu = bar.addMenu("")
        for action in self.page_actions.values():
            self.work_menu.addAction(action)
        self.language_menu = bar.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)

    def _build_central(self) -> None:
        central = QWidget(self)
        self.virtual_banner = QLabel()
        self.virtual_banner.setObjectName("virtualBanner")
        self.virtual_banner.setWordWrap(True)
        self.virtual_banner.setStyleSheet(WARNING_STYLE.replace("1px 6px", "8px"))
        self.virtual_banner.hide()
        self.training_banner = QLabel()
        self.training_banner.setObjectName("trainingBanner")
        self.training_banner.setWordWrap(True)
        self.training_banner.setStyleSheet(WARNING_STYLE.replace("1px 6px", "8px"))
        self.training_banner.hide()

        self.readers_label = QLabel()
        self.reader_list = ReaderList()
        self.readers_label.setBuddy(self.reader_list)
        # no Alt letter: those stay for the page in front; Ctrl+Shift+R reaches the readers
        to_readers = QShortcut(QKeySequence("Ctrl+Shift+R"), self)
        to_readers.activated.connect(self.reader_list.setFocus)
        self.reader_list.current_reader_changed.connect(lambda _name: self._refresh())
        left = QVBoxLayout()
        left.addWidget(self.readers_label)
        left.addWidget(self.reader_list)
        self.card_panel = CardPanel(self.unlock_action)

        row = QHBoxLayout()
        if self.db_thread is not None:
            self._build_work_area()
            side = QVBoxLayout()
            side.addLayout(left, 1)
            side.addWidget(self.card_panel, 2)
            row.addWidget(self.stack, 3)
            row.addLayout(side, 1)
        else:
            row.addLayout(left, 2)
            row.addWidget(self.card_panel, 3)
        layout = QVBoxLayout(central)
        layout.addWidget(self.virtual_banner)
        layout.addWidget(self.training_banner)
        layout.addLayout(row, 1)
        self.setCentralWidget(central)
        QWidget.setTabOrder(self.reader_list, self.card_panel.unlock_button)

    def _build_work_area(self) -> None:
        """The login screen, then the workflow pages the operator's roles allow."""
        assert self.db_thread is not None
        self.login_page = LoginPage(
            self.db_thread,
            card_thread=self.card_thread,
            current_reader=lambda: self.reader_list.current_reader(),
        )
        self.login_page.logged_in.connect(self._on_logged_in)
        self.operator_label = QLabel()
        self.operator_label.setObjectName("operatorLabel")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workflowTabs")
        self.tabs.currentChanged.connect(self._focus_page)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # the page's own shortcut, from the tab bar
            on_tabs = QShortcut(QKeySequence(keys), self.tabs.tabBar())
            on_tabs.setContext(Qt.ShortcutContext.WidgetShortcut)
            on_tabs.activated.connect(self._submit_current_page)
        work = QWidget()
        work_layout = QVBoxLayout(work)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.addWidget(self.operator_label)
        work_layout.addWidget(self.tabs, 1)
        self.stack = QStackedWidget()
        self.stack.setObjectName("workStack")
        self.stack.addWidget(self.login_page)
        self.stack.addWidget(work)
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(1000)
        self.idle_timer.timeout.connect(self._check_idle)

    def _connect_card_thread(self) -> None:
        ct = self.card_thread
        ct.backend_opened.connect(self._on_backend_opened)
        ct.backend_failed.connect(self._on_backend_failed)
        ct.readers_changed.connect(self._on_readers_changed)
        ct.poll_failed.connect(self._on_poll_failed)
        ct.summary_read.connect(self._on_summary_read)
        ct.summary_failed.connect(self._on_summary_failed)
        ct.busy_changed.connect(self._on_busy_changed)

    # --- language ---------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Switch the interface language now and remember it."""
        self._translations.set_language(lang)
        i18n.save_language(self._settings, lang)
        self.language_actions[lang].setChecked(True)

    def retranslate(self) -> None:
        """Set every text of the window itself in the current language."""
        self.setWindowTitle(self.tr("Resident Card Counter"))
        self.card_menu.setTitle(self.tr("&Card"))
        # The language menu's title names itself in English too, for a clerk lost in a language.
        self.language_menu.setTitle(self.tr("&Language"))
        self.unlock_action.setText(self.tr("&Unlock with PIN…"))
        self.unlock_action.setToolTip(self.tr("Show the holder's name after the resident's PIN"))
        self.reread_action.setText(self.tr("&Read the card again"))
        self.quit_action.setText(self.tr("&Quit"))
        self.logout_action.setText(self.tr("Log &out"))
        self.blank_card_action.setText(self.tr("Insert a &blank training card"))
        self.blank_card_action.setToolTip(
            self.tr("Put a new, blank virtual card into the virtual reader to practise issuing")
        )
        self.demo_card_action.setText(self.tr("Put the &demo card back"))
        self.work_menu.setTitle(self.tr("&Work"))
        page_names = self.page_names()
        for key, action in self.page_actions.items():
            action.setText(page_names[key])
        if self.db_thread is not None:
            for key, page in self.pages.items():
                self.tabs.setTabText(self.tabs.indexOf(page), self._tab_text(key))
            self._render_operator()
        self.readers_label.setText(self.tr("Card readers (Ctrl+Shift+R):"))
        self.virtual_banner.setText(
            self.tr(
                "No PC/SC card service answered, so the counter runs on a virtual reader with a "
                "demo card. Real cards cannot be read until the card service runs. To practise "
                "issuing, insert a blank training card: Card menu, or Ctrl+Shift+B."
            )
        )
        self.virtual_banner.setAccessibleName(self.virtual_banner.text())
        self._render_training_banner()
        self._refresh()

    # --- operator and pages ------------------------------------------------------------------

    def page_names(self) -> dict[str, str]:
        """The workflow pages as the menu and the tabs name them."""
        return {
            "issuance": self.tr("&New issuance"),
            "address": self.tr("&Address change"),
            "pin_reset": self.tr("&PIN reset"),
            "suspension": self.tr("&Suspend a lost card"),
            "reissue": self.tr("&Re-issue"),
            "return": self.tr("Re&turn and invalidate"),
            "verification": self.tr("&Verify a card"),
            "card_services": self.tr("&Services on the card"),
            "library": self.tr("L&ibrary desk"),
            "reservations": self.tr("&Facility reservations"),
            "supervisor": self.tr("Supervisor's des&k"),
        }

    def _tab_text(self, key: str) -> str:
        """The tab's title without a mnemonic: pages are reached with their Ctrl shortcut,
        and every Alt letter stays free for the fields of the page in front."""
        name = re.sub(r"\(&.\)", "", self.page_names()[key]).replace("&", "")
        return f"{name} ({page_shortcut(key)})"

    def _render_operator(self) -> None:
        session = self.session
        text = (
            self.tr("Operator: {name} — Ctrl+L logs out").format(name=session.display_name)
            if session is not None
            else ""
        )
        self.operator_label.setText(text)
        self.operator_label.setAccessibleName(text)

    def _on_logged_in(self, session: OperatorSession) -> None:
        assert self.db_thread is not None
        same = self.session is not None and self.session.operator_id == session.operator_id
        self.session = session
        self.db_thread.submit(
            functools.partial(_operator_setup, self.config, session),
            functools.partial(self._on_context, same),
            functools.partial(self._on_setup_failed),
        )

    def _on_setup_failed(self, exc: BaseException) -> None:
        self.session = None
        self.login_page.reset()
        show_error(self, exc)

    def _on_context(
        self, same_operator: bool, setup: tuple[CounterContext, tuple[PurposeInfo, ...]]
    ) -> None:
        context, purposes = setup
        allowed = frozenset(p.code for p in purposes)
        assert self.services is not None  # a login needs the register
        self.services.context = context
        self.services.purposes = purposes
        if not same_operator:
            for page in self.pages.values():
                page.deleteLater()
            self.pages.clear()
            self.tabs.clear()
            for key in PAGE_ORDER:
                if PAGE_PURPOSES[key] in allowed:
                    page = PAGE_CLASSES[key](self.services)
                    page.card_status_changed.connect(self._on_card_status_changed)
                    self.pages[key] = page
                    self.tabs.addTab(page, self._tab_text(key))
        for key, action in self.page_actions.items():
            action.setEnabled(key in self.pages)
        for page in self.pages.values():
            page.set_session_ready()
        self.logout_action.setEnabled(True)
        self._render_operator()
        self.stack.setCurrentIndex(1)
        self.idle_timer.start()
        for summary in self.summaries.values():
            self._ask_register(summary)
        self._refresh()
        if not self.pages:
            self.operator_label.setText(
                self.tr("Operator: {name} — your roles allow no counter task here.").format(
                    name=self.session.display_name if self.session else ""
                )
            )
        self._focus_page()

    def show_page(self, key: str) -> None:
        """Bring a workflow page forward (Ctrl+digit)."""
        page = self.pages.get(key)
        if page is not None and self.stack.currentIndex() == 1:
            self.tabs.setCurrentWidget(page)
            self._focus_page()

    def _submit_current_page(self) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, TaskPage):
            page.shortcut.activated.emit()

    def _focus_page(self, *_args: object) -> None:
        page = self.tabs.currentWidget() if self.db_thread is not None else None
        if isinstance(page, TaskPage):
            page.focus_entry()

    def busy_with_card_work(self) -> bool:
        """True while a workflow runs: the session is kept alive, logout waits."""
        return any(page.busy() for page in self.pages.values())

    def _check_idle(self) -> None:
        session = self.session
        if session is None:
            return
        if self.busy_with_card_work():
            with contextlib.suppress(SessionExpiredError):
                session.touch()  # a card being written is activity
            return
        if session.ended:
            self.lock("idle")

    def lock(self, notice: str) -> None:
        """Show the login screen; nothing of a resident stays, for the next person or operator."""
        self.idle_timer.stop()
        self.logout_action.setEnabled(False)
        for action in self.page_actions.values():
            action.setEnabled(False)
        self.forget_residents()
        self.stack.setCurrentIndex(0)
        self.login_page.reset(notice)
        self._refresh()

    def forget_residents(self) -> None:
        """Clear every page's resident, the holder's name and the register's word on the card."""
        if self.pin_dialog is not None:
            self.pin_dialog.reject()
        for page in self.pages.values():
            page.clear_resident()
        preview = self.services.last_preview if self.services is not None else None
        if preview is not None and _still_open(preview):
            with contextlib.suppress(RuntimeError, TypeError):
                preview.finished.disconnect()  # no next printout opens for the next operator
            preview.reject()
        self.summaries = {
            reader: dataclasses.replace(summary, holder_name=None)
            for reader, summary in self.summaries.items()
        }
        self.register_status.clear()

    def logout(self) -> None:
        """End the session (recorded) and show the login screen."""
        session = self.session
        if session is None or self.db_thread is None or self.busy_with_card_work():
            return
        self.db_thread.submit(
            lambda register: register.operators.logout(session), lambda _r: None, lambda _e: None
        )
        self.session = None
        if self.services is not None:
            self.services.context = None
        self.lock("logout")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A key or click anywhere in the application is the operator's activity."""
        session = self.session
        if (
            event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress)
            and session is not None
            and not session.ended
            and self.db_thread is not None
            and self.stack.currentIndex() == 1
        ):
            session.touch()
        return False

    def _on_printers(self, state: PrinterState) -> None:
        if self.services is not None:
            self.services.printers = state
        self.status.set_printer(state)

    # --- card thread events (GUI thread) ----------------------------------------------------

    def _on_backend_opened(self, info: BackendInfo) -> None:
        self.status.set_backend(info)
        self.virtual_banner.setVisible(info.is_virtual)
        self.virtual_backend = info.is_virtual
        self._render_training_actions()

    def training_reader(self) -> str | None:
        """Where training cards go: the in-process reader, or vpcd with the training register."""
        if self.virtual_backend:
            return self.readers[0].name if self.readers else ""
        if self.training is None:
            return None
        return vpcd_training_reader(info.name for info in self.readers)

    def _render_training_actions(self) -> None:
        shown = self.training_reader() is not None
        for action in (self.training_separator, self.blank_card_action, self.demo_card_action):
            action.setVisible(shown)
        self._render_training_banner()

    def _render_training_banner(self) -> None:
        """Under PC/SC with the training register and a vpcd reader: say this is training."""
        reader = None if self.virtual_backend else self.training_reader()
        text = (
            self.tr(
                "Training: the register holds invented residents, and training cards go into "
                "the virtual reader {reader}. Nothing issued here is real. To practise issuing, "
                "insert a blank training card: Card menu, or Ctrl+Shift+B."
            ).format(reader=reader)
            if reader
            else ""
        )
        self.training_banner.setText(text)
        self.training_banner.setAccessibleName(text)
        self.training_banner.setVisible(bool(text))

    # --- training ---------------------------------------------------------------------------

    def insert_training_card(self, blank: bool) -> None:
        """On the card thread: a new blank training card (or the demo card) into the reader."""
        reader = self.training_reader()
        if reader is None or self.busy_with_card_work():
            return
        if not self.virtual_backend and self.vpcd_slot is None:
            self.vpcd_slot = VpcdTrainingSlot()
        vpcd = None if self.virtual_backend else self.vpcd_slot
        if reader:
            self.reader_list.set_readers(self.readers, select=reader)
        self.card_thread.submit(
            functools.partial(insert_training_card, blank=blank, config=self.config, vpcd=vpcd),
            self._on_training_card,
            functools.partial(show_error, self),
        )

    def _on_training_card(self, name: str) -> None:
        self.last_training_card = name
        # A swapped card may have the same ATR as the one before: read it again on purpose.
        self.card_thread.reread()

    def _probe_training(self, _register: object) -> None:
        probe = self._training_probe
        if probe is None or self.db_thread is None:
            return
        self.db_thread.submit(lambda _r: probe(), self._on_training_info, lambda _exc: None)

    def _on_training_info(self, info: TrainingInfo | None) -> None:
        self.training = info
        self.login_page.set_training(info)
        self.status.set_training(info is not None)
        self._render_training_actions()

    def _on_backend_failed(self, exc: BaseException) -> None:
        self.status.set_backend(None, failed=True)
        show_error(self, exc)

    def _on_poll_failed(self, exc: BaseException | None) -> None:
        self.status.set_backend(self.status.backend, failed=exc is not None)
        if exc is not None:
            show_error(self, exc)

    def _on_readers_changed(self, readers: tuple[ReaderInfo, ...]) -> None:
        before = {info.name: info for info in self.readers}
        self.readers = readers
        present = {info.name for info in readers if info.card_present}
        for name in list(self.summaries):
            if name not in present:
                del self.summaries[name]  # the card left: forget it, holder name included
        for name in list(self.failures):
            if name not in present:
                del self.failures[name]
        for name in list(self.register_status):
            if name not in present:
                del self.register_status[name]
        removed = [name for name, info in before.items() if info.card_present]
        if any(name not in present for name in removed):
            for page in self.pages.values():
                page.card_removed()  # a finished task's resident leaves with the card
        inserted = [
            info.name
            for info in readers
            if info.card_present and not (info.name in before and before[info.name].card_present)
        ]
        for name in inserted:
            self.summaries.pop(name, None)
            self.failures.pop(name, None)
            self.register_status.pop(name, None)
        self.reader_list.set_readers(readers, select=inserted[-1] if inserted else None)
        self._render_training_actions()
        self._refresh()

    def _on_summary_read(self, summary: CardSummary) -> None:
        if self._card_present(summary.reader):
            self.summaries[summary.reader] = summary
            self.failures.pop(summary.reader, None)
            known = self.register_status.get(summary.reader)
            if known is not None and known.serial != summary.serial:
                # Another card, or one that no longer tells its serial (a terminated chip):
                # the register's word on the card before is not shown for it.
                del self.register_status[summary.reader]
            self._ask_register(summary)
            self._refresh()

    def _ask_register(self, summary: CardSummary) -> None:
        """A logged-in operator: ask the register (database worker) about the card's serial."""
        services = self.services
        ctx = services.context if services is not None else None
        serial = summary.serial
        if ctx is None or self.db_thread is None or not serial or not self.operator_present():
            return
        assert services is not None
        purpose = lookup_purpose(
            frozenset(p.code for p in services.purposes), self._current_purpose()
        )
        if purpose is None:
            return
        reader = summary.reader
        self.db_thread.submit(
            functools.partial(lookup_register_status, ctx, purpose, serial),
            functools.partial(self._on_register_status, reader),
            lambda exc: self._on_register_status(reader, failed_status(serial, exc)),
        )

    def _current_purpose(self) -> str | None:
        """The purpose of the page in front (None before a page is shown)."""
        page = self.tabs.currentWidget()
        for key, shown in self.pages.items():
            if shown is page:
                return PAGE_PURPOSES[key]
        return None

    def _on_card_status_changed(self, serials: tuple[str, ...]) -> None:
        """A task at this counter changed cards in the register: ask again about those present."""
        for summary in list(self.summaries.values()):
            if summary.serial in serials:
                self._ask_register(summary)

    def _on_register_status(self, reader: str, status: RegisterStatus) -> None:
        summary = self.summaries.get(reader)
        # Only for the card still there, and only while an operator is logged in.
        if summary is not None and summary.serial == status.serial and self.operator_present():
            self.register_status[reader] = status
            self._refresh()

    def _on_summary_failed(self, reader: str, exc: BaseException) -> None:
        if self._card_present(reader):
            self.summaries.pop(reader, None)
            self.failures[reader] = exc
            self._refresh()

    def _on_busy_changed(self, busy: bool) -> None:
        self.status.set_busy(busy)
        self._refresh()

    # --- PIN --------------------------------------------------------------------------------

    def ask_pin(self) -> None:
        """Open the PIN dialog for the card in the selected reader."""
        reader = self.reader_list.current_reader()
        summary = self.summaries.get(reader) if reader else None
        if reader is None or summary is None or not self._can_unlock(summary):
            return
        dialog = PinDialog(self, summary.pin_tries_left)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(functools.partial(self._pin_entered, dialog, reader))
        dialog.finished.connect(self._pin_dialog_closed)
        self.pin_dialog = dialog
        dialog.open()

    def _pin_dialog_closed(self) -> None:
        self.pin_dialog = None

    def _pin_entered(self, dialog: PinDialog, reader: str) -> None:
        job = functools.partial(
            read_card,
            reader=reader,
            pin=dialog.take_pin(),
            read_summary=self.card_thread.read_summary,
        )
        summary = self.summaries.get(reader)
        if summary is not None and summary.pin_tries_left == 1:
            confirm_last_try(self, ("pin",), functools.partial(self._read_with_pin, reader, job))
        else:
            self._read_with_pin(reader, job)

    def _read_with_pin(self, reader: str, job: Callable[[ReaderBackend], CardSummary]) -> None:
        self.card_thread.submit(
            job, self._on_summary_read, functools.partial(self._on_unlock_failed, reader)
        )

    def _on_unlock_failed(self, reader: str, exc: BaseException) -> None:
        if isinstance(exc, InvalidPinError):
            summary = self.summaries.get(reader)
            if summary is not None:
                self.summaries[reader] = dataclasses.replace(summary, pin_tries_left=exc.tries_left)
                self._refresh()
            self._show_wrong_pin(exc.tries_left)
        else:
            show_error(self, exc)

    def _show_wrong_pin(self, tries_left: int) -> None:
        box = QMessageBox(self)
        box.setObjectName("wrongPinBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Wrong PIN"))
        box.setText(texts.wrong_pin_text(tries_left))
        box.setAccessibleName(box.text())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()

    # --- rendering --------------------------------------------------------------------------

    def _card_present(self, reader: str) -> bool:
        return any(info.name == reader and info.card_present for info in self.readers)

    @staticmethod
    def _can_unlock(summary: CardSummary) -> bool:
        return (
            summary.recognised
            and summary.life_cycle is LifeCycle.OPERATIONAL
            and bool(summary.pin_tries_left)
            and summary.holder_name is None
        )

    def operator_present(self) -> bool:
        """True when a resident's data may be shown: an operator works (or no login exists)."""
        if self.db_thread is None:
            return True  # the card-only window: no register, no operators
        return self.session is not None and self.stack.currentIndex() == 1

    def current_state(self) -> PanelState:
        """What the card panel should show for the selected reader."""
        reader = self.reader_list.current_reader()
        if reader is None:
            return PanelState("no_reader")
        if not self._card_present(reader):
            return PanelState("no_card")
        if reader in self.summaries:
            return PanelState(
                "card",
                summary=self.summaries[reader],
                register=self.register_status.get(reader),
                personal=self.operator_present(),
            )
        if reader in self.failures:
            return PanelState("failed", error=self.failures[reader])
        return PanelState("reading")

    def _refresh(self) -> None:
        if not hasattr(self, "status"):
            return
        state = self.current_state()
        summary = state.summary
        self.unlock_action.setEnabled(
            summary is not None and state.personal and self._can_unlock(summary)
        )
        self.card_panel.show_state(state)
        if state.kind == "card" and summary is not None:
            card_text = self.tr("Card: {state}").format(state=texts.card_state_text(summary))
        elif state.kind == "reading":
            card_text = self.tr("Card: reading…")
        elif state.kind == "failed":
            card_text = self.tr("Card: could not be read")
        else:
            card_text = self.tr("No card")
        self.status.set_card_text(card_text)

    # --- shutdown ---------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop the card thread (it closes the back end) and the workers before the window goes."""
        self.card_thread.stop()
        if self.vpcd_slot is not None:
            self.vpcd_slot.stop()  # the training card leaves the vpcd reader with the app
        self.print_thread.stop()
        if self.db_thread is not None:
            self.idle_timer.stop()
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self.db_thread.stop()
        if self.services is not None and self.services.library is not None:
            self.services.library.stop()  # the training library stops with it
        self.garbage_collector.stop()
        super().closeEvent(event)


PAGE_ORDER = (
    "issuance",
    "address",
    "pin_reset",
    "suspension",
    "reissue",
    "return",
    "verification",
    "card_services",
    "library",
    "reservations",
    "supervisor",
)
# Pages past the ten digits have their own shortcut.
OWN_SHORTCUTS = {"supervisor": "Ctrl+Shift+S"}


PAGE_CLASSES: dict[str, Callable[[PageServices], TaskPage]] = {
    "issuance": IssuancePage,
    "address": AddressChangePage,
    "pin_reset": PinResetPage,
    "suspension": SuspensionPage,
    "reissue": ReissuePage,
    "return": ReturnPage,
    "verification": VerificationPage,
    "card_services": CardServicesPage,
    "library": LibraryDeskPage,
    "reservations": FacilityReservationPage,
    "supervisor": SupervisorPage,
}
# Each page works under one purpose; the register says which roles a purpose allows.
PAGE_PURPOSES = {
    "issuance": PurposeCode.CARD_ISSUANCE,
    "address": PurposeCode.CARD_SERVICE,
    "pin_reset": PurposeCode.CARD_SERVICE,
    "suspension": PurposeCode.CARD_SERVICE,
    "reissue": PurposeCode.CARD_ISSUANCE,
    "return": PurposeCode.CARD_SERVICE,
    "verification": PurposeCode.IDENTITY_CHECK,
    "card_services": PurposeCode.MULTIPURPOSE_SERVICES,
    "library": PurposeCode.LIBRARY_DESK,
    "reservations": PurposeCode.MULTIPURPOSE_SERVICES,
    "supervisor": PurposeCode.SUPERVISION,
}


def page_shortcut(key: str) -> str:
    """The page's shortcut: Ctrl+1 for the first page ... Ctrl+9, Ctrl+0 for the tenth, then
    the page's own."""
    return OWN_SHORTCUTS.get(key, f"Ctrl+{(PAGE_ORDER.index(key) + 1) % 10}")


def _still_open(dialog: QWidget) -> bool:
    """True when `dialog` is shown; False when it is hidden or already deleted (closed)."""
    try:
        return dialog.isVisible()
    except RuntimeError:  # deleted on close: nothing of it is left to hide
        return False


def _operator_setup(
    config: Configuration, session: OperatorSession, register: Register
) -> tuple[CounterContext, tuple[PurposeInfo, ...]]:
    """The operator's workflow context and the purposes their roles may work under (DB worker)."""
    allowed = tuple(p for p in register.purposes() if p.roles & session.roles)
    return context_from_config(config, register, session), allowed
