"""The workflows' step titles and document names, marked for pyside6-lupdate (context "workflows").

The workflows give English titles in their `Step`s; ui/pages/workflow_runner.py translates them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

STEP_TITLES = (
    QT_TRANSLATE_NOOP("workflows", "Check the application"),
    QT_TRANSLATE_NOOP("workflows", "Check the card"),
    QT_TRANSLATE_NOOP("workflows", "Check the card in the register"),
    QT_TRANSLATE_NOOP("workflows", "Check the resident and the new address"),
    QT_TRANSLATE_NOOP("workflows", "Check the resident's cards"),
    QT_TRANSLATE_NOOP("workflows", "Check the resident's identity"),
    QT_TRANSLATE_NOOP("workflows", "Check the written card"),
    QT_TRANSLATE_NOOP("workflows", "Find the card to replace"),
    QT_TRANSLATE_NOOP("workflows", "Insert a blank card"),
    QT_TRANSLATE_NOOP("workflows", "Insert the resident's card"),
    QT_TRANSLATE_NOOP("workflows", "Invalidate the card's chip"),
    QT_TRANSLATE_NOOP("workflows", "Open and check the card"),
    QT_TRANSLATE_NOOP("workflows", "Print the card face and the receipt"),
    QT_TRANSLATE_NOOP("workflows", "Print the new address on the back"),
    QT_TRANSLATE_NOOP("workflows", "Put the old card's services on the new card"),
    QT_TRANSLATE_NOOP("workflows", "Read the QR code"),
    QT_TRANSLATE_NOOP("workflows", "Read the card"),
    QT_TRANSLATE_NOOP("workflows", "Record the PIN reset"),
    QT_TRANSLATE_NOOP("workflows", "Record the address change"),
    QT_TRANSLATE_NOOP("workflows", "Record the issuance"),
    QT_TRANSLATE_NOOP("workflows", "Record the return"),
    QT_TRANSLATE_NOOP("workflows", "Record the verification"),
    QT_TRANSLATE_NOOP("workflows", "Revoke the old card"),
    QT_TRANSLATE_NOOP("workflows", "Set the new PIN"),
    QT_TRANSLATE_NOOP("workflows", "Write the card"),
    QT_TRANSLATE_NOOP("workflows", "Write the new address"),
)
