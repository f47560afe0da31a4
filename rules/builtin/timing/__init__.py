"""Built-in timing rules (one module per rule)."""
