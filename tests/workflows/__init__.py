"""Tests of the counter workflows and the rules shared by the headless commands."""
