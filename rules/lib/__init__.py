"""Helpers shared by rules: knowledge loading, text matching, regulations, titles, flow, time."""
