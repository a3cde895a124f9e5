"""Pure analysis of what was coded: units, comparisons, agreement, search, themes."""
