"""End-to-end tests: through real pcscd and vpcd, the command line, and across layers."""
