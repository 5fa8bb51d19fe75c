"""The few errors a user can see. Each carries a message fit to show as is."""


class GcmdeskError(Exception):
    """Base class: ``str(error)`` is a complete, user-facing sentence."""


class NotFound(GcmdeskError):
    """An id (document, passage, objective, annotation, briefing) that does not exist."""


class DataError(GcmdeskError):
    """Bundled or user data that is missing, corrupt or does not match what was expected."""


class InvalidInput(GcmdeskError):
    """Input from the user (a file to import, an argument) that cannot be used; nothing changed."""
