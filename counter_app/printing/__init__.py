"""Printed matter: layouts as data, reportlab rendering, security patterns, signed seals."""
