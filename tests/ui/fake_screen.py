"""A minimal screen implementing the contract of ui.common.screen, for the main window's tests."""
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

BUILT = []


class SetValue(QUndoCommand):
    def __init__(self, screen, value):
        super().__init__(f"set {value}")
        self.screen, self.value, self.old = screen, value, screen.value

    def redo(self):
        self.screen.value = self.value

    def undo(self):
        self.screen.value = self.old


class FakeScreen(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.value = 0
        self.activations = 0
        self._stack = QUndoStack(self)
        QVBoxLayout(self).addWidget(QLabel("fake screen"))
        BUILT.append(self)

    def undo_stack(self):
        return self._stack

    def activated(self):
        self.activations += 1

    def set_value(self, value):
        self._stack.push(SetValue(self, value))


class BrokenScreen(QWidget):
    def __init__(self, session, parent=None):
        raise ValueError("this screen is broken on purpose")

PRELOAD = ("json.tool",)  # something not imported otherwise, to see the worker import it
