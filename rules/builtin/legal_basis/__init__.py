"""Built-in legal_basis rules (one module per rule)."""
