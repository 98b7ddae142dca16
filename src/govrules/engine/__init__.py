"""Rules as data: the rule language, its compiler against the vocabulary, and the evaluator."""
