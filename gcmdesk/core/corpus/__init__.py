"""Ingestion: raw document texts → structured documents (see ``model``)."""
