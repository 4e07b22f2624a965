"""The municipality and its mayor as settings: the check digit of the local government code,
the settings read from the environment, the counter's and the kiosk's printouts under the
configured municipality, training's demo city, and a configured register without them refusing
to print before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from counter_app.config import (
    MAYOR_ENV,
    MUNICIPALITY_CODE_ENV,
    MUNICIPALITY_ENV,
    Configuration,
    MunicipalitySettings,
    configuration_from_environment,
)
from counter_app.errors import MunicipalityCodeError, MunicipalityNotConfiguredError
from counter_app.municipality_code import check_digit, code_problem
from counter_app.printing.card_face import DEMO_MUNICIPALITY
from counter_app.records import STANDARD_SERVICES, OperatorSession, Register, Role
from counter_app.virtual_card.inprocess import InProcessBackend
from counter_app.workflows import context_from_config
from counter_app.workflows.card_services import CONSENT_TEXT_VERSION, ServiceDesk
from counter_app.workflows.certificate_kiosk import CERTIFICATE_SERVICE, Scope
from counter_app.workflows.common import IdentityDocument
from counter_app.workflows.issuance import IssuanceRequest, IssuanceWorkflow
from counter_app.workflows.municipality import (
    TRAINING_MAYOR,
    Certifier,
    certifier_of,
    mayor_title,
)
from tests.support.card_fixtures import manufacture
from tests.support.certificate_kiosks import MemoryPrinter, text_of
from tests.support.records_fixtures import resident
from tests.support.softhsm import SoftToken
from tests.support.token_keys import install_token_keys
from ui.kiosk_desk import open_desk

PIN = "4829"
SHIMONOSEKI = {
    MUNICIPALITY_ENV: "山口県下関市",
    MUNICIPALITY_CODE_ENV: "352012",
    MAYOR_ENV: "前田\u3000晋太郎",
}


@pytest.mark.parametrize(
    "code",
    [
        "352012",  # 山口県下関市
        "131016",  # 東京都千代田区
        "011002",  # 北海道札幌市
        "271004",  # 大阪府大阪市
        "131041",  # 東京都新宿区: remainder 0, check digit 1
        "131130",  # 東京都渋谷区: remainder 1, check digit 0
    ],
)
def test_real_local_government_codes_pass_the_check_digit(code: str) -> None:
    assert check_digit(code[:5]) == int(code[5])
    assert code_problem(code) is None


@pytest.mark.parametrize("code", ["352013", "131061", "35201", "3520122", "３５２０１２", "35201x"])
def test_a_mistyped_code_is_refused(code: str) -> None:
    assert code_problem(code) is not None


def test_the_settings_come_from_the_environment(tmp_path: Path) -> None:
    config = configuration_from_environment({"COUNTER_APP_HOME": str(tmp_path), **SHIMONOSEKI})
    assert config.municipality == MunicipalitySettings("山口県下関市", "352012", "前田\u3000晋太郎")
    bare = configuration_from_environment({"COUNTER_APP_HOME": str(tmp_path)})
    assert bare.municipality is None


def test_a_wrong_code_names_the_setting(tmp_path: Path) -> None:
    environ = {"COUNTER_APP_HOME": str(tmp_path), **SHIMONOSEKI, MUNICIPALITY_CODE_ENV: "352013"}
    with pytest.raises(MunicipalityCodeError) as wrong:
        configuration_from_environment(environ)
    assert MUNICIPALITY_CODE_ENV in wrong.value.what
    assert "check digit of 35201 is 2" in wrong.value.detail


def test_a_half_configured_municipality_names_what_is_missing(tmp_path: Path) -> None:
    environ = {"COUNTER_APP_HOME": str(tmp_path), **SHIMONOSEKI}
    del environ[MAYOR_ENV]
    with pytest.raises(MunicipalityNotConfiguredError) as missing:
        configuration_from_environment(environ)
    assert missing.value.detail == f"not set: {MAYOR_ENV}"
    assert all(name in missing.value.todo for name in SHIMONOSEKI)


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("山口県下関市", "下関市長"),
        ("東京都千代田区", "千代田区長"),
        ("北海道札幌市", "札幌市長"),
        ("長野県北佐久郡軽井沢町", "軽井沢町長"),
        ("福島県郡山市", "郡山市長"),
        ("和歌山県和歌山市", "和歌山市長"),
    ],
)
def test_the_mayors_title_is_the_municipalitys_own(name: str, title: str) -> None:
    assert mayor_title(name) == title


def configured(
    register: Register,
    supervisor: OperatorSession,
    token: SoftToken,
    home: Path,
    url: str,
    key: Path,
    **environ: str,
) -> Configuration:
    """A municipality's counter: its register, its keys in its token, their certificates in the
    trust store it is configured with, `environ`'s settings."""
    keys = install_token_keys(register, supervisor, token, home)
    trust_store = home.parent / "trust"
    keys.export_certificates(trust_store)
    settings = configuration_from_environment({"COUNTER_APP_HOME": str(home), **environ})
    return Configuration(
        data_dir=home,
        register_url=url,
        record_code_key_file=key,
        municipality=settings.municipality,
        trust_store_dir=trust_store,
        token=token.settings,
    )


def test_the_counter_and_the_kiosk_print_under_the_configured_municipality_and_mayor(
    register: Register,
    supervisor: OperatorSession,
    make_operator: Callable[..., OperatorSession],
    records_url: str,
    records_key_path: Path,
    soft_token: SoftToken,
    tmp_path: Path,
) -> None:
    config = configured(
        register, supervisor, soft_token, tmp_path / "home", records_url, records_key_path,
        **SHIMONOSEKI,
    )  # fmt: skip
    clerk = make_operator("clerk", Role.ISSUING_CLERK)
    ctx = context_from_config(config, register, clerk)
    person = register.residents.add(supervisor, resident(given="花子"))
    card = manufacture(ctx.issuer, tmp_path / "card.json")
    issued = IssuanceWorkflow(
        ctx, IssuanceRequest(person, (IdentityDocument.PASSPORT,), PIN), card.reader.connect
    ).run()
    assert issued.printed is not None
    assert "山口県下関市" in text_of(issued.printed.card_face_pdf)
    receipt = text_of(issued.printed.receipt_pdf)
    assert "山口県下関市" in receipt and "下関市長" in receipt and "見本" not in receipt

    for new in STANDARD_SERVICES:  # the kiosk serves cards that carry its service
        register.services.add_service_type(supervisor, new)
        register.services.set_enabled(supervisor, new.code, True)
    admin = make_operator("applets", Role.APPLET_ADMIN)
    ServiceDesk(context_from_config(config, register, admin), card.connection).install(
        CERTIFICATE_SERVICE, consent_version=CONSENT_TEXT_VERSION
    )
    printer = MemoryPrinter()
    desk = open_desk(config, lambda: InProcessBackend(card.reader), printer)
    try:
        reader = desk.card_reader()
        assert reader is not None
        desk.open(reader, PIN)
        desk.issue(Scope.SELF, 1)
    finally:
        desk.close()
    ((_, pdf, _),) = printer.jobs
    certificate = text_of(pdf)
    assert "下関市長\u3000前田\u3000晋太郎" in certificate
    assert "見本" not in certificate and TRAINING_MAYOR not in certificate


def test_a_configured_register_without_the_municipality_refuses_to_print_before_writing(
    register: Register,
    supervisor: OperatorSession,
    make_operator: Callable[..., OperatorSession],
    records_url: str,
    records_key_path: Path,
    soft_token: SoftToken,
    tmp_path: Path,
) -> None:
    config = configured(
        register, supervisor, soft_token, tmp_path / "home", records_url, records_key_path
    )
    assert config.municipality is None
    ctx = context_from_config(config, register, make_operator("clerk", Role.ISSUING_CLERK))
    person = register.residents.add(supervisor, resident(given="花子"))
    card = manufacture(ctx.issuer, tmp_path / "card.json")
    workflow = IssuanceWorkflow(
        ctx, IssuanceRequest(person, (IdentityDocument.PASSPORT,), PIN), card.reader.connect
    )
    with pytest.raises(MunicipalityNotConfiguredError) as refused:
        workflow.run()
    assert workflow.progress().failed_step == "application"
    assert register.access(ctx.operator, "card-issuance").cards(person) == []
    assert MUNICIPALITY_CODE_ENV in refused.value.todo

    with pytest.raises(MunicipalityNotConfiguredError):
        open_desk(config, lambda: InProcessBackend(card.reader), MemoryPrinter())


@pytest.mark.parametrize("environ", [{}, SHIMONOSEKI], ids=["bare", "configured"])
def test_training_prints_the_demo_city_and_the_training_mayor_even_when_configured(
    register: Register, supervisor: OperatorSession, tmp_path: Path, environ: dict[str, str]
) -> None:
    home = tmp_path / "home"
    config = configuration_from_environment({"COUNTER_APP_HOME": str(home), **environ})
    assert config.uses_default_register
    ctx = context_from_config(config, register, supervisor)
    assert ctx.certifying_municipality().name == "見本県見本市"
    assert certifier_of(config) == Certifier(DEMO_MUNICIPALITY, TRAINING_MAYOR)
