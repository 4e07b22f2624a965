"""Tests of the simulated card OS and its bridge to the vpcd driver (no pcscd)."""
