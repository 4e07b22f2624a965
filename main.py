"""Composition root: parse arguments, configure logging, start the GUI or a subcommand."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from counter_app import __version__
from counter_app.card.trace import install_trace_level
from counter_app.commands import (
    audit,
    counter_tasks,
    facilities,
    keys,
    operators,
    purposes,
    records,
    selfcheck,
    services,
    verify,
)
from counter_app.config import Configuration, configuration_from_environment
from counter_app.errors import CounterError

log = logging.getLogger("counter_app")


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counter-app", description="Resident Card Counter (住民基本台帳カード窓口)"
    )
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument(
        "--log-level",
        default="WARNING",
        help="logging level: TRACE (APDUs, secrets masked), DEBUG, INFO, WARNING",
    )
    sub = parser.add_subparsers(dest="command")

    gui = sub.add_parser("gui", help="open the counter window (the default)")
    gui.add_argument("--lang", choices=["ja", "en"], default=None, help="interface language")
    gui.add_argument("--reader", default=None, help="use only this PC/SC reader")

    kiosk = sub.add_parser("kiosk", help="open the kiosk window (full screen)")
    kiosk.add_argument("--lang", choices=["ja", "en"], default=None, help="interface language")
    kiosk.add_argument("--reader", default=None, help="use only this PC/SC reader")

    vc = sub.add_parser("virtual-card", help="virtual cards for tests and training")
    vc_sub = vc.add_subparsers(dest="vc_command", required=True)
    create = vc_sub.add_parser("create", help="make a blank card file (or a personalised demo)")
    create.add_argument("path")
    create.add_argument("--demo", action="store_true", help="personalise a demo card, print JSON")
    create.add_argument("--force", action="store_true", help="overwrite an existing card file")
    serve = vc_sub.add_parser("serve", help="insert the card into pcscd's vpcd reader")
    serve.add_argument("path")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=35963)

    card = sub.add_parser("card", help="read cards")
    card_sub = card.add_subparsers(dest="card_command", required=True)
    read = card_sub.add_parser(
        "read",
        help="read the card in a reader",
        description=(
            "Read and verify the card: with --pin the text attributes (the chip key and expiry "
            "are in the face data, so those checks are unknown: use `counter-app verify`), with "
            "--unlock the face data (its images are given as their size in bytes and SHA-256, "
            "not their content). Every check is printed with its verdict; data a failed check "
            "covers is withheld. A 個人番号カード is read by its public layout against the J-LIS "
            "keys in the data directory's jlis/ folder; its chip cannot be authenticated, so its "
            "exit status is 1. Exit status 0 only when every check succeeded, 1 otherwise, "
            "2 on errors."
        ),
    )
    read.add_argument("--reader", default=None, help="reader name (default: the first with a card)")
    secret = read.add_mutually_exclusive_group(required=True)
    secret.add_argument("--pin", help="resident PIN: read the text attributes")
    secret.add_argument(
        "--unlock", help="unlock number 照合番号B: read the face data (images as size and SHA-256)"
    )
    read.add_argument("--json", action="store_true", help="print JSON")

    seal = sub.add_parser("seal", help="signed codes on printed cards and certificates")
    seal_sub = seal.add_subparsers(dest="seal_command", required=True)
    seal_verify = seal_sub.add_parser("verify", help="check a seal; exit 0 only when valid")
    seal_input = seal_verify.add_mutually_exclusive_group(required=True)
    seal_input.add_argument("--image", help="a scan, photo or PDF holding the code")
    seal_input.add_argument("--text", help="the text of the code, as a scanner types it")
    seal_input.add_argument("--raw", help="a file holding the seal's bytes")
    seal_verify.add_argument(
        "--cert", help="signer certificate (DER or PEM) instead of the trust store"
    )
    seal_verify.add_argument("--json", action="store_true", help="print JSON")

    printing = sub.add_parser("print", help="write printed matter as PDF")
    print_sub = printing.add_subparsers(dest="print_command", required=True)
    for name, what in (
        ("card-face", "a card face, front and back"),
        ("certificate", "a certificate"),
    ):
        doc = print_sub.add_parser(name, help=f"write {what}")
        doc.add_argument("--demo", action="store_true", help="the demo resident")
        doc.add_argument("--out", required=True, help="the PDF file to write")
        doc.add_argument("--seed", type=int, default=None, help="another demo resident")
    print_sub.choices["card-face"].add_argument(
        "--bleed", type=float, default=0.0, help="bleed in millimetres for card printers"
    )
    records.add_parsers(sub)
    counter_tasks.add_parsers(sub)
    services.add_parser(sub)
    facilities.add_parser(sub)
    purposes.add_parser(sub)
    operators.add_parser(sub)
    keys.add_parser(sub)
    verify.add_parser(sub)
    audit.add_parser(sub)
    selfcheck.add_parser(sub)
    return parser


NO_DISPLAY = (
    "error: there is no display to open the counter window on (DISPLAY and WAYLAND_DISPLAY are "
    "not set); start it from a desktop session, or under a virtual display: xvfb-run -a ./dev run"
)


def _display_missing() -> bool:
    """True where Qt would abort for want of a display (Linux without X11 or Wayland)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _configuration(args: argparse.Namespace) -> Configuration:
    """The one place settings are read: the environment, then the command line (--reader)."""
    return configuration_from_environment(os.environ, reader=getattr(args, "reader", None))


def _operator_commands() -> frozenset[str | None]:
    """What a machine configured as a certificate kiosk refuses: the counter's functions."""
    return frozenset(
        {None, "gui", "card", *counter_tasks.COMMANDS, *records.COMMANDS, services.COMMAND,
         facilities.COMMAND, purposes.COMMAND, verify.COMMAND, operators.COMMAND,
         audit.COMMAND, selfcheck.COMMAND, keys.COMMAND}
    )  # fmt: skip


def _run(args: argparse.Namespace) -> int:
    if args.command in (None, "gui", "kiosk") and _display_missing():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    config = _configuration(args)
    if config.is_kiosk and args.command in _operator_commands():
        from counter_app.workflows.errors import KioskOperatorFunctionError

        raise KioskOperatorFunctionError(f"{args.command or 'gui'} on kiosk {config.kiosk_id}")
    if config.font_file is not None:
        from counter_app.printing.fonts import use_font_file

        use_font_file(config.font_file)  # PDFs; face images get the font from the context
    if args.command in (None, "gui"):
        from ui.app import run_gui

        return run_gui(config, lang=getattr(args, "lang", None))
    if args.command == "kiosk":
        from ui.kiosk_window import run_kiosk

        return run_kiosk(config, lang=args.lang)
    if args.command == "virtual-card":
        from counter_app.commands import virtual_card

        if args.vc_command == "create":
            return virtual_card.create(config, args.path, demo=args.demo, force=args.force)
        return virtual_card.serve(args.path, host=args.host, port=args.port)
    if args.command == "card":
        from counter_app.commands import card_read

        return card_read.read(config, pin=args.pin, unlock=args.unlock, as_json=args.json)
    if args.command == "seal":
        from counter_app.commands import seal_verify

        return seal_verify.verify(
            config,
            image=args.image,
            text=args.text,
            raw=args.raw,
            cert=args.cert,
            as_json=args.json,
        )
    if args.command in records.COMMANDS:
        return records.run(args, config)
    if args.command in counter_tasks.COMMANDS:
        return counter_tasks.run(args, config)
    if args.command == services.COMMAND:
        return services.run(args, config)
    if args.command == facilities.COMMAND:
        return facilities.run(args, config)
    if args.command == purposes.COMMAND:
        return purposes.run(args, config)
    if args.command == verify.COMMAND:
        return verify.run(args, config)
    if args.command == operators.COMMAND:
        return operators.run(args, config)
    if args.command == keys.COMMAND:
        return keys.run(args, config)
    if args.command == audit.COMMAND:
        return audit.run(args, config)
    if args.command == selfcheck.COMMAND:
        return selfcheck.run(args, config)
    if args.command == "print":
        from counter_app.commands import print_documents

        if args.print_command == "card-face":
            return print_documents.card_face(
                config, out=args.out, demo=args.demo, seed=args.seed, bleed_mm=args.bleed
            )
        return print_documents.certificate(config, out=args.out, demo=args.demo, seed=args.seed)
    raise AssertionError(args.command)


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    install_trace_level()
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        return _run(args)
    except CounterError as exc:
        print(f"error: {exc.what} {exc.todo}", file=sys.stderr)
        if exc.detail and exc.detail != exc.what:
            print(f"detail: {exc.detail}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
