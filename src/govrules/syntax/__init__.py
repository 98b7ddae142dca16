"""Text to syntax tree: the first stage of the pipeline."""
