"""scorer: checks annual 法治政府建设 reports against the national outlines, with evidence."""

try:
    from importlib.metadata import version as _version

    __version__ = _version("scorer")
except Exception:  # running from a source tree without installation
    __version__ = "0.0.0+source"
