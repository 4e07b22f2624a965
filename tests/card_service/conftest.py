"""Tests of the card service choice: PC/SC, the in-process reader, training cards."""
