"""Tests of the card layer: APDUs, TLV, secure messaging, sessions, personalisation."""
