"""The card as a whole: the MF (life cycle, EF.DIR), the common AP (serial) and the chip key."""

from __future__ import annotations

import os
from dataclasses import dataclass

from counter_app.card import profile as p
from counter_app.card.apdu import CommandApdu, Sw
from counter_app.card.errors import CardDataError, NotOurCardError
from counter_app.card.layout import ApplicationEntry, CardInfo, parse_card_info, parse_ef_dir
from counter_app.card.protocol import ApduTransport
from counter_app.card.sessions.base import (
    INS_SELECT,
    P2_NO_DATA,
    SELECT_MF_OR_FID,
    SelectedApplication,
    Session,
    parse_selected,
    read_life_cycle,
    select_command,
)

EF_DIR_SFI = 0x1E
CARD_INFO_SFI = 0x01
INS_GET_CHALLENGE = 0x84
INS_INTERNAL_AUTHENTICATE = 0x2A
SIGNATURE_LENGTH = 64


@dataclass(frozen=True)
class ChipAnswer:
    """One INTERNAL AUTHENTICATE: the chip signed card challenge ‖ host challenge."""

    card_challenge: bytes
    host_challenge: bytes
    signature: bytes  # r ‖ s, 32 bytes each

    @property
    def signed(self) -> bytes:
        return self.card_challenge + self.host_challenge


class MasterFileSession(Session):
    """The MF: the card's life cycle and its application list (EF.DIR); no secrets."""

    def select(self) -> None:
        """SELECT the MF (00 A4 00 0C)."""
        response = self.transport.send(CommandApdu(0x00, INS_SELECT, SELECT_MF_OR_FID, P2_NO_DATA))
        self.expect_ok(response, "SELECT MF")

    def life_cycle(self) -> p.LifeCycle | None:
        """The card's life cycle from the MF's FCP (this also selects the MF)."""
        return read_life_cycle(self.transport)

    def applications(self) -> tuple[ApplicationEntry, ...]:
        """The operational applications as EF.DIR lists them (the MF must be selected)."""
        return parse_ef_dir(self.read(EF_DIR_SFI, context="READ EF.DIR", single_tlv=False))


class CommonSession(Session):
    """The common AP 共通AP: the card serial and profile version, readable by anyone."""

    aid = p.Aid.COMMON.value

    def select(self) -> None:
        """SELECT the common AP; a card without it is not one of ours."""
        command = CommandApdu(0x00, INS_SELECT, 0x04, P2_NO_DATA, p.Aid.COMMON.value)
        if not self.transport.send(command).ok:
            raise NotOurCardError("the card does not answer the common AP")

    def card_info(self) -> CardInfo:
        """The card information (EF 0001): serial and profile version."""
        try:
            return parse_card_info(self.read(CARD_INFO_SFI, context="READ card information"))
        except CardDataError as exc:
            raise NotOurCardError(f"card information not in our format: {exc.detail}") from None


def card_serial(transport: ApduTransport) -> bytes:
    """The card serial from the common AP (2 APDUs); NotOurCardError for a foreign card."""
    common = CommonSession(transport)
    common.select()
    return common.card_info().serial


@dataclass(frozen=True)
class PresentedCard:
    """The card serial, and the application left selected when its FCP told the serial."""

    serial: bytes
    selected: SelectedApplication | None = None


def presented_card(transport: ApduTransport, first: p.Aid) -> PresentedCard:
    """The card serial from the FCP of `first`, the application about to be opened (1 APDU, and
    `first` stays selected with the tries left it told); from the common AP (2 more APDUs) when
    that application is missing or its FCP does not tell the serial. NotOurCardError for a
    foreign card."""
    response = transport.send(select_command(first.value, fcp=True))
    if response.ok:
        selected = parse_selected(first.value, response.data)
        if selected.serial is not None:
            return PresentedCard(selected.serial, selected)
    return PresentedCard(card_serial(transport))


class ChipSession(Session):
    """Chip authentication (profile §7): works with any application selected, no PIN."""

    def get_challenge(self) -> bytes:
        """GET CHALLENGE: 8 random bytes the card keeps for the next INTERNAL AUTHENTICATE."""
        command = CommandApdu(0x00, INS_GET_CHALLENGE, 0x00, 0x00, ne=p.CHALLENGE_LENGTH)
        response = self.expect_ok(self.transport.send(command), "GET CHALLENGE")
        if len(response.data) != p.CHALLENGE_LENGTH:
            raise CardDataError("card challenge of the wrong length")
        return response.data

    def internal_authenticate(self, host_challenge: bytes) -> bytes:
        """INTERNAL AUTHENTICATE: the chip's r ‖ s over card challenge ‖ `host_challenge`."""
        command = CommandApdu(0x80, INS_INTERNAL_AUTHENTICATE, 0x00, 0x00, host_challenge, 256)
        response = self.transport.send(command)
        if response.sw == Sw.REFERENCE_NOT_FOUND:
            raise CardDataError("the card has no chip key")
        self.expect_ok(response, "INTERNAL AUTHENTICATE")
        if len(response.data) != SIGNATURE_LENGTH:
            raise CardDataError("chip signature of the wrong length")
        return response.data

    def authenticate(self, host_challenge: bytes | None = None) -> ChipAnswer:
        """One challenge-response with the chip key (2 APDUs)."""
        host = host_challenge if host_challenge is not None else os.urandom(p.CHALLENGE_LENGTH)
        card = self.get_challenge()
        return ChipAnswer(card, host, self.internal_authenticate(host))
