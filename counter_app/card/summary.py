"""What the counter window shows about the card in a reader, as one value object."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.card.connection import CardConnection, CardError
from counter_app.card.errors import (
    ApplicationMissingError,
    CardNotOperationalError,
    CardTerminatedError,
    NotOurCardError,
    NoTrustStoreError,
    VerificationFailedError,
)
from counter_app.card.issuer_keys import TrustStore
from counter_app.card.profile import PIN_TRIES, LifeCycle
from counter_app.card.protocol import ApduTransport
from counter_app.card.reading import read_text_ap
from counter_app.card.real_reading import CardKind, detect_card
from counter_app.card.sessions.card import CommonSession, MasterFileSession
from counter_app.card.sessions.text import TextSession


@dataclass(frozen=True)
class CardSummary:
    """A card's state as read without secrets (and the holder's name once unlocked)."""

    reader: str
    serial: str | None  # 16 upper-case hex digits, None when the card is not ours
    life_cycle: LifeCycle | None
    pin_tries_left: int | None  # None when the card has no PIN yet
    applications: tuple[str, ...] = ()  # labels of the operational applications (EF.DIR)
    holder_name: str | None = None  # only after the PIN or unlock number was given
    recognised: bool = True  # False for a card that does not follow our profile
    kind: CardKind = CardKind.OURS  # REAL: a 個人番号カード (not ours, yet known)


def read_summary(
    connection: CardConnection, *, pin: str | None = None, trust: TrustStore | None = None
) -> CardSummary:
    """Serial, life cycle, PIN tries left and applications; the holder's name given the PIN.

    Five APDUs without a PIN. A card that does not answer as ours is asked for the JPKI AP
    (one APDU more, only then): a 個人番号カード is told as such, with its PIN tries, never
    unlocked here (`counter-app verify` and the verification page check it). With a PIN
    the text data is read and verified against `trust`, which the caller gives (reading never
    loads or creates keys); a card whose data fails its checks raises VerificationFailedError
    rather than show a name that may be forged.
    """
    transport = ApduTransport(connection)
    reader = connection.reader_name
    common = CommonSession(transport)
    try:
        common.select()
        info = common.card_info()
    except NotOurCardError:
        if detect_card(transport) is CardKind.REAL:
            return _real_card_summary(transport, reader)
        return CardSummary(reader, None, None, None, recognised=False)
    except CardTerminatedError:
        return CardSummary(reader, None, LifeCycle.TERMINATED, None)
    master = MasterFileSession(transport)
    life_cycle = master.life_cycle()
    try:
        applications = tuple(entry.label for entry in master.applications())
    except CardError:
        applications = ()
    holder_name = None
    if pin is None:
        try:
            tries = TextSession(transport).select_and_count_tries()
        except (CardNotOperationalError, ApplicationMissingError):
            tries = None
    else:
        if trust is None:
            raise TypeError("reading with a PIN verifies the data: give the issuer trust store")
        reading = read_text_ap(transport, pin, info.serial, trust=trust)
        if reading.attributes is None and trust.missing is not None:
            raise NoTrustStoreError(trust.missing)
        if reading.attributes is None:
            raise VerificationFailedError("the text data failed its checks")
        holder_name = reading.attributes.name
        tries = PIN_TRIES  # a correct VERIFY resets the counter
    return CardSummary(
        reader=reader,
        serial=info.serial_text,
        life_cycle=life_cycle,
        pin_tries_left=tries,
        applications=applications,
        holder_name=holder_name,
    )


def _real_card_summary(transport: ApduTransport, reader: str) -> CardSummary:
    """A 個人番号カード: no serial or life cycle of ours; the PIN tries of its text AP (the
    plain FCP tells none, so VERIFY without data: 2 APDUs, no try used)."""
    try:
        tries = TextSession(transport).select_and_count_tries()
    except CardError:
        tries = None
    return CardSummary(reader, None, None, tries, recognised=False, kind=CardKind.REAL)
