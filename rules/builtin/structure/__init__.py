"""Built-in structure rules (one module per rule)."""
