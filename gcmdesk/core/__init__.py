"""The gcmdesk domain: no Qt here, everything usable from tests and the CLI."""
