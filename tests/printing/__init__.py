"""Tests of the printed card face, certificates, seals and CUPS printing."""
