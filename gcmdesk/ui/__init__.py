"""The Qt layer: thin widgets and models over ``gcmdesk.core``."""
