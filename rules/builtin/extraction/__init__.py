"""Built-in extraction rules (one module per rule)."""
