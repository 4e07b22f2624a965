"""The PySide6 user interface: the counter window, its dialogs, and the card thread."""
