"""The widgets of the main window: reader, panes, search panel, objective view."""
