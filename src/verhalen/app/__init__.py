"""Use cases over the store and the core: the workbench, importing, coding, exploring, exporting."""
