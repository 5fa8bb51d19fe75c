"""Briefings in the GUI: the composer dock, its undo commands, drag-and-drop and PDF export.

``feature.install(window)`` wires it into the main window. (Nothing is imported here, so the
search results can use ``refs`` without importing the whole feature.)
"""
