"""The typed model: values, declarations, the builder and the resolver."""
