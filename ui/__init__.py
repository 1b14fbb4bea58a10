"""The PySide6 GUI: a thin layer over `core`, one sub-package per screen."""
