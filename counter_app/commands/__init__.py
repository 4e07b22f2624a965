"""Headless subcommands of `counter-app`; each module exposes functions main.py dispatches to."""
