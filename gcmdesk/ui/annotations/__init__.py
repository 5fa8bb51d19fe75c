"""Annotations in the GUI: highlights in the reader, the notes panel, undo, export/import."""

from .controller import AnnotationsUI

__all__ = ["AnnotationsUI"]
