"""Plane geometry shared by the page backends and the grid builder.

* :mod:`extractor.geometry.lines`: axis-aligned rules, unioned from collinear pieces.
* :mod:`extractor.geometry.vector`: classifying vector paths (PDF drawing operators)
  into flowchart shapes, arrowheads and strokes.
"""
