"""Renderer of the LKIP corpus: spec → content blocks → PDF, DOCX, scan; and ground truth."""
