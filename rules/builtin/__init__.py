"""Built-in rules, discovered by the registry (one module per rule, named by its code)."""
