"""One logged-in session per configured token, shared by every thread of the process.

PKCS#11 logs a whole application in, not one session, and a session must not run two operations
at once; so each token gets one read-write session, opened on first use and used under a lock.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

import pkcs11
from pkcs11 import Attribute, ObjectClass
from pkcs11 import exceptions as p11

from counter_app.keystore.errors import (
    TokenError,
    TokenKeyNotFoundError,
    TokenModuleError,
    TokenNotFoundError,
    TokenOperationError,
    TokenPinError,
    TokenPinLockedError,
)
from counter_app.keystore.settings import TokenSettings

log = logging.getLogger(__name__)

_PIN_REFUSED: Final = (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange, p11.PinExpired)
_SESSION_LOST: Final = (
    p11.SessionHandleInvalid,
    p11.SessionClosed,
    p11.DeviceRemoved,
    p11.TokenNotPresent,
    p11.UserNotLoggedIn,
)


class Token:
    """A logged-in session on the configured token; `session()` lends it to one caller at once."""

    def __init__(self, settings: TokenSettings, session: pkcs11.Session) -> None:
        self.settings = settings
        self._session = session
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return f"Token(label={self.settings.label!r})"

    @property
    def label(self) -> str:
        return self.settings.label

    @contextmanager
    def session(self) -> Iterator[pkcs11.Session]:
        """The session, held by this thread until the block ends; PKCS#11 errors in words."""
        with self._lock:
            self._ensure_alive()
            try:
                yield self._session
            except p11.NoSuchKey as exc:
                raise TokenKeyNotFoundError(f"token {self.label!r}: {exc}") from None
            except _SESSION_LOST as exc:
                # The module was restarted or the token pulled: log in again for the next try.
                self._reopen()
                raise TokenOperationError(
                    f"token {self.label!r}: the session was lost ({type(exc).__name__})"
                ) from None
            except p11.PKCS11Error as exc:
                raise TokenOperationError(
                    f"token {self.label!r}: {type(exc).__name__} {exc}".strip()
                ) from None

    def _ensure_alive(self) -> None:
        """Log in again when the session was lost (the module restarted, the token replugged).

        Probed with C_GenerateRandom, which needs no operation state: a search started on a
        dead session leaves python-pkcs11 an operation it cannot finish.
        """
        try:
            self._session.generate_random(64)
        except _SESSION_LOST:
            log.warning("The session on token %r was lost; logging in again", self.label)
            self._close_quietly()
            self._session = _login(self.settings)  # a failure here is said in words
        except p11.PKCS11Error:
            pass  # a module without a random generator: nothing to learn here

    def _close_quietly(self) -> None:
        try:
            self._session.close()
        except p11.PKCS11Error:
            log.debug("closing the lost session on token %r failed", self.label)

    def _reopen(self) -> None:
        self._close_quietly()
        try:
            self._session = _login(self.settings)
        except TokenError:
            log.warning("Token %r cannot be opened again yet", self.label)

    def find(self, object_class: ObjectClass, label: str) -> Any:
        """The one object of `object_class` labelled `label`; TokenKeyNotFoundError if none."""
        with self.session() as session:
            found = list(
                session.get_objects({Attribute.CLASS: object_class, Attribute.LABEL: label})
            )
        if not found:
            raise TokenKeyNotFoundError(
                f"token {self.label!r} has no {object_class.name.lower()} labelled {label!r}"
            )
        if len(found) > 1:
            raise TokenOperationError(
                f"token {self.label!r} has {len(found)} objects labelled {label!r}"
            )
        return found[0]

    def private_key(self, label: str) -> pkcs11.PrivateKey:
        """The private key labelled `label`."""
        key: pkcs11.PrivateKey = self.find(ObjectClass.PRIVATE_KEY, label)
        return key

    def public_key(self, label: str) -> pkcs11.PublicKey:
        """The public key labelled `label`."""
        key: pkcs11.PublicKey = self.find(ObjectClass.PUBLIC_KEY, label)
        return key

    def secret_key(self, label: str) -> pkcs11.SecretKey:
        """The secret (symmetric) key labelled `label`."""
        key: pkcs11.SecretKey = self.find(ObjectClass.SECRET_KEY, label)
        return key

    def has(self, object_class: ObjectClass, label: str) -> bool:
        """True when the token holds an object of `object_class` labelled `label`."""
        with self.session() as session:
            return any(
                True
                for _ in session.get_objects(
                    {Attribute.CLASS: object_class, Attribute.LABEL: label}
                )
            )


_tokens: dict[tuple[str, str], Token] = {}
_tokens_lock = threading.Lock()


def open_token(settings: TokenSettings) -> Token:
    """The token's shared session, opened and logged in on first use."""
    key = (str(settings.module), settings.label)
    with _tokens_lock:
        token = _tokens.get(key)
        if token is None:
            token = Token(settings, _login(settings))
            _tokens[key] = token
        return token


def forget_tokens() -> None:
    """Close every shared session and finalise the PKCS#11 libraries (tests; end of a run).

    A library reads its configuration when initialised, so a test that makes a new token
    calls this to have the next `open_token` see it.
    """
    with _tokens_lock:
        modules = {str(token.settings.module) for token in _tokens.values()}
        for token in _tokens.values():
            try:
                token._session.close()
            except p11.PKCS11Error:
                log.debug("closing the session on token %r failed", token.label)
        _tokens.clear()
        for module in modules:
            pkcs11.unload(module)


def _library(settings: TokenSettings) -> Any:
    if not settings.module.is_file():
        raise TokenModuleError(f"there is no file {settings.module}")
    try:
        return pkcs11.lib(str(settings.module))
    except (OSError, RuntimeError) as exc:
        # RuntimeError covers PKCS11Error: a library that loads but fails to initialise.
        raise TokenModuleError(f"{settings.module}: {type(exc).__name__} {exc}") from None


def _login(settings: TokenSettings) -> pkcs11.Session:
    library = _library(settings)
    try:
        token = library.get_token(token_label=settings.label)
    except p11.NoSuchToken:
        raise TokenNotFoundError(f"no token labelled {settings.label!r}") from None
    except p11.MultipleTokensReturned:
        raise TokenNotFoundError(f"more than one token is labelled {settings.label!r}") from None
    except p11.PKCS11Error as exc:
        raise TokenModuleError(f"{settings.module}: {type(exc).__name__}") from None
    pin = settings.read_pin()
    try:
        session: pkcs11.Session = token.open(rw=True, user_pin=pin)
    except p11.PinLocked:
        raise TokenPinLockedError(f"token {settings.label!r}") from None
    except _PIN_REFUSED:
        raise TokenPinError(f"token {settings.label!r}") from None
    except p11.UserAlreadyLoggedIn:
        # Another session of this process logged the application in already: share that login.
        session = token.open(rw=True)
    except p11.PKCS11Error as exc:
        raise TokenOperationError(
            f"opening a session on token {settings.label!r}: {type(exc).__name__}"
        ) from None
    log.info("Opened a session on token %r", settings.label)
    return session
