"""The desk's transactions against the training library, through real sockets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from counter_app.config import Configuration
from counter_app.library.client import LibraryClient
from counter_app.library.errors import (
    ItemNotOnLoanError,
    ItemOnLoanError,
    ItemUnknownError,
    LibraryLoginRefusedError,
    PatronBlockedError,
    PatronUnknownError,
)
from counter_app.library.model import CirculationStatus, PatronBlock
from counter_app.library.training_server import (
    BLOCKED_PATRON,
    LIBRARY_NAME,
    LOAN_DAYS,
    TrainingServer,
    barcode_of,
    library_settings,
)

ICHIRO, HANAKO = "20000001", "20000002"
NEKO, BOTCHAN = barcode_of(0), barcode_of(1)


def test_the_start_check_logs_in_and_names_the_library(client: LibraryClient) -> None:
    status = client.connect()
    assert status.library_name == LIBRARY_NAME and status.online
    assert status.checkout_ok and status.protocol_version == "2.00"
    assert client.check() == status  # the same connection, asked again


def test_a_patron_is_found_by_card_number_with_name_and_loans(client: LibraryClient) -> None:
    client.lend(ICHIRO, NEKO)
    patron = client.patron(ICHIRO)
    assert patron.name == "研修\u3000一郎" and patron.may_borrow
    assert patron.charged_items == (NEKO,) and patron.charged_count == 1


def test_a_blocked_patron_shows_the_blocks_in_words(client: LibraryClient) -> None:
    patron = client.patron(BLOCKED_PATRON)
    assert not patron.may_borrow
    assert patron.blocks == (PatronBlock.CHARGE_DENIED, PatronBlock.EXCESSIVE_FINES)
    assert "The patron has unpaid fines." in patron.block_reasons and patron.fee == "1200"


def test_an_unknown_card_number_is_said_so(client: LibraryClient) -> None:
    with pytest.raises(PatronUnknownError):
        client.patron("99999999")


def test_lending_shows_the_title_and_the_due_date(
    client: LibraryClient, library: TrainingServer
) -> None:
    loan = client.lend(ICHIRO, NEKO)
    assert loan.title == "吾輩は猫である"
    assert loan.due == dt.date.today() + dt.timedelta(days=LOAN_DAYS)
    assert not loan.confirmed_on_reconnect
    assert client.item(NEKO).status is CirculationStatus.CHARGED
    assert library.library.recorded("checkout", NEKO) == 1


def test_returning_makes_the_item_available_and_names_the_borrower(
    client: LibraryClient,
) -> None:
    client.lend(ICHIRO, NEKO)
    back = client.give_back(NEKO)
    assert back.title == "吾輩は猫である" and back.patron_id == ICHIRO
    assert client.item(NEKO).status is CirculationStatus.AVAILABLE
    with pytest.raises(ItemNotOnLoanError):
        client.give_back(NEKO)


def test_renewing_moves_the_due_date_on(client: LibraryClient) -> None:
    first = client.lend(ICHIRO, NEKO)
    renewed = client.renew(ICHIRO, NEKO)
    assert renewed.renewal and renewed.due is not None and first.due is not None
    assert renewed.due - first.due == dt.timedelta(days=LOAN_DAYS)


def test_a_blocked_patron_borrows_nothing(client: LibraryClient, library: TrainingServer) -> None:
    with pytest.raises(PatronBlockedError) as refused:
        client.lend(BLOCKED_PATRON, NEKO)
    assert "Borrowing is suspended for this patron." in refused.value.reasons
    assert library.library.recorded("checkout", NEKO) == 0


def test_an_item_lent_to_someone_else_is_refused_in_words(client: LibraryClient) -> None:
    client.lend(ICHIRO, NEKO)
    with pytest.raises(ItemOnLoanError):
        client.lend(HANAKO, NEKO)
    with pytest.raises(ItemUnknownError):
        client.lend(HANAKO, "0000000000")


def test_lending_again_what_the_patron_has_records_nothing_new(
    client: LibraryClient, library: TrainingServer
) -> None:
    client.lend(ICHIRO, NEKO)
    again = client.lend(ICHIRO, NEKO)
    assert again.confirmed_on_reconnect and again.title == "吾輩は猫である"
    assert library.library.log == [("checkout", ICHIRO, NEKO)]


def test_japanese_titles_travel_in_shift_jis_when_configured() -> None:
    with (
        TrainingServer(encoding="shift_jis") as library,
        LibraryClient(library.settings(encoding="shift_jis")) as desk,
    ):
        assert desk.lend(ICHIRO, BOTCHAN).title == "坊っちゃん"


def test_a_wrong_login_is_refused_in_words(library: TrainingServer) -> None:
    wrong = library.settings(password="wrong")
    with LibraryClient(wrong) as desk, pytest.raises(LibraryLoginRefusedError):
        desk.connect()
    library.refuse_login = True
    with LibraryClient(library.settings()) as desk, pytest.raises(LibraryLoginRefusedError):
        desk.lend(ICHIRO, NEKO)
    assert library.library.log == []


def test_the_training_mode_starts_its_own_library(tmp_path: Path) -> None:
    with library_settings(Configuration(data_dir=tmp_path)) as settings:
        assert settings.host == "127.0.0.1"
        with LibraryClient(settings) as desk:
            assert desk.connect().library_name == LIBRARY_NAME
            assert desk.lend(HANAKO, BOTCHAN).title == "坊っちゃん"
