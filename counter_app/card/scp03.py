"""GlobalPlatform SCP03 (Card Specification Amendment D), host side and card side.

The issuer secure channel of docs/card-profile.md §6: session keys and cryptograms from the
SP 800-108 KDF, C-MAC chaining, C-DECRYPTION with a counter-derived ICV (the counter advances on
every command, also without data), R-MAC and R-ENCRYPTION.  S8 mode only (8-byte challenges,
cryptograms and MACs), AES-128/192/256 keys.

Choices the standard leaves open, made the same way on both sides:

- The MAC input holds Lc as one byte when the secured data is at most 255 bytes and as three
  bytes (00 and two length bytes) above that, whatever length form goes on the wire; Le is never
  MACed, so a transport may change Ne after wrapping.
- Ne is passed through unchanged: the card OS applies it to the plain response, and the secured
  response may be up to 24 bytes longer (padding and R-MAC).
- No R-MAC and no protection on a response whose status word is an error (anything but 9000,
  62xx and 63xx): the card sends the status word alone and the host refuses such a response that
  still carries data, since that data could not be checked.

Nothing here logs, and the key classes keep their bytes out of repr().
"""

from __future__ import annotations

import functools
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntFlag

from cryptography.hazmat.primitives import cmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from counter_app.card.apdu import CommandApdu, ResponseApdu, Sw
from counter_app.card.connection import CardError

BLOCK = 16
MAC_LENGTH = 8
CHALLENGE_LENGTH = 8
KDD_LENGTH = 10
SCP03_ID = 0x03
CARD_I_PARAMETER = 0x60  # random card challenge, R-MAC and R-ENCRYPTION supported

INS_INITIALIZE_UPDATE = 0x50
INS_EXTERNAL_AUTHENTICATE = 0x82
CLA_GP = 0x80
CLA_SECURE = 0x04

# Derivation constants, Amendment D §4.1.5 table 4-1.
CONST_CARD_CRYPTOGRAM = 0x00
CONST_HOST_CRYPTOGRAM = 0x01
CONST_S_ENC = 0x04
CONST_S_MAC = 0x06
CONST_S_RMAC = 0x07
# Per-card static key derivation, docs/card-profile.md §5.
CONST_KEY_ENC = 0x01
CONST_KEY_MAC = 0x02
CONST_KEY_DEK = 0x03

# Bits of the "i" parameter in the INITIALIZE UPDATE response (Amendment D §5.1).
_I_S16 = 0x01
_I_PSEUDO_RANDOM = 0x10
_I_R_MAC = 0x20
_I_R_ENC = 0x40

_AES_KEY_LENGTHS = (16, 24, 32)


class SecurityLevel(IntFlag):
    """Security level of the channel, P1 of EXTERNAL AUTHENTICATE."""

    C_MAC = 0x01
    C_DECRYPTION = 0x02
    R_MAC = 0x10
    R_ENCRYPTION = 0x20


# The levels Amendment D allows with command protection (00, authentication only, is not used).
VALID_LEVELS = frozenset({0x01, 0x03, 0x11, 0x13, 0x33})


class SecureChannelError(CardError):
    """The issuer secure channel could not be opened or a protected message failed its check."""

    what = "The secure connection to the card could not be set up, or it was broken."
    todo = (
        "Take the card out, put it back in the reader and start the operation again. "
        "If it happens again, the card may not be one of ours: call the system administrator."
    )


def _check_key(name: str, key: bytes) -> None:
    if len(key) not in _AES_KEY_LENGTHS:
        raise ValueError(f"{name} must be an AES key of 16, 24 or 32 bytes, not {len(key)}")


@dataclass(frozen=True)
class StaticKeys:
    """A card's static SCP03 keys (ENC, MAC, DEK) and their key version number."""

    enc: bytes = field(repr=False)
    mac: bytes = field(repr=False)
    dek: bytes = field(repr=False)
    kvn: int = 0x30

    def __post_init__(self) -> None:
        _check_key("enc", self.enc)
        _check_key("mac", self.mac)
        _check_key("dek", self.dek)
        if not 0 <= self.kvn <= 0xFF:
            raise ValueError(f"key version number out of range: {self.kvn}")


@dataclass(frozen=True)
class SessionKeys:
    """The session keys of one channel: S-ENC, S-MAC and S-RMAC."""

    s_enc: bytes = field(repr=False)
    s_mac: bytes = field(repr=False)
    s_rmac: bytes = field(repr=False)

    def __post_init__(self) -> None:
        _check_key("s_enc", self.s_enc)
        _check_key("s_mac", self.s_mac)
        _check_key("s_rmac", self.s_rmac)


# -- primitives ---------------------------------------------------------------------------------


def aes_cmac(key: bytes, data: bytes) -> bytes:
    """AES-CMAC (NIST SP 800-38B, RFC 4493), the full 16-byte tag."""
    mac = cmac.CMAC(algorithms.AES(key))
    mac.update(data)
    return mac.finalize()


def sp800_108_counter_kdf(
    key: bytes, before_counter: bytes, after_counter: bytes, length_bits: int
) -> bytes:
    """NIST SP 800-108 counter-mode KDF with AES-CMAC: fixed part, one-byte counter, fixed part."""
    if length_bits <= 0 or length_bits % 8:
        raise ValueError(f"output length must be a positive number of bytes: {length_bits} bits")
    blocks = -(-length_bits // (8 * BLOCK))
    if blocks > 0xFF:
        raise ValueError("output too long for a one-byte counter")
    out = b"".join(
        aes_cmac(key, before_counter + bytes((counter,)) + after_counter)
        for counter in range(1, blocks + 1)
    )
    return out[: length_bits // 8]


Cmac = Callable[[bytes], bytes]
"""AES-CMAC under one key: in host memory, or in a security module that never lets the key out."""


def kdf_with(prf: Cmac, constant: int, context: bytes, length_bits: int) -> bytes:
    """The SCP03 KDF (Amendment D §4.1.5) with the PRF given as a CMAC function."""
    if not 0 <= constant <= 0xFF:
        raise ValueError(f"derivation constant out of range: {constant}")
    if not 0 < length_bits <= 0xFFFF:
        raise ValueError(f"output length out of range: {length_bits} bits")
    fixed = bytes(11) + bytes((constant, 0)) + length_bits.to_bytes(2, "big")
    blocks = -(-length_bits // (8 * BLOCK))
    out = b"".join(prf(fixed + bytes((counter,)) + context) for counter in range(1, blocks + 1))
    return out[: length_bits // 8]


def kdf(key: bytes, constant: int, context: bytes, length_bits: int) -> bytes:
    """The SCP03 KDF (Amendment D §4.1.5): label 11 x 00 || constant || 00 || L || i || context."""
    return kdf_with(functools.partial(aes_cmac, key), constant, context, length_bits)


def diversify_keys(master: bytes, serial: bytes, kvn: int = 0x30) -> StaticKeys:
    """A card's AES-128 channel keys from the issuer master key and the 8-byte card serial."""
    _check_key("master", master)
    return diversify_keys_with(functools.partial(aes_cmac, master), serial, kvn)


def diversify_keys_with(master_cmac: Cmac, serial: bytes, kvn: int = 0x30) -> StaticKeys:
    """The same keys, with AES-CMAC under the master key given as a function: a security
    module's, where the master key stays. The card's keys are then in host memory, as SCP03
    needs them for the session."""
    if len(serial) != 8:
        raise ValueError(f"the card serial has 8 bytes, not {len(serial)}")
    return StaticKeys(
        enc=kdf_with(master_cmac, CONST_KEY_ENC, serial, 128),
        mac=kdf_with(master_cmac, CONST_KEY_MAC, serial, 128),
        dek=kdf_with(master_cmac, CONST_KEY_DEK, serial, 128),
        kvn=kvn,
    )


def derive_session_keys(
    keys: StaticKeys, host_challenge: bytes, card_challenge: bytes
) -> SessionKeys:
    """S-ENC, S-MAC and S-RMAC from the static keys and both challenges (Amendment D §6.2.1)."""
    context = host_challenge + card_challenge
    return SessionKeys(
        s_enc=kdf(keys.enc, CONST_S_ENC, context, 8 * len(keys.enc)),
        s_mac=kdf(keys.mac, CONST_S_MAC, context, 8 * len(keys.mac)),
        s_rmac=kdf(keys.mac, CONST_S_RMAC, context, 8 * len(keys.mac)),
    )


def _cryptogram(session: SessionKeys, constant: int, context: bytes) -> bytes:
    return kdf(session.s_mac, constant, context, 8 * CHALLENGE_LENGTH)


def _check_challenge(name: str, value: bytes) -> None:
    if len(value) != CHALLENGE_LENGTH:
        raise ValueError(f"{name} must have {CHALLENGE_LENGTH} bytes, not {len(value)}")


def _level(value: int) -> SecurityLevel:
    if value not in VALID_LEVELS:
        raise ValueError(f"security level {value:02X} is not one of 01, 03, 11, 13, 33")
    return SecurityLevel(value)


def _pad(data: bytes) -> bytes:
    """ISO/IEC 9797-1 method 2 padding to the AES block size (always adds 80)."""
    filler = BLOCK - 1 - len(data) % BLOCK
    return data + b"\x80" + bytes(filler)


def _unpad(padded: bytes) -> bytes:
    """Remove method 2 padding; raise SecureChannelError when it is not there."""
    stripped = padded.rstrip(b"\x00")
    if not stripped or stripped[-1] != 0x80 or len(padded) - len(stripped) >= BLOCK:
        raise SecureChannelError("bad padding in decrypted data")
    return stripped[:-1]


def _ecb_block(key: bytes, block: bytes) -> bytes:
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return encryptor.update(block) + encryptor.finalize()


def _cbc(key: bytes, icv: bytes, data: bytes, *, encrypt: bool) -> bytes:
    cipher = Cipher(algorithms.AES(key), modes.CBC(icv))
    engine = cipher.encryptor() if encrypt else cipher.decryptor()
    return engine.update(data) + engine.finalize()


def _command_icv(s_enc: bytes, counter: int) -> bytes:
    return _ecb_block(s_enc, counter.to_bytes(BLOCK, "big"))


def _response_icv(s_enc: bytes, counter: int) -> bytes:
    return _ecb_block(s_enc, b"\x80" + counter.to_bytes(BLOCK - 1, "big"))


def _mac_cla(cla: int) -> int:
    """CLA as MACed: logical channel zero, bit 4 cleared, bit 3 (secure messaging) set."""
    return (cla & 0xF0) | CLA_SECURE


def _lc_field(length: int) -> bytes:
    return bytes((length,)) if length <= 255 else b"\x00" + length.to_bytes(2, "big")


def _command_mac_input(chaining: bytes, command: CommandApdu, secured_data: bytes) -> bytes:
    """MAC chaining value || CLA INS P1 P2 || Lc (data and MAC) || data."""
    header = bytes((_mac_cla(command.cla), command.ins, command.p1, command.p2))
    return chaining + header + _lc_field(len(secured_data) + MAC_LENGTH) + secured_data


def _protects_response(sw: int) -> bool:
    """True for 9000 and warnings (62xx, 63xx): the status words that get an R-MAC."""
    return sw == Sw.OK or sw >> 8 in (0x62, 0x63)


def _same(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)


# -- host side ----------------------------------------------------------------------------------


class HostChannel:
    """Host side."""

    def __init__(
        self,
        session: SessionKeys,
        level: SecurityLevel,
        mac_chaining: bytes = bytes(BLOCK),
        counter: int = 0,
    ) -> None:
        self._session = session
        self.level = _level(level)
        self._chaining = mac_chaining
        self._counter = counter

    @classmethod
    def initialize_update_command(cls, kvn: int, host_challenge: bytes) -> CommandApdu:
        """INITIALIZE UPDATE: 80 50 kvn 00 08 host-challenge 00."""
        _check_challenge("host challenge", host_challenge)
        return CommandApdu(CLA_GP, INS_INITIALIZE_UPDATE, kvn, 0x00, host_challenge, ne=256)

    @classmethod
    def open(
        cls,
        keys: StaticKeys,
        host_challenge: bytes,
        init_update_response: bytes,
        level: SecurityLevel,
    ) -> tuple[HostChannel, CommandApdu]:
        """Check the card cryptogram; return the channel and its MACed EXTERNAL AUTHENTICATE."""
        _check_challenge("host challenge", host_challenge)
        level = _level(level)
        response = init_update_response
        if len(response) not in (29, 32):
            raise SecureChannelError("INITIALIZE UPDATE response of an unexpected length")
        kvn, scp, i = response[10], response[11], response[12]
        if scp != SCP03_ID:
            raise SecureChannelError("the card does not offer SCP03")
        if kvn != keys.kvn:
            raise SecureChannelError("the card answered with another key version")
        if i & _I_S16 or len(response) != (32 if i & _I_PSEUDO_RANDOM else 29):
            raise SecureChannelError("INITIALIZE UPDATE response does not match its i parameter")
        if (level & SecurityLevel.R_MAC and not i & _I_R_MAC) or (
            level & SecurityLevel.R_ENCRYPTION and not i & _I_R_ENC
        ):
            raise SecureChannelError("the card does not support the requested security level")
        card_challenge = response[13:21]
        card_cryptogram = response[21:29]
        session = derive_session_keys(keys, host_challenge, card_challenge)
        context = host_challenge + card_challenge
        if not _same(_cryptogram(session, CONST_CARD_CRYPTOGRAM, context), card_cryptogram):
            raise SecureChannelError("card cryptogram mismatch")
        host_cryptogram = _cryptogram(session, CONST_HOST_CRYPTOGRAM, context)
        channel = cls(session, level)
        unsecured = CommandApdu(CLA_GP | CLA_SECURE, INS_EXTERNAL_AUTHENTICATE, level, 0x00)
        mac = aes_cmac(session.s_mac, _command_mac_input(bytes(BLOCK), unsecured, host_cryptogram))
        channel._chaining = mac
        command = CommandApdu(
            unsecured.cla, unsecured.ins, unsecured.p1, unsecured.p2, host_cryptogram + mac[:8]
        )
        return channel, command

    def wrap(self, command: CommandApdu) -> CommandApdu:
        """Secure a command: CLA bit 04, data encrypted under C-DECRYPTION, C-MAC appended."""
        if command.cla & 0x40:
            raise ValueError(f"CLA {command.cla:02X}: only first interindustry and 8x classes")
        self._counter += 1
        data = command.data
        if self.level & SecurityLevel.C_DECRYPTION and data:
            icv = _command_icv(self._session.s_enc, self._counter)
            data = _cbc(self._session.s_enc, icv, _pad(data), encrypt=True)
        mac = aes_cmac(self._session.s_mac, _command_mac_input(self._chaining, command, data))
        self._chaining = mac
        return CommandApdu(
            command.cla | CLA_SECURE,
            command.ins,
            command.p1,
            command.p2,
            data + mac[:MAC_LENGTH],
            command.ne,
        )

    def unwrap(self, response: ResponseApdu) -> ResponseApdu:
        """Check the R-MAC and decrypt R-ENCRYPTION data as the level asks; raise on a bad R-MAC."""
        if not self.level & SecurityLevel.R_MAC:
            return response
        if not _protects_response(response.sw):
            if response.data:
                raise SecureChannelError("unprotected data with an error status word")
            return response
        if len(response.data) < MAC_LENGTH:
            raise SecureChannelError("response without its R-MAC")
        data, rmac = response.data[:-MAC_LENGTH], response.data[-MAC_LENGTH:]
        mac_input = self._chaining + data + response.sw.to_bytes(2, "big")
        if not _same(aes_cmac(self._session.s_rmac, mac_input)[:MAC_LENGTH], rmac):
            raise SecureChannelError("R-MAC mismatch")
        if self.level & SecurityLevel.R_ENCRYPTION and data:
            if len(data) % BLOCK:
                raise SecureChannelError("encrypted response not a whole number of blocks")
            icv = _response_icv(self._session.s_enc, self._counter)
            data = _unpad(_cbc(self._session.s_enc, icv, data, encrypt=False))
        return ResponseApdu(data, response.sw)


# -- card side ----------------------------------------------------------------------------------

_PENDING = "pending"
_OPEN = "open"
_CLOSED = "closed"


class CardChannel:
    """Card side (used by the virtual card OS)."""

    def __init__(self, session: SessionKeys, host_cryptogram: bytes) -> None:
        self._session = session
        self._host_cryptogram = host_cryptogram
        self._state = _PENDING
        self._chaining = bytes(BLOCK)
        self._counter = 0
        self.level = SecurityLevel(0)

    @classmethod
    def initialize_update(
        cls, keys: StaticKeys, host_challenge: bytes, card_challenge: bytes, kdd: bytes
    ) -> tuple[CardChannel, bytes]:
        """The pending channel and the INITIALIZE UPDATE response data."""
        _check_challenge("host challenge", host_challenge)
        _check_challenge("card challenge", card_challenge)
        if len(kdd) != KDD_LENGTH:
            raise ValueError(f"key diversification data has {KDD_LENGTH} bytes, not {len(kdd)}")
        session = derive_session_keys(keys, host_challenge, card_challenge)
        context = host_challenge + card_challenge
        card_cryptogram = _cryptogram(session, CONST_CARD_CRYPTOGRAM, context)
        host_cryptogram = _cryptogram(session, CONST_HOST_CRYPTOGRAM, context)
        key_info = bytes((keys.kvn, SCP03_ID, CARD_I_PARAMETER))
        response = kdd + key_info + card_challenge + card_cryptogram
        return cls(session, host_cryptogram), response

    @property
    def is_open(self) -> bool:
        """True once EXTERNAL AUTHENTICATE succeeded and until the channel is closed."""
        return self._state == _OPEN

    def close(self) -> None:
        """End the channel; it can not be used again."""
        self._state = _CLOSED
        self.level = SecurityLevel(0)

    def external_authenticate(self, command: CommandApdu) -> int:
        """Check EXTERNAL AUTHENTICATE and open the channel; return the status word to answer."""
        if self._state != _PENDING:
            return Sw.CONDITIONS_NOT_SATISFIED
        self._state = _CLOSED  # one attempt per INITIALIZE UPDATE
        if not command.cla & CLA_SECURE or command.cla & 0x4B:
            return Sw.SECURITY_STATUS_NOT_SATISFIED
        if command.p2 != 0x00:
            return Sw.INCORRECT_P1P2
        if len(command.data) != CHALLENGE_LENGTH + MAC_LENGTH:
            return Sw.WRONG_LENGTH
        if command.p1 not in VALID_LEVELS:
            return Sw.SECURITY_STATUS_NOT_SATISFIED
        cryptogram, mac = command.data[:CHALLENGE_LENGTH], command.data[CHALLENGE_LENGTH:]
        if not _same(cryptogram, self._host_cryptogram):
            return Sw.VERIFY_FAIL_NO_INFO
        full = aes_cmac(self._session.s_mac, _command_mac_input(bytes(BLOCK), command, cryptogram))
        if not _same(full[:MAC_LENGTH], mac):
            return Sw.SECURITY_STATUS_NOT_SATISFIED
        self._chaining = full
        self._counter = 0
        self.level = SecurityLevel(command.p1)
        self._state = _OPEN
        return Sw.OK

    def unwrap(self, command: CommandApdu) -> CommandApdu:
        """Check the C-MAC and decrypt; raise SecureChannelError (and close) when they fail."""
        if self._state != _OPEN:
            raise SecureChannelError("no open secure channel")
        try:
            return self._unwrap(command)
        except SecureChannelError:
            self.close()
            raise

    def _unwrap(self, command: CommandApdu) -> CommandApdu:
        if not command.cla & CLA_SECURE:
            raise SecureChannelError("command without secure messaging")
        if command.cla & 0x4B:
            raise SecureChannelError("class byte with a logical channel or another SM format")
        if len(command.data) < MAC_LENGTH:
            raise SecureChannelError("command without its C-MAC")
        data, mac = command.data[:-MAC_LENGTH], command.data[-MAC_LENGTH:]
        full = aes_cmac(self._session.s_mac, _command_mac_input(self._chaining, command, data))
        if not _same(full[:MAC_LENGTH], mac):
            raise SecureChannelError("C-MAC mismatch")
        self._chaining = full
        self._counter += 1
        if self.level & SecurityLevel.C_DECRYPTION and data:
            if len(data) % BLOCK:
                raise SecureChannelError("encrypted command not a whole number of blocks")
            icv = _command_icv(self._session.s_enc, self._counter)
            data = _unpad(_cbc(self._session.s_enc, icv, data, encrypt=False))
        return CommandApdu(
            command.cla & ~CLA_SECURE & 0xFF, command.ins, command.p1, command.p2, data, command.ne
        )

    def wrap(self, response: ResponseApdu) -> ResponseApdu:
        """Add R-ENCRYPTION and R-MAC as the level asks; error status words go out alone."""
        if self._state != _OPEN:
            raise SecureChannelError("no open secure channel")
        if not self.level & SecurityLevel.R_MAC:
            return response
        if not _protects_response(response.sw):
            return ResponseApdu(b"", response.sw)
        data = response.data
        if self.level & SecurityLevel.R_ENCRYPTION and data:
            icv = _response_icv(self._session.s_enc, self._counter)
            data = _cbc(self._session.s_enc, icv, _pad(data), encrypt=True)
        mac_input = self._chaining + data + response.sw.to_bytes(2, "big")
        rmac = aes_cmac(self._session.s_rmac, mac_input)[:MAC_LENGTH]
        return ResponseApdu(data + rmac, response.sw)
