"""Built-in consistency rules (one module per rule)."""
