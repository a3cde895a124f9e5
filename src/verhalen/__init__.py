"""verhalen: a workbench for qualitative storytelling research."""

__version__ = "0.1.0"
