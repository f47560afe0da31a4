"""Built-in roles rules (one module per rule)."""
